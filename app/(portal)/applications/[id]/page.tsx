import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getLocale, getTranslations } from "next-intl/server";
import { ApplicationSteps, ResolveObjectionForm } from "@/components/forms/application-steps";
import { GradeBadge } from "@/components/ui/grade-badge";
import { Section } from "@/components/ui/section";
import { announceBlocker, nextState, noticePeriod } from "@/lib/domain/application-workflow";
import { uncoveredYears } from "@/lib/domain/working-days";
import { isoDate } from "@/lib/domain/dates";
import { getDisplayFormat } from "@/lib/i18n/display";
import { pickName } from "@/lib/i18n/pick";
import { getCaller, requireCaller } from "@/lib/server/auth/session";
import { getApplication } from "@/lib/server/data/applications";
import { loadWorkingCalendar } from "@/lib/server/data/calendar";
import { elementNames } from "@/lib/server/data/mines";
import { loadRuleSet } from "@/lib/server/data/rules";
import * as stepActions from "./actions";
import { lastValidDay } from "@/lib/domain/grade-validity";
import { ScrollBox } from "@/components/ui/scroll-box";
import { EvidenceFiles } from "@/components/evidence/evidence-files";
import { EvidenceUploadForm } from "@/components/forms/evidence-upload-form";
import { evidenceOf } from "@/lib/server/data/evidence";
import { OPEN_STATES } from "@/lib/domain/application-workflow";
import { attachEvidenceAction } from "../../evidence-actions";

type Params = { params: Promise<{ id: string }> };

// One scoped read per request, shared by the title and the page: an application outside the caller's
// scope (or absent) gets no title of its own, so a 404 does not echo the number asked for.
const loadApplication = cache(async (id: string) => {
  const caller = await getCaller();
  return caller ? getApplication(caller, Number(id)) : null;
});

export async function generateMetadata({ params }: Params) {
  const detail = await loadApplication((await params).id);
  if (!detail) return {};
  const t = await getTranslations("applications");
  return { title: t("number", { id: detail.app.id }) };
}

/** Reasons the system writes are codes; people's reasons are shown as written. */
const REASON_CODES = ["NO_LEVEL_REACHED", "APPLIED_LEVEL_MISSED"] as const;

