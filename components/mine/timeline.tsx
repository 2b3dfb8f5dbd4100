import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { getDisplayFormat } from "@/lib/i18n/display";
import { pickName } from "@/lib/i18n/pick";
import type { TimelineEvent, TimelineKind } from "@/lib/server/data/mine-timeline";
import { lastValidDay } from "@/lib/domain/grade-validity";

const KIND_STYLE: Record<TimelineKind, string> = {
  GRADE_START: "border-green-700 bg-green-50 text-green-900",
  GRADE_END: "border-slate-600 bg-slate-100 text-slate-900",
  DECISION: "border-red-700 bg-red-50 text-red-900",
  SPOT_CHECK: "border-blue-700 bg-blue-50 text-blue-900",
  ACCIDENT: "border-red-800 bg-red-100 text-red-900",
  STATUS_CHANGE: "border-amber-700 bg-amber-50 text-amber-900",
};

function keyOf(e: TimelineEvent): string {
  switch (e.kind) {
    case "GRADE_START":
    case "GRADE_END":
      return `${e.kind}-${e.gradeId}`;
    case "DECISION":
      return `${e.kind}-${e.decisionId}-${e.stage}`;
    case "SPOT_CHECK":
      return `${e.kind}-${e.spotCheckId}`;
    case "ACCIDENT":
      return `${e.kind}-${e.accidentId}`;
    case "STATUS_CHANGE":
      return `${e.kind}-${e.periodId}`;
  }
}

/** Every event of a mine in date order, each with its reason and document number. */
export async function Timeline({ mineCode, events }: { mineCode: string; events: TimelineEvent[] }) {
  const [t, te, f, locale] = await Promise.all([
    getTranslations("managerView"),
    getTranslations("enums"),
    getDisplayFormat(),
    getLocale(),
  ]);
  const name = (n: { nameZh: string; nameEn: string } | null) => (n ? pickName(locale, n.nameZh, n.nameEn) : "—");

  const describe = (e: TimelineEvent): { label: string; text: string; doc: string | null } => {
    switch (e.kind) {
      case "GRADE_START":
        return {
          label: t("timeline.kind.GRADE_START"),
          text:
            e.via === "DOWNGRADE"
              ? t("timeline.gradeStartDowngrade", {
                  level: f.level(e.level),
                  validUntil: f.date(lastValidDay(e.validUntil)),
                  authority: name(e.authority),
                })
              : t("timeline.gradeStartAnnouncement", {
                  level: f.level(e.level),
                  validUntil: f.date(lastValidDay(e.validUntil)),
                  authority: name(e.authority),
                  rules: e.ruleVersionCode,
                }),
          doc: e.via === "DOWNGRADE" && e.decisionNumber ? e.decisionNumber : e.announcementNo,
        };
      case "GRADE_END":
        return {
          label: t("timeline.kind.GRADE_END"),
          text: t(`timeline.gradeEnd.${e.via}`, {
            level: f.level(e.level),
            announcementNo: e.announcementNo,
            successor: e.supersededByNo ?? "—",
          }),
          doc: e.decisionNumber ?? e.supersededByNo,
        };
      case "DECISION":
        return {
          label: t(`timeline.kind.DECISION_${e.stage}`),
          text: [
            t(`timeline.decision.${e.stage}`, {
              type: te(`decisionType.${e.type}`),
              change: f.levelChange(e.fromLevel, e.toLevel),
              reason: te(`decisionReason.${e.reason}`),
            }),
            e.stage === "CONFIRMED" && e.legalBasis ? t("timeline.legalBasis", { basis: e.legalBasis }) : "",
            e.stage === "WITHDRAWN" && e.withdrawnReason
              ? t("timeline.withdrawnReason", { reason: e.withdrawnReason })
              : "",
          ]
            .filter(Boolean)
            .join(" "),
          doc: e.number,
        };
      case "SPOT_CHECK":
        return {
          label: te(`spotCheckType.${e.type}`),
          text: t("timeline.spotCheck", {
            authority: name(e.authority),
            total: f.score(e.total),
            conclusion: te(`conclusion.${e.conclusion}`),
            findings: e.findings,
          }),
          doc: null,
        };
      case "ACCIDENT":
        return {
          label: t("timeline.kind.ACCIDENT"),
          text: t("timeline.accident", { deaths: e.deaths, injuries: e.injuries, description: e.description }),
          doc: null,
        };
      case "STATUS_CHANGE":
        return {
          label: t("timeline.kind.STATUS_CHANGE"),
          text:
            e.from === null
              ? t("timeline.statusFirst", { to: te(`status.${e.to}`) })
              : t("timeline.statusChange", { from: te(`status.${e.from}`), to: te(`status.${e.to}`) }),
          doc: null,
        };
    }
  };

  if (events.length === 0) return <p className="text-sm text-slate-600">{t("timeline.empty")}</p>;
  return (
    <ol className="relative space-y-3 border-l-2 border-slate-300 pl-4" data-testid="timeline">
      {events.map((e) => {
        const d = describe(e);
        return (
          <li key={keyOf(e)} data-kind={e.kind} data-date={e.date} className="text-sm">
            <p className="flex flex-wrap items-center gap-2">
              <time dateTime={e.date} className="font-mono font-medium">
                {f.date(e.date)}
              </time>
              <span className={`rounded border px-2 py-0.5 text-xs font-semibold ${KIND_STYLE[e.kind]}`}>
                {d.label}
              </span>
              {d.doc && (
                <span className="text-slate-700">
                  {t("timeline.docNo")}: <span className="font-medium">{d.doc}</span>
                </span>
              )}
            </p>
            <p className="mt-0.5">
              {d.text}
              {e.kind === "SPOT_CHECK" && (
                <>
                  {" "}
                  <Link
                    href={`/mines/${encodeURIComponent(mineCode)}/spot-checks/${e.spotCheckId}`}
                    className="text-brand-700 underline"
                  >
                    {t("timeline.openSpotCheck")}
                  </Link>
                </>
              )}
            </p>
          </li>
        );
      })}
    </ol>
  );
}
