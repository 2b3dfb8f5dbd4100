import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Section } from "@/components/ui/section";
import { daysBetween } from "@/lib/domain/dates";
import { CLOSE_DAYS, CLOSE_POINTS, type DistanceItem, type DistanceStatus } from "@/lib/domain/explain";
import { getDisplayFormat } from "@/lib/i18n/display";
import { pickName } from "@/lib/i18n/pick";
import type { GradeExplanationView } from "@/lib/server/data/grade-explanation";

const STATUS_STYLE: Record<DistanceStatus, string> = {
  FIRED: "border-red-700 bg-red-100 text-red-900",
  CLOSE: "border-amber-700 bg-amber-100 text-amber-900",
  OK: "border-green-700 bg-green-100 text-green-900",
};
const STATUS_MARK: Record<DistanceStatus, string> = { FIRED: "✗", CLOSE: "!", OK: "✓" };

function num(item: DistanceItem, key: string): number | null {
  const v = item.detail[key];
  return typeof v === "number" ? v : null;
}
function str(item: DistanceItem, key: string): string | null {
  const v = item.detail[key];
  return typeof v === "string" ? v : null;
}

/**
 * "Distance to downgrade": how far the mine is from each downgrade or revocation trigger, most urgent
 * first (the order distanceToDowngrade gives), each marked FIRED, CLOSE or OK in words and colour, and
 * which scores it measured (the latest assessment or spot-check), linked. `linkApplications`: whether
 * the reader may open the application behind an assessment (officials may not).
 */