export default async function ApplicationPage({ params }: Params) {
  const caller = await requireCaller();
  const detail = await loadApplication((await params).id);
  if (!detail) notFound();
  const { app, conditions, objections, openObjections, acts, grader, noticeDays, today } = detail;
  const [t, te, f, locale, names, ruleSet, calendar] = await Promise.all([
    getTranslations("applications"),
    getTranslations("enums"),
    getDisplayFormat(),
    getLocale(),
    elementNames([app.ruleVersionId]),
    acts.includes("ASSESS") ? loadRuleSet({ id: app.ruleVersionId }) : Promise.resolve(null),
    loadWorkingCalendar(),
  ]);
  // Files of the application and of its objections, each as far as the caller may read them.
  const [appFiles, objectionFiles, tev] = await Promise.all([
    evidenceOf(caller, "application", [app.id]),
    evidenceOf(
      caller,
      "objection",
      objections.map((o) => o.id),
    ),
    getTranslations("evidence"),
  ]);
  // The mine's manager adds files while the application is a draft or in progress (the service decides).
  const mayAttach =
    caller.role === "MINE_MANAGER" &&
    caller.mineId === app.mineId &&
    (app.state === "DRAFT" || OPEN_STATES.includes(app.state));
  // A notice started today: its length (the province's for the level, else the rule version's) and its last day.
  // The notice a start today would give, where the next step is to start one (an extension: after review).
  const noticeToday =
    nextState(app.state, "START_NOTICE", app.kind) !== null ? noticePeriod(today, noticeDays, calendar) : null;
  // Years of the notice (or of a notice started today) whose holidays the calendar does not know: the
  // working days there were counted Monday to Friday, which the official should check.
  const noticeYears = app.noticeStartsOn
    ? uncoveredYears(isoDate(app.noticeStartsOn), isoDate(app.noticeEndsOn ?? app.noticeStartsOn), calendar)
    : (noticeToday?.uncoveredYears ?? []);
  const reasonText = (r: string | null) =>
    r === null ? null : (REASON_CODES as readonly string[]).includes(r) ? t(`reasons.${r}`) : r;
  const number = (v: unknown) => (v === null || v === undefined ? "—" : f.number(Number(v)));

  const self = app.selfScoresheet;
  const assessed = app.assessedScoresheet;
  const codes = [...new Set([...(self?.scores ?? []), ...(assessed?.scores ?? [])].map((s) => s.elementCode))];
  const elementName = (code: string) => {
    const e = names.find((n) => n.mineType === app.mine.type && n.code === code);
    return e ? pickName(locale, e.nameZh, e.nameEn) : "";
  };
  const scoreOf = (sheet: typeof self, code: string) => {
    const s = sheet?.scores.find((x) => x.elementCode === code);
    if (!s) return "—";
    return s.notApplicable || s.score === null ? t("detail.notApplicable") : number(s.score);
  };
  const blocker =
    app.state === "PUBLIC_NOTICE" && acts.includes("REJECT") && !acts.includes("ANNOUNCE")
      ? announceBlocker(
          { state: app.state, noticeEndsOn: app.noticeEndsOn ? isoDate(app.noticeEndsOn) : null, openObjections },
          today,
        )
      : null;
  const target = { applicationId: app.id, version: app.version };

  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm text-slate-600">
          <Link href="/applications" className="underline">
            {t("title")}
          </Link>
        </p>
        <h1 className="text-2xl font-semibold">
          {t("detail.title", { id: app.id, mine: pickName(locale, app.mine.name, app.mine.nameEn) })}
        </h1>
        <p className="mt-1">
          <span
            className="rounded bg-slate-200 px-2 py-0.5 text-sm font-medium"
            data-testid="application-state"
            data-state={app.state}
          >
            {t(`state.${app.state}`)}
          </span>
        </p>
      </div>

      <Section title={t("detail.summary")}>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
          <dt className="text-slate-600">{t("detail.mine")}</dt>
          <dd>
            <Link href={`/mines/${encodeURIComponent(app.mine.code)}`} className="text-brand-700 underline">
              {pickName(locale, app.mine.name, app.mine.nameEn)}
            </Link>{" "}
            <span className="font-mono text-xs text-slate-600">{app.mine.code}</span> ·{" "}
            {te(`mineType.${app.mine.type}`)}
          </dd>
          <dt className="text-slate-600">{t("detail.kind")}</dt>
          <dd data-testid="application-kind" data-kind={app.kind}>
            {t(`kinds.${app.kind}`)}
            {detail.extends && (
              <>
                {" "}
                {t("detail.extendedGrade", {
                  date: f.date(lastValidDay(detail.extends.endsOn)),
                  start: f.date(detail.extends.endsOn),
                })}
              </>
            )}
          </dd>
          <dt className="text-slate-600">{t("appliedLevel")}</dt>
          <dd>
            <GradeBadge level={app.appliedLevel} />
          </dd>
          <dt className="text-slate-600">{t("detail.resultLevel")}</dt>
          <dd data-testid="result-level">{app.resultLevel ? <GradeBadge level={app.resultLevel} /> : "—"}</dd>
          <dt className="text-slate-600">{t("detail.ruleVersion")}</dt>
          <dd>{pickName(locale, app.ruleVersion.nameZh, app.ruleVersion.nameEn)}</dd>
          <dt className="text-slate-600">{t("col.submittedOn")}</dt>
          <dd>{f.date(app.submittedOn)}</dd>
          <dt className="text-slate-600">{t("detail.grader")}</dt>
          <dd>{grader ? pickName(locale, grader.nameZh, grader.nameEn) : "—"}</dd>
          <dt className="text-slate-600">{t("col.notice")}</dt>
          <dd data-testid="notice-period">
            {app.noticeStartsOn ? t("period", { from: f.date(app.noticeStartsOn), to: f.date(app.noticeEndsOn) }) : "—"}
            {app.state === "PUBLIC_NOTICE" && (
              <>
                {" "}
                <Link href={`/notices/${app.id}`} className="text-brand-700 underline">
                  {t("detail.publicPage")}
                </Link>
              </>
            )}
          </dd>
          {noticeYears.length > 0 && (
            <dd className="col-span-full text-amber-800" role="note" data-testid="calendar-warning">
              {t("detail.calendarUncovered", { years: noticeYears.join(", ") })}
            </dd>
          )}
          {app.rejectionReason && (
            <>
              <dt className="text-slate-600">{t("detail.rejectionReason")}</dt>
              <dd data-testid="rejection-reason">{reasonText(app.rejectionReason)}</dd>
            </>
          )}
          {app.grade && (
            <>
              <dt className="text-slate-600">{t("detail.grade")}</dt>
              <dd data-testid="announced-grade">
                <GradeBadge level={app.grade.level} />{" "}
                {t("detail.gradeText", {
                  no: app.grade.announcementNo,
                  from: f.date(app.grade.announcedOn),
                  to: f.date(lastValidDay(app.grade.validUntil)),
                  authority: pickName(locale, app.grade.authority.nameZh, app.grade.authority.nameEn),
                })}
              </dd>
            </>
          )}
        </dl>
      </Section>

      <Section title={t("detail.conditions")}>
        {conditions.length === 0 ? (
          <p className="text-sm text-slate-700">{t("detail.noConditions")}</p>
        ) : (
          <table className="min-w-full text-sm" data-testid="application-conditions">
            <thead>
              <tr className="text-left">
                <th className="p-2">{t("detail.condition")}</th>
                <th className="p-2">{t("detail.met")}</th>
                <th className="p-2">{t("detail.evidence")}</th>
              </tr>
            </thead>
            <tbody>
              {conditions.map((c) => (
                <tr key={c.code} className="border-t border-slate-200 align-top" data-condition={c.code}>
                  <td className="p-2">{pickName(locale, c.textZh, c.textEn)}</td>
                  <td className="p-2" data-met={c.met === null ? "" : String(c.met)}>
                    {c.met === null ? (
                      <span className="text-amber-800">{t("detail.notRecorded")}</span>
                    ) : c.met ? (
                      t("detail.yes")
                    ) : (
                      <span className="font-medium text-red-700">{t("detail.no")}</span>
                    )}
                  </td>
                  <td className="p-2 whitespace-pre-wrap">{c.evidence ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>

      <Section title={tev("title")}>
        <div className="space-y-3">
          <EvidenceFiles files={appFiles.get(app.id) ?? []} testId="application-files" />
          {mayAttach && (
            <EvidenceUploadForm
              action={attachEvidenceAction}
              ownerKind="application"
              ownerId={app.id}
              already={appFiles.get(app.id)?.length ?? 0}
            />
          )}
        </div>
      </Section>

      <Section title={t("detail.steps")}>
        {blocker && blocker !== "NOT_IN_NOTICE" && (
          <p
            className="mb-3 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm"
            data-testid="announce-blocked"
          >
            {t(`detail.blocker.${blocker}`, { date: f.date(app.noticeEndsOn) })}
          </p>
        )}
        {acts.length === 0 ? (
          <p className="text-sm text-slate-700" data-testid="no-step">
            {t("detail.noStep")}
          </p>
        ) : (
          <ApplicationSteps
            actions={{
              review: stepActions.reviewAction,
              assess: stepActions.assessAction,
              startNotice: stepActions.startNoticeAction,
              announce: stepActions.announceAction,
              reject: stepActions.rejectAction,
              withdraw: stepActions.withdrawAction,
            }}
            target={target}
            acts={acts}
            state={app.state}
            rules={ruleSet?.rules ?? null}
            mineType={app.mine.type}
            today={today}
            notice={noticeToday ? { days: noticeDays, endsOn: f.date(noticeToday.endsOn) } : null}
            extension={app.kind === "DIRECT_EXTENSION"}
          />
        )}
      </Section>

      <Section title={t("detail.objections")}>
        {objections.length === 0 ? (
          <p className="text-sm text-slate-600">{t("detail.noObjections")}</p>
        ) : (
          <ul className="space-y-3" data-testid="objections">
            {objections.map((o) => (
              <li
                key={o.id}
                className="rounded border border-slate-200 p-3 text-sm"
                data-testid="objection"
                data-status={o.status}
              >
                <p className="font-medium">
                  {t(`objectionStatus.${o.status}`)} · {f.dateTime(o.createdAt)}
                  {o.name !== null && ` · ${t("detail.objector", { name: o.name, contact: o.contact ?? "" })}`}
                </p>
                <p className="mt-1 whitespace-pre-wrap">{o.text}</p>
                {objectionFiles.has(o.id) && (
                  <div className="mt-2">
                    <EvidenceFiles files={objectionFiles.get(o.id)!} testId={`objection-${o.id}-files`} />
                  </div>
                )}
                {o.resolution && (
                  <p className="mt-1 text-slate-700">
                    {t("detail.resolution", {
                      by: o.resolution.by ?? "—",
                      at: f.dateTime(o.resolution.at),
                      reason: o.resolution.reason ?? "—",
                    })}
                  </p>
                )}
                {o.status === "OPEN" && acts.includes("RESOLVE_OBJECTION") && (
                  <ResolveObjectionForm
                    action={stepActions.resolveObjectionAction}
                    target={target}
                    objectionId={o.id}
                  />
                )}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section title={t("detail.scores")}>
        <ScrollBox label={t("detail.scores")}>
          <table className="min-w-full text-sm" data-testid="score-comparison">
            <thead className="text-left">
              <tr>
                <th scope="col" className="py-1 pr-3">
                  {t("scoreSheet.element")}
                </th>
                <th scope="col" className="py-1 pr-3 text-right">
                  {t("detail.selfAssessment")}
                </th>
                <th scope="col" className="py-1 pr-3 text-right">
                  {t("detail.assessment")}
                </th>
              </tr>
            </thead>
            <tbody>
              {codes.map((code) => (
                <tr key={code} className="border-t border-slate-100">
                  <th scope="row" className="py-0.5 pr-3 text-left font-normal">
                    {code} {elementName(code)}
                  </th>
                  <td className="py-0.5 pr-3 text-right">{scoreOf(self, code)}</td>
                  <td className="py-0.5 pr-3 text-right">{scoreOf(assessed, code)}</td>
                </tr>
              ))}
              <tr className="border-t-2 border-slate-300 font-semibold">
                <th scope="row" className="py-1 pr-3 text-left">
                  {t("scoreSheet.total")}
                </th>
                <td className="py-1 pr-3 text-right">{self ? number(self.total) : "—"}</td>
                <td className="py-1 pr-3 text-right">{assessed ? number(assessed.total) : "—"}</td>
              </tr>
              <tr className="font-semibold">
                <th scope="row" className="py-1 pr-3 text-left">
                  {t("detail.engineLevel")}
                </th>
                <td className="py-1 pr-3 text-right">
                  {self ? (self.level ? f.level(self.level) : t("scoreSheet.noLevel")) : "—"}
                </td>
                <td className="py-1 pr-3 text-right">
                  {assessed ? (assessed.level ? f.level(assessed.level) : t("scoreSheet.noLevel")) : "—"}
                </td>
              </tr>
            </tbody>
          </table>
        </ScrollBox>
      </Section>

      <Section title={t("detail.timeline")}>
        <ol className="space-y-2 text-sm" data-testid="timeline">
          {app.events.map((e) => (
            <li key={e.id} className="border-l-2 border-slate-300 pl-3" data-testid="event" data-to={e.toState}>
              <p>
                <span className="font-medium">
                  {e.fromState
                    ? t("detail.transition", { from: t(`state.${e.fromState}`), to: t(`state.${e.toState}`) })
                    : t(`state.${e.toState}`)}
                </span>{" "}
                · <time dateTime={e.at.toISOString()}>{f.dateTime(e.at)}</time> ·{" "}
                {e.actor ? `${e.actor.name} (${te(`role.${e.actor.role}`)})` : t("detail.unknownActor")}
              </p>
              {e.reason && <p className="whitespace-pre-wrap text-slate-700">{reasonText(e.reason)}</p>}
            </li>
          ))}
        </ol>
      </Section>
    </div>
  );
}
