import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ReplyForm } from "@/components/forms/reply-form";
import { Replies } from "@/components/mine/replies";
import { SpotCheckSaved } from "@/components/mine/spot-check-saved";
import { GradeBadge } from "@/components/ui/grade-badge";
import { Section } from "@/components/ui/section";
import { documentHref } from "@/lib/document-links";
import { getDisplayFormat } from "@/lib/i18n/display";
import { pickName } from "@/lib/i18n/pick";
import { can } from "@/lib/server/auth/permissions";
import { canReplyTo } from "@/lib/server/auth/reply-permission";
import { requireCaller } from "@/lib/server/auth/session";
import { proposalsOfMine } from "@/lib/server/data/proposals";
import { addReplyAction } from "../../reply-actions";
import { loadSpotCheckDetail } from "./load";
import { ScrollBox } from "@/components/ui/scroll-box";
import { EvidenceFiles } from "@/components/evidence/evidence-files";
import { EvidenceUploadForm } from "@/components/forms/evidence-upload-form";
import { evidenceOf } from "@/lib/server/data/evidence";
import { attachEvidenceAction } from "../../../../evidence-actions";

type Params = { params: Promise<{ code: string; id: string }> };
type Props = Params & { searchParams: Promise<{ saved?: string; proposals?: string | string[] }> };

export async function generateMetadata({ params }: Params) {
  const p = await params;
  const detail = await loadSpotCheckDetail(p.code, p.id);
  if (!detail) return {};
  const t = await getTranslations("managerView.spotCheck");
  return { title: t("pageTitle", { code: detail.mine.code }) };
}

