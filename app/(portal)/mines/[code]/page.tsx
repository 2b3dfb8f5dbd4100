import Link from "next/link";
import { notFound } from "next/navigation";
import { cache, Fragment } from "react";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { HiddenDangerForm } from "@/components/forms/hidden-danger-form";
import { ReplyForm } from "@/components/forms/reply-form";
import { DistanceToDowngrade } from "@/components/mine/distance-to-downgrade";
import { Replies } from "@/components/mine/replies";
import { WhyThisGrade } from "@/components/mine/why-this-grade";
import { GradeBadge } from "@/components/ui/grade-badge";
import { Section } from "@/components/ui/section";
import { dateValue, daysBetween } from "@/lib/domain/dates";
import { gradeEnd, gradeState } from "@/lib/domain/grade-validity";
import { pickName } from "@/lib/i18n/pick";
import { can } from "@/lib/server/auth/permissions";
import { getCaller, requireCaller } from "@/lib/server/auth/session";
import { gradeExplanation } from "@/lib/server/data/grade-explanation";
import { elementNames, getMineProfile } from "@/lib/server/data/mines";
import { decisionReplies } from "@/lib/server/data/spot-check-detail";

type Params = { params: Promise<{ code: string }>; searchParams?: Promise<{ saved?: string }> };

// One scoped read per request, shared by the title and the page: a mine outside the caller's scope
// (or absent) gets no title of its own, so a 404 does not echo the code asked for.
const loadProfile = cache(async (code: string) => {
  const caller = await getCaller();
  return caller ? getMineProfile(caller, code) : null;
});

export async function generateMetadata({ params }: Params) {
  const profile = await loadProfile(decodeURIComponent((await params).code));
  if (!profile) return {};
  const t = await getTranslations("profile");
  return { title: t("title", { code: profile.mine.code }) };
}

