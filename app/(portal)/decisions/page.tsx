import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { documentHref } from "@/lib/document-links";
import { DecisionActions } from "@/components/forms/decision-actions";
import { GradeBadge } from "@/components/ui/grade-badge";
import { isoDate, todayInChina } from "@/lib/domain/dates";
import { PARTS } from "@/lib/domain/rule-data";
import { getDisplayFormat } from "@/lib/i18n/display";
import { evidenceSentences } from "@/lib/i18n/grade-sentences";
import { pickName } from "@/lib/i18n/pick";
import { can } from "@/lib/server/auth/permissions";
import { requireCaller } from "@/lib/server/auth/session";
import { DECISION_STATUSES, listDecisions, type DecisionStatusFilter } from "@/lib/server/data/decisions";
import { confirmAction, scanStoppedAction, withdrawAction } from "./actions";

export async function generateMetadata() {
  const t = await getTranslations("decisions");
  return { title: t("title") };
}

export default async function DecisionsPage({
  searchParams,
}: {
  searchParams: Promise<{ status?: string; done?: string; mine?: string; refused?: string }>;
}) {
  const caller = await requireCaller();
  if (!can(caller.role, "decision.propose")) notFound();
  const { status: raw, done, mine: doneMine, refused } = await searchParams;
  const status: DecisionStatusFilter = (DECISION_STATUSES as readonly string[]).includes(raw ?? "")
    ? (raw as DecisionStatusFilter)
    : "PROPOSED";
  const [{ items, total, proposes }, t, terr, te, tm, f, locale, tdoc] = await Promise.all([
    listDecisions(caller, { status }),
    getTranslations("decisions"),
    getTranslations("errors"),
    getTranslations("enums"),
    getTranslations("managerView"),
    getDisplayFormat(),
    getLocale(),
    getTranslations("documents.links"),
  ]);
  const today = todayInChina();
  const kit = {
    t: tm,
    f,
    partName: (code: string) => {
      const part = PARTS.find((p) => p.code === code);
      return part ? pickName(locale, part.nameZh, part.nameEn) : code;
    },
    listSeparator: locale === "en" ? ", " : "、",
  };
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        {/* Only the configured proposer proposes (the server refuses anyone else). */}
        {proposes && (
          <form action={scanStoppedAction}>
            <button type="submit" className="rounded border border-slate-400 px-3 py-1 text-sm hover:bg-slate-100">
              {t("scanStopped")}
            </button>
          </form>
        )}
      </div>
      {refused === "notProposer" && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
          {terr("notProposer")}
        </p>
      )}
      {(done === "confirmed" || done === "withdrawn") && (
        <p role="status" className="rounded border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-900">
          {t(done)} {doneMine ? `(${doneMine})` : ""}
        </p>
      )}
      <nav aria-label={t("statusFilter")} className="flex gap-2">
        {DECISION_STATUSES.map((s) => (
          <Link
            key={s}
            href={`/decisions?status=${s}`}
            aria-current={s === status ? "page" : undefined}
            className={`rounded px-3 py-1 text-sm ${s === status ? "bg-brand-700 text-white" : "border hover:bg-slate-100"}`}
          >
            {te(`decisionStatus.${s}`)}
          </Link>
        ))}
      </nav>
      <p className="text-sm text-slate-700" data-testid="decision-count">
        {t("count", { count: total })}
      </p>
      <ul className="space-y-3" data-testid="decision-list">
        {items.map((d) => (
          <li
            key={d.id}
            className="space-y-2 rounded-lg bg-white p-4 shadow-sm"
            data-testid="decision"
            data-mine={d.mine.code}
          >
            <div className="flex flex-wrap items-center gap-2">
              <Link
                href={`/mines/${encodeURIComponent(d.mine.code)}`}
                className="text-brand-700 font-medium hover:underline"
              >
                {pickName(locale, d.mine.name, d.mine.nameEn)}
              </Link>
              <span className="font-mono text-xs text-slate-600">{d.mine.code}</span>
              <GradeBadge level={d.fromLevel} /> →{" "}
              {d.toLevel ? (
                <GradeBadge level={d.toLevel} />
              ) : (
                <span className="text-sm font-semibold">{te("decisionType.REVOCATION")}</span>
              )}
            </div>
            <p className="text-sm">
              {te(`decisionType.${d.type}`)} · {te(`decisionReason.${d.reason}`)} ·{" "}
              {t("proposedAt", { date: f.day(d.proposedAt) })}
              {d.authority ? ` · ${pickName(locale, d.authority.nameZh, d.authority.nameEn)}` : ""}
              {d.proposerAuthority
                ? ` · ${t("proposedBy", { name: pickName(locale, d.proposerAuthority.nameZh, d.proposerAuthority.nameEn) })}`
                : ""}
            </p>
            {d.status !== "PROPOSED" && (
              <p className="text-sm">
                {d.number ?? "—"} · {f.date(d.effectiveOn)} {d.withdrawnReason ? `· ${d.withdrawnReason}` : ""}
              </p>
            )}
            {d.status === "CONFIRMED" && (
              <p className="flex gap-3 text-sm">
                <Link
                  href={documentHref.letter(d.id)}
                  className="text-brand-700 underline"
                  data-testid="decision-letter-link"
                >
                  {tdoc("letter")}
                </Link>
                <a href={documentHref.letterPdf(d.id)} className="text-brand-700 underline">
                  {tdoc("letterPdf")}
                </a>
              </p>
            )}
            <details className="text-sm text-slate-700">
              <summary className="cursor-pointer">{t("evidence")}</summary>
              <ul className="mt-1 list-disc space-y-0.5 pl-5" data-testid="decision-evidence">
                {evidenceSentences(d.evidence, t, kit).map((sentence) => (
                  <li key={sentence}>{sentence}</li>
                ))}
              </ul>
            </details>
            {d.canDecide ? (
              <DecisionActions
                confirmAction={confirmAction}
                withdrawAction={withdrawAction}
                decisionId={d.id}
                version={d.version}
                effectiveOn={d.proposedEffectiveOn ? isoDate(d.proposedEffectiveOn) : today}
                fromEvent={d.proposedEffectiveOn !== null}
              />
            ) : (
              d.status === "PROPOSED" && (
                <p className="text-sm text-slate-600">
                  {t("notYours")}
                  {d.confirmer
                    ? ` ${t("confirmedBy", { name: pickName(locale, d.confirmer.nameZh, d.confirmer.nameEn) })}`
                    : ""}
                </p>
              )
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