export async function DistanceToDowngrade({
  data,
  linkApplications,
}: {
  data: GradeExplanationView;
  linkApplications: boolean;
}) {
  const [t, f, locale] = await Promise.all([getTranslations("managerView"), getDisplayFormat(), getLocale()]);
  const { distance, grade } = data;
  const partName = (code: string | null) => {
    if (code === null) return "—";
    const p = distance?.parts.find((x) => x.code === code) ?? data.parts.find((x) => x.code === code);
    return p ? pickName(locale, p.nameZh, p.nameEn) : code;
  };

  const sentences = (item: DistanceItem): string[] => {
    switch (item.trigger) {
      case "HIDDEN_DANGERS": {
        const out = [
          t("distance.HIDDEN_DANGERS.counts", {
            windowMonths: num(item, "windowMonths") ?? 0,
            start: f.date(str(item, "windowStart")),
            end: f.date(str(item, "windowEnd")),
            regulator: num(item, "regulator") ?? 0,
            selfReported: num(item, "selfReported") ?? 0,
          }),
        ];
        out.push(
          item.status === "FIRED"
            ? t("distance.HIDDEN_DANGERS.fired")
            : t("distance.HIDDEN_DANGERS.more", { count: num(item, "moreRegulatorFindingsToFire") ?? 0 }),
        );
        return out;
      }
      case "FATAL_ACCIDENT": {
        const last = str(item, "lastFatalOn");
        const out = [
          last
            ? t("distance.FATAL_ACCIDENT.last", {
                date: f.date(last),
                deaths: num(item, "lastFatalDeaths") ?? 0,
                days: num(item, "daysSinceLastFatal") ?? 0,
              })
            : t("distance.FATAL_ACCIDENT.none"),
        ];
        if (item.status === "FIRED")
          out.push(
            t("distance.FATAL_ACCIDENT.fired", {
              until: f.date(str(item, "level1ExcludedUntil")),
              days: num(item, "daysUntilLevel1Possible") ?? 0,
            }),
          );
        out.push(t("distance.FATAL_ACCIDENT.rule"));
        return out;
      }
      case "PRODUCTION_STOPPED": {
        const since = str(item, "stoppedSince");
        const limit = num(item, "limitMonths") ?? 0;
        if (!since) return [t("distance.PRODUCTION_STOPPED.notStopped", { limit })];
        return [
          t("distance.PRODUCTION_STOPPED.stopped", {
            since: f.date(since),
            days: num(item, "daysStopped") ?? 0,
            months: num(item, "monthsStopped") ?? 0,
            limit,
          }),
          item.status === "FIRED"
            ? t("distance.PRODUCTION_STOPPED.fired", { firesOn: f.date(str(item, "firesOn")) })
            : t("distance.PRODUCTION_STOPPED.firesOn", {
                firesOn: f.date(str(item, "firesOn")),
                days: num(item, "daysUntilFires") ?? 0,
                closeDays: CLOSE_DAYS,
              }),
        ];
      }
      case "MANAGEMENT_SLIDE": {
        const score = num(item, "score");
        const margin = num(item, "margin");
        const part = partName(str(item, "partCode"));
        const floor = f.score(num(item, "floor"));
        const level = f.level(grade?.level);
        const out = [
          score === null || margin === null
            ? t("distance.MANAGEMENT_SLIDE.notAssessed", { part, floor, level })
            : t("distance.MANAGEMENT_SLIDE.margin", {
                part,
                score: f.score(score),
                floor,
                margin: f.margin(margin),
                level,
              }),
        ];
        out.push(
          item.status === "FIRED"
            ? t("distance.MANAGEMENT_SLIDE.fired", { level })
            : item.status === "CLOSE"
              ? t("distance.MANAGEMENT_SLIDE.close", { points: CLOSE_POINTS })
              : t("distance.MANAGEMENT_SLIDE.ok", { points: CLOSE_POINTS }),
        );
        return out;
      }
    }
  };

  const basis = distance?.basis ?? null;
  const basisHref = !basis
    ? null
    : basis.kind === "SPOT_CHECK"
      ? `/mines/${encodeURIComponent(data.mine.code)}/spot-checks/${basis.id}`
      : linkApplications
        ? `/applications/${basis.id}`
        : null;
  const basisLine = (
    <p className="text-sm text-slate-700" data-testid="distance-basis" data-kind={basis?.kind ?? "NONE"}>
      {basis
        ? t(`distance.basis.${basis.kind}`, { date: f.date(basis.date), id: basis.id, rules: basis.ruleVersionCode })
        : t("distance.basis.NONE")}
      {basisHref && (
        <>
          {" "}
          <Link href={basisHref} className="text-brand-700 underline">
            {t(`distance.basis.open${basis!.kind}`)}
          </Link>
        </>
      )}
    </p>
  );

  let body: React.ReactNode;
  if (!grade) body = <p className="text-sm text-slate-700">{t("distance.ungraded")}</p>;
  else if (!distance) body = <p className="text-sm text-slate-700">{t("distance.noRules")}</p>;
  else
    body = (
      <>
        <p className="text-sm text-slate-700">
          {t("distance.intro", { level: f.level(grade.level), rules: distance.ruleVersionCode })}
        </p>
        {basisLine}
        <ol className="space-y-2" data-testid="distance-items">
          {distance.items.map((item, i) => (
            <li
              key={item.trigger}
              data-trigger={item.trigger}
              data-status={item.status}
              className="flex gap-3 rounded border border-slate-200 p-3"
            >
              <span className="w-6 shrink-0 text-right font-semibold text-slate-600">{i + 1}.</span>
              <div className="space-y-1 text-sm">
                <p>
                  <span
                    className={`mr-2 inline-block rounded border px-2 py-0.5 text-xs font-bold ${STATUS_STYLE[item.status]}`}
                    data-testid="distance-status"
                  >
                    {STATUS_MARK[item.status]} {t(`distance.status.${item.status}`)}
                  </span>
                  <span className="font-medium">{t(`distance.trigger.${item.trigger}`)}</span>
                </p>
                {sentences(item).map((s) => (
                  <p key={s}>{s}</p>
                ))}
              </div>
            </li>
          ))}
        </ol>
        <p className="text-xs text-slate-600">
          {t("distance.legend", { closeDays: CLOSE_DAYS, points: CLOSE_POINTS })}
        </p>
      </>
    );

  return (
    <Section title={t("distance.title")}>
      <div className="space-y-3" data-testid="distance-to-downgrade">
        {body}
        {data.nextReReview && grade && (
          <p className="text-sm" data-testid="next-re-review">
            {t("distance.reReview", {
              date: f.date(data.nextReReview),
              days: daysBetween(data.today, data.nextReReview),
            })}
          </p>
        )}
      </div>
    </Section>
  );
}
