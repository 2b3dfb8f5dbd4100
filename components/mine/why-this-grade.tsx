import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Section } from "@/components/ui/section";
import type { Floor } from "@/lib/domain/explain";
import type { Reason } from "@/lib/domain/grading";
import type { Level } from "@/lib/domain/rules";
import { getDisplayFormat } from "@/lib/i18n/display";
import { reasonSentence } from "@/lib/i18n/grade-sentences";
import { pickName } from "@/lib/i18n/pick";
import type { GradeExplanationView } from "@/lib/server/data/grade-explanation";
import { ScrollBox } from "@/components/ui/scroll-box";

type Column = { level: Level; role: "above" | "current" | "below" };

/**
 * "Why this grade": the scores behind the mine's grade, every part and element against the floors
 * of the level above and below, which rule or veto decided the level, and what would lift it.
 */
export async function WhyThisGrade({ data }: { data: GradeExplanationView }) {
  const [t, f, locale] = await Promise.all([getTranslations("managerView"), getDisplayFormat(), getLocale()]);
  const { explanation, source, grade } = data;
  const partName = (code: string) => {
    const p = data.parts.find((x) => x.code === code);
    return p ? pickName(locale, p.nameZh, p.nameEn) : code;
  };
  const elementName = (code: string) => {
    const e = data.elements.find((x) => x.code === code);
    return e ? pickName(locale, e.nameZh, e.nameEn) : code;
  };
  const what = (partCode: string | null) => (partCode === null ? t("why.theTotal") : partName(partCode));
  const levelName = (level: Level | null) => (level === null ? t("why.unstandardized") : f.level(level));

  const reasonText = (r: Reason): string =>
    reasonSentence(r, { t, f, partName, elementName, listSeparator: locale === "en" ? ", " : "、" });

  const sourceLine = source
    ? source.kind === "ASSESSMENT"
      ? t("why.sourceAssessment", { date: f.date(source.date), id: source.id, rules: source.ruleVersionCode })
      : t("why.sourceSpotCheck", { date: f.date(source.date), rules: source.ruleVersionCode })
    : grade
      ? t("why.noSource")
      : t("why.noSourceUngraded");

  let body: React.ReactNode = null;
  if (explanation) {
    const result = explanation.result;
    const columns: Column[] = [];
    if (explanation.levelAbove !== null) columns.push({ level: explanation.levelAbove, role: "above" });
    if (result.level !== null) columns.push({ level: result.level, role: "current" });
    if (explanation.levelBelow !== null) columns.push({ level: explanation.levelBelow, role: "below" });
    const floorAt = (floors: Floor[], level: Level) => floors.find((x) => x.level === level);

    const floorCell = (floor: Floor | undefined) => {
      if (!floor) return <span className="text-slate-500">—</span>;
      const required = `≥ ${f.score(floor.required)}`;
      if (floor.margin === null)
        return (
          <span className="font-semibold text-red-800">
            {required} · ✗ {t("why.notAssessed")}
          </span>
        );
      return floor.met ? (
        <span className="text-green-800">
          {required} · ✓ {t("why.met")} ({f.margin(floor.margin)})
        </span>
      ) : (
        <span className="font-semibold text-red-800">
          {required} · ✗ {t("why.missed")} ({f.margin(floor.margin)})
        </span>
      );
    };
    /** An element against its part's floor: informative, the engine checks parts and the total only. */
    const elementFloor = (score: number | null, partFloors: Floor[], level: Level) => {
      const pf = floorAt(partFloors, level);
      if (!pf || score === null) return <span className="text-slate-500">—</span>;
      const m = score - pf.required;
      return m >= 0 ? (
        <span className="text-green-800">
          ✓ <span className="sr-only">{t("why.met")}</span> {f.margin(m)}
        </span>
      ) : (
        <span className="text-red-800">
          ✗ {t("why.belowPartFloor")} {f.margin(m)}
        </span>
      );
    };

    body = (
      <>
        <div className="rounded border border-slate-300 bg-slate-50 p-3" data-testid="why-result">
          <p className="text-sm">
            {t("why.engineResult", { date: f.date(data.today) })}{" "}
            <strong data-testid="why-level" data-level={result.level ?? "none"}>
              {levelName(result.level)}
            </strong>
            {result.total !== null && <> · {t("why.totalIs", { total: f.score(result.total) })}</>}
          </p>
          <p className="mt-1 text-sm" data-testid="why-decided-by">
            <span className="font-medium">{t("why.decidedBy")}:</span> {reasonText(explanation.decidedBy)}
          </p>
          {explanation.decidedBySource && (
            <p className="mt-1 text-xs text-slate-700" data-testid="why-rule-source">
              {t("why.ruleSource", {
                document: explanation.decidedBySource.documentNo ?? "—",
                source: explanation.decidedBySource.source || t("why.noParameterSource"),
              })}{" "}
              <span
                data-status={explanation.decidedBySource.status}
                className={
                  explanation.decidedBySource.status === "PLACEHOLDER"
                    ? "rounded bg-amber-100 px-1 font-medium text-amber-900"
                    : "rounded bg-slate-100 px-1"
                }
              >
                {t(`why.status.${explanation.decidedBySource.status}`)}
              </span>
            </p>
          )}
          {explanation.decidingPlaceholders.length > 0 && (
            <div
              role="note"
              className="mt-2 rounded border border-amber-300 bg-amber-50 p-2 text-xs text-amber-900"
              data-testid="why-placeholders"
            >
              <p className="font-medium">⚠ {t("why.placeholdersDecide")}</p>
              <ul className="mt-1 list-disc pl-5">
                {explanation.decidingPlaceholders.map((p) => (
                  <li key={p.key}>
                    {p.key === "weights" ? t("why.placeholderWeights") : p.key}: {p.source}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {grade && result.level !== grade.level && (
            <p className="mt-1 text-sm font-medium text-amber-900" role="note">
              {t("why.differs", { held: levelName(grade.level), now: levelName(result.level) })}
            </p>
          )}
          {result.levelsByScore !== null && result.levelsByScore !== result.level && (
            <p className="mt-1 text-sm text-amber-900">
              {t("why.scoresAloneReach", { level: levelName(result.levelsByScore) })}
            </p>
          )}
        </div>

        <div>
          <h3 className="font-medium">
            {explanation.levelAbove === null
              ? t("why.bestLevel")
              : t("why.toReach", { level: levelName(explanation.levelAbove) })}
          </h3>
          {explanation.levelAbove !== null && (
            <ul className="list-disc pl-5 text-sm" data-testid="why-to-reach">
              {explanation.toReachAbove.map((s) => (
                <li key={s.elementCode ?? s.partCode ?? "total"}>
                  {s.score === null
                    ? t("why.shortNotAssessed", { what: what(s.partCode), required: f.score(s.required) })
                    : t("why.short", {
                        what: s.elementCode ? `${s.elementCode} ${elementName(s.elementCode)}` : what(s.partCode),
                        score: f.score(s.score),
                        required: f.score(s.required),
                        short: f.margin(s.shortBy),
                      })}
                </li>
              ))}
              {explanation.vetoesAbove.map((v) => (
                <li key={`${v.kind}-${v.eventOn}-${v.accidentClass ?? ""}`}>{reasonText(v)}</li>
              ))}
            </ul>
          )}
        </div>

        <ScrollBox label={t("why.scoresTable")}>
          <table className="min-w-full text-sm" data-testid="why-scores">
            <caption className="text-left font-medium">{t("why.scoresTable")}</caption>
            <thead className="text-left">
              <tr>
                <th scope="col" className="py-1 pr-3">
                  {t("why.item")}
                </th>
                <th scope="col" className="py-1 pr-3 text-right">
                  {t("why.score")}
                </th>
                <th scope="col" className="py-1 pr-3 text-right">
                  {t("why.share")}
                </th>
                {columns.map((c) => (
                  <th key={c.level} scope="col" className="py-1 pr-3">
                    {t("why.column", { level: f.level(c.level), role: c.role })}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr className="border-t border-slate-300 font-semibold" data-testid="why-row-total">
                <th scope="row" className="py-1 pr-3 text-left">
                  {t("why.total")}
                </th>
                <td className="py-1 pr-3 text-right">{f.score(explanation.total.score)}</td>
                <td className="py-1 pr-3 text-right">{f.weight(1)}</td>
                {columns.map((c) => (
                  <td key={c.level} className="py-1 pr-3">
                    {floorCell(floorAt(explanation.total.floors, c.level))}
                  </td>
                ))}
              </tr>
              {explanation.parts.map((p) => {
                const members = explanation.elements.filter((e) => e.partCode === p.code);
                const share = members.reduce((s, e) => s + e.effectiveWeight, 0);
                return [
                  <tr key={p.code} className="border-t border-slate-300 bg-slate-50" data-testid={`why-row-${p.code}`}>
                    <th scope="row" className="py-1 pr-3 text-left font-medium">
                      {partName(p.code)}
                    </th>
                    <td className="py-1 pr-3 text-right font-medium">{f.score(p.score)}</td>
                    <td className="py-1 pr-3 text-right">{f.weight(share)}</td>
                    {columns.map((c) => (
                      <td key={c.level} className="py-1 pr-3">
                        {floorCell(floorAt(p.floors, c.level))}
                      </td>
                    ))}
                  </tr>,
                  ...members.map((e) => (
                    <tr key={`${p.code}-${e.code}`} className="border-t border-slate-100">
                      <th scope="row" className="py-0.5 pr-3 pl-4 text-left font-normal">
                        {e.code} {elementName(e.code)}
                      </th>
                      <td className="py-0.5 pr-3 text-right">
                        {e.score === null ? t("why.notApplicable") : f.score(e.score)}
                      </td>
                      <td className="py-0.5 pr-3 text-right">{f.weight(e.effectiveWeight)}</td>
                      {columns.map((c) => (
                        <td key={c.level} className="py-0.5 pr-3 text-xs">
                          {elementFloor(e.score, p.floors, c.level)}
                        </td>
                      ))}
                    </tr>
                  )),
                ];
              })}
            </tbody>
          </table>
          <p className="mt-1 text-xs text-slate-600">{t("why.tableNote")}</p>
        </ScrollBox>

        <details>
          <summary className="cursor-pointer text-sm font-medium">{t("why.allReasons")}</summary>
          <ol className="mt-2 list-decimal space-y-0.5 pl-5 text-sm" data-testid="why-reasons">
            {result.reasons.map((r, i) => (
              <li key={i} data-code={r.code}>
                {reasonText(r)}
              </li>
            ))}
          </ol>
        </details>
      </>
    );
  }

  return (
    <Section title={t("why.title")}>
      <div className="space-y-4" data-testid="why-this-grade">
        <p className="text-sm text-slate-700" data-testid="why-source">
          {sourceLine}
          {source?.kind === "SPOT_CHECK" && (
            <>
              {" "}
              <Link
                href={`/mines/${encodeURIComponent(data.mine.code)}/spot-checks/${source.id}`}
                className="text-brand-700 underline"
              >
                {t("why.openSpotCheck")}
              </Link>
            </>
          )}
        </p>
        {!grade && source && <p className="text-sm text-slate-700">{t("why.ungradedNote")}</p>}
        {data.invalidSheet && (
          <p role="alert" className="text-sm text-red-800">
            {t("why.invalidSheet")}
          </p>
        )}
        {body}
      </div>
    </Section>
  );
}
