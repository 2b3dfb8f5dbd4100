// Rule versions (lib/domain/rule-data.ts) as database rows, and element scores that the grading
// engine (lib/domain/grading.ts, computeGrade) grades at a wanted level.
import { computeGrade, roundForDisplay } from "../../lib/domain/grading";
import { RULE_VERSIONS } from "../../lib/domain/rule-data";
import { elementsFor, type RuleSet } from "../../lib/domain/rules";
import { MineType } from "../../lib/generated/prisma/enums";
import { iso } from "./days";
import type { Rng } from "./prng";
import type { RowOf } from "./tables";

export interface RuleRows {
  versions: RowOf<"versions">[];
  parts: RowOf<"parts">[];
  elements: RowOf<"elements">[];
  thresholds: RowOf<"thresholds">[];
  vetoes: RowOf<"vetoes">[];
  consequences: RowOf<"consequences">[];
  basicConditions: RowOf<"basicConditions">[];
  sources: RowOf<"sources">[];
}

/** Rule version ids are their 1-based position in RULE_VERSIONS (2017 → 1, 2020 → 2, 2024 → 3, 2026 → 4). */
export function ruleVersionId(rules: RuleSet): number {
  return RULE_VERSIONS.indexOf(rules) + 1;
}

const ruleStarts = RULE_VERSIONS.map((r) => ({ rules: r, from: r.effectiveFrom })).sort((a, b) =>
  a.from < b.from ? -1 : 1,
);

/** The rule version in force on day d (before the first one: the first one). */
export function rulesOn(d: number): RuleSet {
  const date = iso(d);
  let current = ruleStarts[0].rules;
  for (const r of ruleStarts) if (r.from <= date) current = r.rules;
  return current;
}

export function ruleRows(): RuleRows {
  const rows: RuleRows = {
    versions: [],
    parts: [],
    elements: [],
    thresholds: [],
    vetoes: [],
    consequences: [],
    basicConditions: [],
    sources: [],
  };
  let consequenceId = 0;
  let conditionId = 0;
  let partId = 0;
  let elementId = 0;
  let thresholdId = 0;
  let vetoId = 0;
  let sourceId = 0;
  for (const r of RULE_VERSIONS) {
    const id = ruleVersionId(r);
    const { code, nameZh, nameEn, documentNo, effectiveFrom, validityYears, publicNoticeDays } = r;
    const { placeholderWeights, hiddenDangerWindowMonths, stoppedMonthsLimit, gradeRequiredToProduce } = r;
    rows.versions.push({
      id,
      code,
      nameZh,
      nameEn,
      documentNo,
      effectiveFrom,
      validityYears,
      publicNoticeDays,
      placeholderWeights,
      hiddenDangerWindowMonths,
      stoppedMonthsLimit,
      gradeRequiredToProduce,
      level1ShiftHeadcountCap: r.level1ShiftHeadcountCap ?? null,
      directExtension: r.directExtension,
      directExtensionWindowMonths: r.directExtensionWindowMonths,
    });
    r.parts.forEach((p, i) =>
      rows.parts.push({
        id: ++partId,
        ruleVersionId: id,
        code: p.code,
        nameZh: p.nameZh,
        nameEn: p.nameEn,
        sortOrder: i + 1,
      }),
    );
    for (const mineType of Object.values(MineType)) {
      elementsFor(r, mineType).forEach((e, i) =>
        rows.elements.push({
          id: ++elementId,
          ruleVersionId: id,
          mineType,
          code: e.code,
          partCode: e.partCode,
          nameZh: e.nameZh,
          nameEn: e.nameEn,
          weight: String(e.weight),
          sortOrder: i + 1,
        }),
      );
    }
    for (const t of r.thresholds)
      rows.thresholds.push({
        id: ++thresholdId,
        ruleVersionId: id,
        level: t.level,
        partCode: t.partCode,
        elementCode: t.elementCode ?? null,
        minScore: String(t.minScore),
      });
    for (const v of r.vetoes)
      rows.vetoes.push({
        id: ++vetoId,
        ruleVersionId: id,
        level: v.level,
        kind: v.kind,
        accidentClass: v.accidentClass,
        windowMonths: v.windowMonths,
      });
    for (const c of r.consequences) rows.consequences.push({ id: ++consequenceId, ruleVersionId: id, ...c });
    r.basicConditions.forEach((c, i) =>
      rows.basicConditions.push({ id: ++conditionId, ruleVersionId: id, ...c, sortOrder: i + 1 }),
    );
    for (const [parameter, { source, status }] of Object.entries(r.sources ?? {}))
      rows.sources.push({ id: ++sourceId, ruleVersionId: id, parameter, source, status });
  }
  return rows;
}

export interface Sheet {
  scores: Record<string, number | null>;
  total: number;
  level: number | null;
}

/** Score bands per wanted level: element scores are drawn in [lo, hi] (0 = below Level 3). */
const BANDS: Record<number, [number, number][]> = {
  1: [
    [90, 100],
    [90, 98],
  ],
  2: [
    [80, 94],
    [80, 89.5],
  ],
  3: [
    [70, 86],
    [70, 79.5],
  ],
  0: [
    [58, 78],
    [50, 69.5],
  ],
};

/**
 * Element scores (multiples of 0.5, a few not applicable) that computeGrade grades exactly at `level`
 * (null: below Level 3) under `rules` on `date`, without veto facts. The first tries draw from a wide
 * band and keep the sheet when the engine agrees; the last uses a narrow band that always agrees.
 */
export function makeSheet(rng: Rng, rules: RuleSet, mineType: MineType, level: number | null, date: string): Sheet {
  const elements = elementsFor(rules, mineType);
  const [wide, narrow] = BANDS[level ?? 0];
  // 缺项: about one sheet in twelve leaves out one professional element (never a whole part).
  const professional = elements.filter((e) => e.partCode === "PROFESSIONAL");
  const na = rng.chance(0.08) && professional.length > 1 ? rng.pick(professional).code : null;
  for (let attempt = 0; attempt < 6; attempt++) {
    const [lo, hi] = attempt < 5 ? wide : narrow;
    const scores: Record<string, number | null> = {};
    for (const e of elements) {
      scores[e.code] = e.code === na ? null : Math.min(hi, Math.round((lo + rng.float() * (hi - lo)) * 2) / 2);
    }
    const result = computeGrade({ rules, mineType, scores, asOf: date });
    if (result.level === level || attempt === 5) {
      if (result.level !== level) throw new Error(`Score band for level ${level} graded ${result.level}`);
      return { scores, total: roundForDisplay(result.total ?? 0, 2), level: result.level };
    }
  }
  throw new Error("unreachable");
}