export default async function MineProfilePage({ params, searchParams }: Params) {
  const caller = await requireCaller();
  const code = decodeURIComponent((await params).code);
  const profile = await loadProfile(code);
  if (!profile) notFound();
  const { mine, currentGrade, today } = profile;
  const saved = (await searchParams)?.saved;
  const [t, te, tev, format, locale, names, explained, repliesByDecision, tm] = await Promise.all([
    getTranslations("profile"),
    getTranslations("enums"),
    getTranslations("events"),
    getFormatter(),
    getLocale(),
    elementNames([...new Set(mine.spotChecks.map((s) => s.scoresheet.ruleVersionId))]),
    gradeExplanation(caller, code, { today }),
    decisionReplies(caller, code),
    getTranslations("managerView"),
  ]);
  const canReply = caller.role === "MINE_MANAGER" && can(caller.role, "finding.reply") && caller.mineId === mine.id;
  const date = (d: Date | null | undefined) =>
    d ? format.dateTime(d, { year: "numeric", month: "2-digit", day: "2-digit", timeZone: "UTC" }) : "—";
  const elementName = (ruleVersionId: number, elementCode: string) => {
    const e = names.find(
      (n) => n.ruleVersionId === ruleVersionId && n.mineType === mine.type && n.code === elementCode,
    );
    return e ? pickName(locale, e.nameZh, e.nameEn) : elementCode;
  };
  const prefecture = mine.county.parent;
  const province = prefecture?.parent;
  const region = [province, prefecture, mine.county]
    .filter(Boolean)
    .map((r) => pickName(locale, r!.nameZh, r!.nameEn))
    .join(" · ");
  const daysLeft = currentGrade ? daysBetween(today, gradeEnd(currentGrade)) : null;

  return (
    <div className="space-y-6">
      <div>
        <p className="font-mono text-sm text-slate-600">{mine.code}</p>
        <h1 className="text-2xl font-semibold" data-testid="mine-name">
          {pickName(locale, mine.name, mine.nameEn)}
        </h1>
        <p className="text-slate-700">{region}</p>
      </div>
      {(saved === "spot-check" || saved === "accident") && (
        <p role="status" className="rounded border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-900">
          {tev(`saved_${saved}`)}
        </p>
      )}
      {(can(caller.role, "spotCheck.record") || can(caller.role, "accident.record")) && (
        <div className="flex flex-wrap gap-2">
          {can(caller.role, "spotCheck.record") && (
            <Link
              href={`/mines/${encodeURIComponent(mine.code)}/spot-checks/new`}
              className="bg-brand-700 hover:bg-brand-800 rounded px-3 py-1.5 text-sm text-white"
            >
              {tev("recordSpotCheck")}
            </Link>
          )}
          {can(caller.role, "accident.record") && (
            <Link
              href={`/mines/${encodeURIComponent(mine.code)}/accidents/new`}
              className="rounded border border-slate-400 px-3 py-1.5 text-sm hover:bg-slate-100"
            >
              {tev("recordAccident")}
            </Link>
          )}
        </div>
      )}

      <div className="grid gap-4 md:grid-cols-2">
        <Section title={t("currentGrade")}>
          <div className="flex items-center gap-4" data-testid="current-grade">
            <GradeBadge level={currentGrade?.level ?? null} size="lg" />
            {currentGrade ? (
              <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm">
                <dt className="text-slate-600">{t("announcedOn")}</dt>
                <dd>{date(currentGrade.announcedOn)}</dd>
                <dt className="text-slate-600">{t("validUntil")}</dt>
                <dd>{date(currentGrade.validUntil)}</dd>
                <dt className="text-slate-600">{t("daysRemaining")}</dt>
                <dd data-testid="days-remaining">{t("days", { count: daysLeft ?? 0 })}</dd>
                <dt className="text-slate-600">{tm("profile.nextReReview")}</dt>
                <dd data-testid="next-re-review-date">{date(currentGrade.validUntil)}</dd>
                <dt className="text-slate-600">{t("authority")}</dt>
                <dd>{pickName(locale, currentGrade.authority.nameZh, currentGrade.authority.nameEn)}</dd>
                <dt className="text-slate-600">{t("announcementNo")}</dt>
                <dd>{currentGrade.announcementNo}</dd>
              </dl>
            ) : (
              <p className="text-sm text-slate-700">{t("noCurrentGrade")}</p>
            )}
          </div>
        </Section>
        <Section title={t("facts")}>
          <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm">
            <dt className="text-slate-600">{t("enterprise")}</dt>
            <dd>{mine.enterprise ? pickName(locale, mine.enterprise.name, mine.enterprise.nameEn) : "—"}</dd>
            <dt className="text-slate-600">{t("type")}</dt>
            <dd>{te(`mineType.${mine.type}`)}</dd>
            <dt className="text-slate-600">{t("status")}</dt>
            <dd>{te(`status.${mine.status}`)}</dd>
            <dt className="text-slate-600">{t("capacity")}</dt>
            <dd>{t("capacityValue", { value: format.number(mine.capacity) })}</dd>
            <dt className="text-slate-600">{t("gasGrade")}</dt>
            <dd>{te(`gasGrade.${mine.gasGrade}`)}</dd>
            <dt className="text-slate-600">{t("hydroType")}</dt>
            <dd>{te(`hydroType.${mine.hydroType}`)}</dd>
            <dt className="text-slate-600">{t("rockBurst")}</dt>
            <dd>{mine.rockBurst ? t("yes") : t("no")}</dd>
            <dt className="text-slate-600">{t("combustionClass")}</dt>
            <dd>{mine.combustionClass}</dd>
          </dl>
        </Section>
      </div>

      {explained && (
        <>
          <WhyThisGrade data={explained} />
          <DistanceToDowngrade data={explained} />
        </>
      )}
      <p>
        <Link
          href={`/mines/${encodeURIComponent(mine.code)}/timeline`}
          className="text-brand-700 underline"
          data-testid="timeline-link"
        >
          {tm("timeline.link")}
        </Link>
      </p>

      <Section title={t("gradeHistory")}>
        <table className="min-w-full text-sm" data-testid="grade-history">
          <thead className="text-left">
            <tr>
              <th scope="col" className="py-1 pr-3">
                {t("level")}
              </th>
              <th scope="col" className="py-1 pr-3">
                {t("announcedOn")}
              </th>
              <th scope="col" className="py-1 pr-3">
                {t("validUntil")}
              </th>
              <th scope="col" className="py-1 pr-3">
                {t("endedOn")}
              </th>
              <th scope="col" className="py-1 pr-3">
                {t("state")}
              </th>
              <th scope="col" className="py-1 pr-3">
                {t("announcementNo")}
              </th>
              <th scope="col" className="py-1 pr-3">
                {t("ruleVersion")}
              </th>
            </tr>
          </thead>
          <tbody>
            {mine.grades.map((g) => (
              <tr key={g.id} className="border-t border-slate-200">
                <td className="py-1 pr-3">
                  <GradeBadge level={g.level} />
                </td>
                <td className="py-1 pr-3">{date(g.announcedOn)}</td>
                <td className="py-1 pr-3">{date(g.validUntil)}</td>
                <td className="py-1 pr-3">{g.endedOn ? date(g.endedOn) : "—"}</td>
                <td className="py-1 pr-3">
                  {g.endReason ? te(`gradeEnd.${g.endReason}`) : te(`gradeState.${gradeState(g, today)}`)}
                  {g.endedByDecision?.number ? ` (${g.endedByDecision.number})` : ""}
                </td>
                <td className="py-1 pr-3">{g.announcementNo}</td>
                <td className="py-1 pr-3">{g.ruleVersion.code}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {mine.grades.length === 0 && <p className="text-sm text-slate-600">{t("none")}</p>}
      </Section>

      <Section title={t("spotChecks")}>
        <ul className="space-y-2" data-testid="spot-checks">
          {mine.spotChecks.map((s) => (
            <li key={s.id} className="rounded border border-slate-200 p-3">
              <details>
                <summary className="cursor-pointer">
                  <span className="font-medium">{date(s.checkedOn)}</span> · {te(`spotCheckType.${s.type}`)} ·{" "}
                  {t("totalScore", {
                    score: format.number(Number(s.scoresheet.total), {
                      maximumFractionDigits: 1,
                      minimumFractionDigits: 1,
                    }),
                  })}{" "}
                  · {te(`conclusion.${s.conclusion}`)}
                </summary>
                <div className="mt-2 space-y-2 text-sm">
                  <p>
                    {pickName(locale, s.authority.nameZh, s.authority.nameEn)} · {t("team")}: {s.team} ·{" "}
                    {t("majorHiddenDangers")}: {s._count.hiddenDangers}
                  </p>
                  <p>
                    <Link
                      href={`/mines/${encodeURIComponent(mine.code)}/spot-checks/${s.id}`}
                      className="text-brand-700 underline"
                    >
                      {tm("profile.spotCheckDetails")}
                    </Link>
                  </p>
                  <table className="min-w-full">
                    <caption className="text-left font-medium">{t("elementScores")}</caption>
                    <tbody>
                      {s.scoresheet.scores.map((e) => (
                        <tr key={e.elementCode} className="border-t border-slate-100">
                          <th scope="row" className="py-0.5 pr-3 text-left font-normal">
                            {e.elementCode} {elementName(s.scoresheet.ruleVersionId, e.elementCode)}
                          </th>
                          <td className="py-0.5 text-right">
                            {e.notApplicable || e.score === null ? t("notApplicable") : format.number(Number(e.score))}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                  {s.findings.length > 0 && (
                    <div>
                      <p className="font-medium">{t("findings")}</p>
                      <ul className="list-disc pl-5">
                        {s.findings.map((f) => (
                          <li key={f.id}>
                            [{te(`severity.${f.severity}`)}] {f.elementCode}: {f.text}
                            {f.rectifyBy ? ` — ${t("rectifyBy", { date: date(f.rectifyBy) })}` : ""}
                          </li>
                        ))}
                      </ul>
                    </div>
                  )}
                </div>
              </details>
            </li>
          ))}
        </ul>
        {mine.spotChecks.length === 0 && <p className="text-sm text-slate-600">{t("none")}</p>}
      </Section>

      <Section title={t("decisions")}>
        <table className="min-w-full text-sm" data-testid="decisions">
          <thead className="text-left">
            <tr>
              <th scope="col" className="py-1 pr-3">
                {t("decisionType")}
              </th>
              <th scope="col" className="py-1 pr-3">
                {t("reason")}
              </th>
              <th scope="col" className="py-1 pr-3">
                {t("change")}
              </th>
              <th scope="col" className="py-1 pr-3">
                {t("decisionStatus")}
              </th>
              <th scope="col" className="py-1 pr-3">
                {t("number")}
              </th>
              <th scope="col" className="py-1 pr-3">
                {t("effectiveOn")}
              </th>
            </tr>
          </thead>
          <tbody>
            {mine.decisions.map((d) => (
              <Fragment key={d.id}>
                <tr className="border-t border-slate-200">
                  <td className="py-1 pr-3">{te(`decisionType.${d.type}`)}</td>
                  <td className="py-1 pr-3">{te(`decisionReason.${d.reason}`)}</td>
                  <td className="py-1 pr-3">{t("levelChange", { from: d.fromLevel, to: d.toLevel ?? 0 })}</td>
                  <td className="py-1 pr-3">{te(`decisionStatus.${d.status}`)}</td>
                  <td className="py-1 pr-3">{d.number ?? "—"}</td>
                  <td className="py-1 pr-3">{date(d.effectiveOn)}</td>
                </tr>
                {(repliesByDecision.has(d.id) || (canReply && d.status === "CONFIRMED")) && (
                  <tr>
                    <td colSpan={6} className="pb-2 pl-4" data-testid={`decision-${d.id}-replies-cell`}>
                      <Replies replies={repliesByDecision.get(d.id) ?? []} testId={`decision-${d.id}-replies`} />
                      {canReply && d.status === "CONFIRMED" && (
                        <details className="mt-1">
                          <summary className="text-brand-700 cursor-pointer text-sm underline">
                            {tm("replies.replyToDecision")}
                          </summary>
                          <div className="mt-2 max-w-xl">
                            <ReplyForm target="decision" targetId={d.id} />
                          </div>
                        </details>
                      )}
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
        {mine.decisions.length === 0 && <p className="text-sm text-slate-600">{t("none")}</p>}
      </Section>

      <div className="grid gap-4 md:grid-cols-2">
        <Section title={t("accidents")}>
          <ul className="space-y-1 text-sm" data-testid="accidents">
            {mine.accidents.map((a) => (
              <li key={a.id}>
                {date(a.occurredOn)} · {t("deaths", { count: a.deaths })} · {a.description}
              </li>
            ))}
          </ul>
          {mine.accidents.length === 0 && <p className="text-sm text-slate-600">{t("none")}</p>}
        </Section>
        <Section title={t("statusHistory")}>
          <ul className="space-y-1 text-sm" data-testid="status-history">
            {mine.statusPeriods.map((p) => (
              <li key={p.id}>
                {te(`status.${p.status}`)}: {date(p.startedOn)} – {p.endedOn ? date(p.endedOn) : t("now")}
              </li>
            ))}
          </ul>
        </Section>
      </div>
      {can(caller.role, "hiddenDanger.selfReport") && caller.mineId === mine.id && (
        <Section title={tev("selfReportTitle")}>
          <HiddenDangerForm today={today} />
        </Section>
      )}
      <p className="text-xs text-slate-500">{t("asOf", { date: date(dateValue(today)) })}</p>
    </div>
  );
}