export default async function SpotCheckDetailPage({ params, searchParams }: Props) {
  const caller = await requireCaller();
  const p = await params;
  // Both ids must match: the spot-check must belong to this mine, and the mine lie in the caller's scope.
  const detail = await loadSpotCheckDetail(p.code, p.id);
  if (!detail) notFound();
  const [t, ta, te, f, locale, { saved, proposals }, tdoc] = await Promise.all([
    getTranslations("managerView.spotCheck"),
    getTranslations("spotCheckEdit"),
    getTranslations("enums"),
    getDisplayFormat(),
    getLocale(),
    searchParams,
    getTranslations("documents.links"),
  ]);
  const { mine, spotCheck, elements, parts, findings } = detail;
  // getSpotCheckDetail already held the mine to the caller's scope; recording spot-checks is the role's part.
  const canAmend = can(caller.role, "spotCheck.record");
  const canReply = canReplyTo(caller, { kind: "finding", mineId: mine.id, spotCheckStatus: spotCheck.status });
  const name = (n: { nameZh: string; nameEn: string } | null) => (n ? pickName(locale, n.nameZh, n.nameEn) : "");
  const overdue = findings.filter((x) => x.overdue).length;
  const [findingFiles, dangerFiles] = await Promise.all([
    evidenceOf(
      caller,
      "finding",
      findings.map((x) => x.id),
    ),
    evidenceOf(
      caller,
      "hiddenDanger",
      detail.hiddenDangers.map((h) => h.id),
    ),
  ]);
  const te2 = await getTranslations("evidence");

  return (
    <div className="space-y-6">
      <div>
        <p className="font-mono text-sm text-slate-600">{mine.code}</p>
        <h1 className="text-2xl font-semibold" data-testid="spot-check-title">
          {t("title", { mine: pickName(locale, mine.name, mine.nameEn), date: f.date(spotCheck.checkedOn) })}
        </h1>
        <p className="flex flex-wrap gap-3 text-sm">
          <Link href={`/mines/${encodeURIComponent(mine.code)}`} className="text-brand-700 underline">
            {t("backToProfile")}
          </Link>
          <Link href={`/mines/${encodeURIComponent(mine.code)}/timeline`} className="text-brand-700 underline">
            {t("timeline")}
          </Link>
          <Link
            href={documentHref.report(mine.code, spotCheck.id)}
            className="text-brand-700 underline"
            data-testid="spot-check-report-link"
          >
            {tdoc("report")}
          </Link>
          <a href={documentHref.reportPdf(mine.code, spotCheck.id)} className="text-brand-700 underline">
            {tdoc("reportPdf")}
          </a>
          {canAmend && (
            <Link
              href={`/mines/${encodeURIComponent(mine.code)}/spot-checks/${spotCheck.id}/edit`}
              className="text-brand-700 underline"
              data-testid="amend-spot-check"
            >
              {ta("amend")}
            </Link>
          )}
        </p>
      </div>
      {saved === "recorded" && (
        <SpotCheckSaved
          total={f.score(spotCheck.total)}
          level={spotCheck.level}
          proposals={await proposalsOfMine(caller, mine.code, proposals)}
        />
      )}
      {saved === "amended" && (
        <p role="status" className="rounded border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-900">
          {ta("saved")}
        </p>
      )}

      <Section title={t("summary")}>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr_auto_1fr]">
          <dt className="text-slate-600">{t("date")}</dt>
          <dd>{f.date(spotCheck.checkedOn)}</dd>
          <dt className="text-slate-600">{t("type")}</dt>
          <dd>{te(`spotCheckType.${spotCheck.type}`)}</dd>
          <dt className="text-slate-600">{t("authority")}</dt>
          <dd>{name(spotCheck.authority)}</dd>
          <dt className="text-slate-600">{t("team")}</dt>
          <dd>{spotCheck.team}</dd>
          <dt className="text-slate-600">{t("rules")}</dt>
          <dd>
            {spotCheck.ruleVersion.code} · {name(spotCheck.ruleVersion)}
          </dd>
          <dt className="text-slate-600">{t("status")}</dt>
          <dd>{t(`statusValue.${spotCheck.status}`)}</dd>
          <dt className="text-slate-600">{t("total")}</dt>
          <dd data-testid="spot-check-total">{f.score(spotCheck.total)}</dd>
          <dt className="text-slate-600">{t("level")}</dt>
          <dd>
            <GradeBadge level={spotCheck.level} />
          </dd>
          <dt className="text-slate-600">{t("conclusion")}</dt>
          <dd>{te(`conclusion.${spotCheck.conclusion}`)}</dd>
        </dl>
        {spotCheck.notes && <p className="mt-2 text-sm whitespace-pre-wrap">{spotCheck.notes}</p>}
      </Section>

      <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
        <Section title={t("partScores")}>
          <ScrollBox label={t("partScores")}>
            <table className="min-w-full text-sm" data-testid="part-scores">
              <thead className="text-left">
                <tr>
                  <th scope="col" className="py-1 pr-3">
                    {t("part")}
                  </th>
                  <th scope="col" className="py-1 text-right">
                    {t("score")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {parts.map((p) => (
                  <tr key={p.code} className="border-t border-slate-200">
                    <th scope="row" className="py-1 pr-3 text-left font-normal">
                      {name(p)}
                    </th>
                    <td className="py-1 text-right">{p.score === null ? t("notApplicable") : f.score(p.score)}</td>
                  </tr>
                ))}
                <tr className="border-t border-slate-400 font-semibold">
                  <th scope="row" className="py-1 pr-3 text-left">
                    {t("total")}
                  </th>
                  <td className="py-1 text-right">{f.score(spotCheck.total)}</td>
                </tr>
              </tbody>
            </table>
          </ScrollBox>
        </Section>
        <div className="lg:col-span-2">
          <Section title={t("elementScores")}>
            <ScrollBox label={t("elementScores")}>
              <table className="min-w-full text-sm" data-testid="element-scores">
                <thead className="text-left">
                  <tr>
                    <th scope="col" className="py-1 pr-3">
                      {t("element")}
                    </th>
                    <th scope="col" className="py-1 pr-3">
                      {t("part")}
                    </th>
                    <th scope="col" className="py-1 pr-3 text-right">
                      {t("weight")}
                    </th>
                    <th scope="col" className="py-1 text-right">
                      {t("score")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {elements.map((e) => (
                    <tr key={e.code} className="border-t border-slate-100">
                      <th scope="row" className="py-0.5 pr-3 text-left font-normal">
                        {e.code} {name(e)}
                      </th>
                      <td className="py-0.5 pr-3">{name(parts.find((p) => p.code === e.partCode) ?? null)}</td>
                      <td className="py-0.5 pr-3 text-right">{e.weight ? f.weight(e.weight) : "—"}</td>
                      <td className="py-0.5 text-right">
                        {!e.recorded ? "—" : e.notApplicable ? t("notApplicable") : f.score(e.score)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollBox>
          </Section>
        </div>
      </div>

      <Section title={t("findings")}>
        {overdue > 0 && (
          <p role="alert" className="mb-2 text-sm font-semibold text-red-800">
            {t("overdueSummary", { count: overdue })}
          </p>
        )}
        <ul className="space-y-3" data-testid="findings">
          {findings.map((x) => (
            <li
              key={x.id}
              data-testid={`finding-${x.id}`}
              data-overdue={x.overdue ? "true" : "false"}
              className={`rounded border p-3 text-sm ${x.overdue ? "border-red-600 bg-red-50" : "border-slate-200"}`}
            >
              <p className="flex flex-wrap items-center gap-2">
                <span className="rounded border border-slate-400 px-1.5 text-xs">{te(`severity.${x.severity}`)}</span>
                <span className="font-medium">
                  {x.elementCode} {name(x.elementName)}
                </span>
                {x.overdue && (
                  <span className="rounded border border-red-700 bg-red-100 px-1.5 text-xs font-bold text-red-900">
                    ⚠ {t("overdue")}
                  </span>
                )}
              </p>
              <p className="mt-1">{x.text}</p>
              <p className={`mt-1 text-xs ${x.overdue ? "font-semibold text-red-800" : "text-slate-700"}`}>
                {x.rectifyBy ? t("rectifyBy", { date: f.date(x.rectifyBy) }) : t("noDeadline")}
                {" · "}
                {x.rectifiedOn
                  ? t("rectifiedOn", { date: f.date(x.rectifiedOn) })
                  : x.overdue
                    ? t("overdueText", { date: f.date(x.rectifyBy) })
                    : t("notRectified")}
              </p>
              <div className="mt-2 space-y-2">
                <p className="text-xs font-medium">{te2("title")}</p>
                <EvidenceFiles files={findingFiles.get(x.id) ?? []} testId={`finding-${x.id}-files`} />
                {canAmend && (
                  <EvidenceUploadForm
                    action={attachEvidenceAction}
                    ownerKind="finding"
                    ownerId={x.id}
                    already={findingFiles.get(x.id)?.length ?? 0}
                  />
                )}
              </div>
              <Replies replies={x.replies} testId={`finding-${x.id}-replies`} />
              {canReply && (
                <details className="mt-2">
                  <summary className="text-brand-700 cursor-pointer text-sm underline">{t("reply")}</summary>
                  <div className="mt-2">
                    <ReplyForm action={addReplyAction} target="finding" targetId={x.id} />
                  </div>
                </details>
              )}
            </li>
          ))}
        </ul>
        {findings.length === 0 && <p className="text-sm text-slate-600">{t("noFindings")}</p>}
      </Section>

      {detail.hiddenDangers.length > 0 && (
        <Section title={t("hiddenDangers")}>
          <ul className="list-disc space-y-3 pl-5 text-sm">
            {detail.hiddenDangers.map((h) => (
              <li key={h.id}>
                {h.description}
                {" · "}
                {h.rectifiedOn ? t("rectifiedOn", { date: f.date(h.rectifiedOn) }) : t("notRectified")}
                <div className="mt-1 space-y-2">
                  <EvidenceFiles files={dangerFiles.get(h.id) ?? []} testId={`hidden-danger-${h.id}-files`} />
                  {canAmend && (
                    <EvidenceUploadForm
                      action={attachEvidenceAction}
                      ownerKind="hiddenDanger"
                      ownerId={h.id}
                      already={dangerFiles.get(h.id)?.length ?? 0}
                    />
                  )}
                </div>
              </li>
            ))}
          </ul>
        </Section>
      )}
    </div>
  );
}
