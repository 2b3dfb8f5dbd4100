import { describe, expect, it } from "vitest";
import {
  addMonths,
  computeGrade,
  isIsoDate,
  roundForDisplay,
  ScoreInputError,
  scoreSheet,
  validateScores,
  vetoEvents,
  type ElementInput,
  type GradeResult,
  type PartResult,
  type Reason,
  type VetoFacts,
} from "@/lib/domain/grading";
import {
  PART_BASIC,
  PART_DISASTER,
  PART_PROFESSIONAL,
  RULE_2017,
  RULE_2020,
  RULE_2024,
  RULE_VERSIONS,
} from "@/lib/domain/rule-data";
import { elementsFor, type Level, type MineType, type RuleSet } from "@/lib/domain/rules";

// ---------------------------------------------------------------------------------------------
// Helpers

const BASIC = ["E01", "E02", "E03", "E04", "E05", "E06", "E15"];
const DISASTER = ["E07", "E08"];
const PROFESSIONAL = ["E09", "E10", "E11", "E12", "E13", "E14"];

/** Every element of the mine type at `base`, then the overrides. */
function sheet(
  base: number | null,
  overrides: Record<string, ElementInput> = {},
  mineType: MineType = "UNDERGROUND",
  rules: RuleSet = RULE_2020,
): Record<string, ElementInput> {
  const out: Record<string, ElementInput> = {};
  for (const e of elementsFor(rules, mineType)) out[e.code] = base;
  return { ...out, ...overrides };
}

function each(codes: string[], value: ElementInput): Record<string, ElementInput> {
  return Object.fromEntries(codes.map((c) => [c, value]));
}

const AS_OF = "2024-06-15";
const NO_FACTS: VetoFacts = { accidents: [], failedLevel1AssessmentsOn: [], decisionsOn: [] };

function grade(
  scores: Record<string, ElementInput>,
  opts: { facts?: Partial<VetoFacts>; asOf?: string; mineType?: MineType; rules?: RuleSet } = {},
): GradeResult {
  return computeGrade({
    rules: opts.rules ?? RULE_2020,
    mineType: opts.mineType ?? "UNDERGROUND",
    scores,
    asOf: opts.asOf ?? AS_OF,
    facts: { ...NO_FACTS, ...opts.facts },
  });
}

function reasonsOf<C extends Reason["code"]>(r: GradeResult, code: C): Extract<Reason, { code: C }>[] {
  return r.reasons.filter((x): x is Extract<Reason, { code: C }> => x.code === code);
}

function threshold(r: GradeResult, level: Level, partCode: string | null): Reason | undefined {
  return r.reasons.find(
    (x) =>
      (x.code === "THRESHOLD_MET" || x.code === "THRESHOLD_MISSED" || x.code === "PART_NOT_ASSESSED") &&
      x.level === level &&
      x.partCode === partCode,
  );
}

function part(r: { parts: PartResult[] }, code: string): PartResult {
  const p = r.parts.find((x) => x.code === code);
  if (!p) throw new Error(`no part ${code}`);
  return p;
}

function accident(occurredOn: string, deaths: number): Partial<VetoFacts> {
  return { accidents: [{ occurredOn, deaths }] };
}

/** A small rule set where the arithmetic is obvious: A = X1 (0.5) + X2 (0.25), B = X3 (0.25). */
const TOY: RuleSet = {
  ...RULE_2020,
  code: "TOY",
  parts: [
    { code: "A", nameZh: "甲", nameEn: "A" },
    { code: "B", nameZh: "乙", nameEn: "B" },
  ],
  elements: [
    { mineType: "UNDERGROUND", code: "X1", partCode: "A", nameZh: "一", nameEn: "One", weight: 0.5 },
    { mineType: "UNDERGROUND", code: "X2", partCode: "A", nameZh: "二", nameEn: "Two", weight: 0.25 },
    { mineType: "UNDERGROUND", code: "X3", partCode: "B", nameZh: "三", nameEn: "Three", weight: 0.25 },
  ],
  thresholds: [
    { level: 1, partCode: null, minScore: 95 },
    { level: 1, partCode: "A", minScore: 95 },
    { level: 1, partCode: "B", minScore: 60 },
    { level: 2, partCode: null, minScore: 75 },
    { level: 2, partCode: "A", minScore: 75 },
    { level: 2, partCode: "B", minScore: 75 },
    { level: 3, partCode: null, minScore: 50 },
    { level: 3, partCode: "A", minScore: 50 },
    { level: 3, partCode: "B", minScore: 50 },
  ],
  vetoes: [
    { level: 1, kind: "FATAL_ACCIDENT", accidentClass: "ORDINARY", windowMonths: 6 },
    { level: 2, kind: "RECENT_DECISION", accidentClass: null, windowMonths: 3 },
  ],
};

function toy(x1: ElementInput, x2: ElementInput, x3: ElementInput, facts: Partial<VetoFacts> = {}, asOf = AS_OF) {
  return grade({ X1: x1, X2: x2, X3: x3 }, { rules: TOY, facts, asOf });
}

// ---------------------------------------------------------------------------------------------
// Scoring

describe("scoreSheet", () => {
  it("all elements at 90 give exactly 90, total and every part", () => {
    const s = scoreSheet(RULE_2020, "UNDERGROUND", sheet(90));
    expect(s.total).toBe(90);
    expect(s.parts.map((p) => p.score)).toEqual([90, 90, 90]);
    expect(s.notApplicable).toEqual([]);
  });

  it("exact arithmetic: sums that drift in floating point still give the exact score", () => {
    // 0.1 + 0.2 style drift: the naive weighted sum of 89.9 × placeholder weights is not 89.9 in floats.
    const naive = elementsFor(RULE_2020, "UNDERGROUND").reduce((acc, e) => acc + 89.9 * e.weight, 0);
    expect(naive).not.toBe(89.9);
    expect(scoreSheet(RULE_2020, "UNDERGROUND", sheet(89.9)).total).toBe(89.9);
    expect(scoreSheet(RULE_2020, "UNDERGROUND", sheet(70)).total).toBe(70);
    expect(scoreSheet(RULE_2020, "UNDERGROUND", sheet(84.99)).total).toBe(84.99);
  });

  it("lists parts in rule-set order with their raw applicable weights and element counts", () => {
    const s = scoreSheet(RULE_2020, "UNDERGROUND", sheet(100));
    expect(s.parts).toEqual([
      { code: PART_BASIC, score: 100, weight: 0.36, applicableElements: 7 },
      { code: PART_DISASTER, score: 100, weight: 0.24, applicableElements: 2 },
      { code: PART_PROFESSIONAL, score: 100, weight: 0.4, applicableElements: 6 },
    ]);
  });

  it("computes a weighted total by hand (RULE_2020): E07 = 50, others 100", () => {
    const s = scoreSheet(RULE_2020, "UNDERGROUND", sheet(100, { E07: 50 }));
    // 100 − 50 × 0.14 = 93; disaster = (50 × 0.14 + 100 × 0.10) / 0.24 = 17 / 0.24
    expect(s.total).toBe(93);
    expect(part(s, PART_DISASTER).score).toBeCloseTo(70.833333333333, 11);
    expect(part(s, PART_BASIC).score).toBe(100);
  });

  it("renormalises over applicable elements (RULE_2020): E07 N/A, E08 = 80, others 100", () => {
    const s = scoreSheet(RULE_2020, "UNDERGROUND", sheet(100, { E07: null, E08: 80 }));
    // Σw = 0.86; Σ(s·w) = 100 × 0.76 + 80 × 0.10 = 84 → 84 / 0.86
    expect(s.total).toBeCloseTo(84 / 0.86, 11);
    expect(s.total).toBeCloseTo(97.674418604651, 11);
    expect(part(s, PART_DISASTER)).toEqual({ code: PART_DISASTER, score: 80, weight: 0.1, applicableElements: 1 });
    expect(s.notApplicable).toEqual(["E07"]);
  });

  it("renormalises over applicable elements (RULE_2020): E13 N/A, E09 = 60, others 90", () => {
    const s = scoreSheet(RULE_2020, "UNDERGROUND", sheet(90, { E13: null, E09: 60 }));
    // total: Σw = 0.94, Σ(s·w) = 90 × 0.94 − 30 × 0.07 = 82.5; professional: Σw = 0.34, Σ = 60 × 0.07 + 90 × 0.27 = 28.5
    expect(s.total).toBeCloseTo(87.765957446808, 11);
    expect(part(s, PART_PROFESSIONAL).score).toBeCloseTo(83.823529411764, 11);
    expect(part(s, PART_PROFESSIONAL).weight).toBe(0.34);
    expect(part(s, PART_PROFESSIONAL).applicableElements).toBe(5);
  });

  it("renormalises in a toy rule set", () => {
    const all = scoreSheet(TOY, "UNDERGROUND", { X1: 100, X2: 70, X3: 80 });
    expect(all.total).toBe(87.5); // 50 + 17.5 + 20
    expect(part(all, "A").score).toBe(90); // 67.5 / 0.75
    expect(part(all, "B").score).toBe(80);
    const na = scoreSheet(TOY, "UNDERGROUND", { X1: 100, X2: null, X3: 80 });
    expect(na.total).toBeCloseTo(93.333333333333, 11); // 70 / 0.75
    expect(part(na, "A")).toEqual({ code: "A", score: 100, weight: 0.5, applicableElements: 1 });
  });

  it("an all-N/A part has score null and weight 0; an all-N/A sheet has total null", () => {
    const s = scoreSheet(RULE_2020, "UNDERGROUND", sheet(90, { E07: null, E08: null }));
    expect(part(s, PART_DISASTER)).toEqual({ code: PART_DISASTER, score: null, weight: 0, applicableElements: 0 });
    expect(s.total).toBe(90);
    const none = scoreSheet(RULE_2020, "UNDERGROUND", sheet(null));
    expect(none.total).toBeNull();
    expect(none.parts.every((p) => p.score === null)).toBe(true);
    expect(none.notApplicable).toHaveLength(15);
  });

  it("truncates reported scores so they never round up past a threshold", () => {
    const s = scoreSheet(TOY, "UNDERGROUND", { X1: 100, X2: 100, X3: 0.000000000002 });
    // 0.25 × 2e-12 = 5e-13 → 75.0000000000005 truncated to 12 decimals = 75
    expect(s.total).toBe(75);
    const t = scoreSheet(TOY, "UNDERGROUND", { X1: 90, X2: 90, X3: 89.99999999 });
    expect(t.total).toBe(89.9999999975);
  });

  it("throws ScoreInputError for invalid sheets", () => {
    expect(() => scoreSheet(RULE_2020, "UNDERGROUND", { E01: 90 })).toThrow(ScoreInputError);
  });
});

// ---------------------------------------------------------------------------------------------
// Levels by score

describe("computeGrade: thresholds", () => {
  it("all elements at 90 → Level 1 exactly, with every reason", () => {
    const r = grade(sheet(90));
    expect(r.total).toBe(90);
    expect(r.level).toBe(1);
    expect(r.levelsByScore).toBe(1);
    expect(r.reasons).toEqual([
      { code: "THRESHOLD_MET", level: 1, partCode: null, score: 90, required: 90 },
      { code: "THRESHOLD_MET", level: 1, partCode: PART_DISASTER, score: 90, required: 90 },
      { code: "THRESHOLD_MET", level: 1, partCode: PART_PROFESSIONAL, score: 90, required: 90 },
      { code: "THRESHOLD_MET", level: 1, partCode: PART_BASIC, score: 90, required: 85 },
      { code: "LEVEL_REACHED", level: 1 },
    ]);
  });

  it("all elements at 90 reach Level 1 in every shipped rule set and mine type", () => {
    for (const rules of RULE_VERSIONS) {
      for (const mineType of ["UNDERGROUND", "OPEN_PIT"] as const) {
        const r = grade(sheet(90, {}, mineType, rules), { rules, mineType });
        expect(r.total, `${rules.code} ${mineType}`).toBe(90);
        expect(r.level, `${rules.code} ${mineType}`).toBe(1);
      }
    }
  });

  it("total 89.9 misses Level 1 and reaches Level 2; 90 reaches Level 1", () => {
    const low = grade(sheet(89.9));
    expect(low.total).toBe(89.9);
    expect(low.level).toBe(2);
    expect(low.levelsByScore).toBe(2);
    expect(threshold(low, 1, null)).toEqual({
      code: "THRESHOLD_MISSED",
      level: 1,
      partCode: null,
      score: 89.9,
      required: 90,
    });
    expect(grade(sheet(90)).level).toBe(1);
  });

  it("does not round for comparison: 89.95 is below 90, though it displays as 90", () => {
    const r = grade(sheet(89.95));
    expect(r.total).toBe(89.95);
    expect(roundForDisplay(r.total ?? 0)).toBe(90);
    expect(r.level).toBe(2);
  });

  it("a total a hair below 90 misses Level 1 (E01 = 89.99, others 90 → 89.99964)", () => {
    const r = grade(sheet(90, { E01: 89.99 }));
    expect(r.total).toBe(89.99964);
    expect(threshold(r, 1, null)?.code).toBe("THRESHOLD_MISSED");
    expect(r.level).toBe(2);
  });

  it("basic part 84.99 with total ≥ 90 → not Level 1 but Level 2; 85 → Level 1", () => {
    const r = grade(sheet(100, each(BASIC, 84.99)));
    expect(part(r, PART_BASIC).score).toBe(84.99);
    expect(r.total).toBe(94.5964); // 0.36 × 84.99 + 0.64 × 100
    expect(threshold(r, 1, null)?.code).toBe("THRESHOLD_MET");
    expect(threshold(r, 1, PART_BASIC)).toEqual({
      code: "THRESHOLD_MISSED",
      level: 1,
      partCode: PART_BASIC,
      score: 84.99,
      required: 85,
    });
    expect(r.level).toBe(2);
    expect(r.levelsByScore).toBe(2);
    expect(grade(sheet(100, each(BASIC, 85))).level).toBe(1);
  });

  it("disaster part 89.9 with a high total → Level 2; 90 → Level 1", () => {
    const r = grade(sheet(100, each(DISASTER, 89.9)));
    expect(r.total).toBe(97.576);
    expect(threshold(r, 1, PART_DISASTER)).toMatchObject({ code: "THRESHOLD_MISSED", score: 89.9, required: 90 });
    expect(r.level).toBe(2);
    expect(grade(sheet(100, each(DISASTER, 90))).level).toBe(1);
  });

  it("professional part 89.9 with a high total → Level 2; 90 → Level 1", () => {
    const r = grade(sheet(100, each(PROFESSIONAL, 89.9)));
    expect(threshold(r, 1, PART_PROFESSIONAL)).toMatchObject({ code: "THRESHOLD_MISSED", score: 89.9, required: 90 });
    expect(r.level).toBe(2);
    expect(grade(sheet(100, each(PROFESSIONAL, 90))).level).toBe(1);
  });

  it("a single element can sink a part just below its floor (E08 = 89.86 → disaster 89.9417 → Level 2)", () => {
    const r = grade(sheet(90, { E08: 89.86 }));
    // disaster = (90 × 0.14 + 89.86 × 0.10) / 0.24 = 21.586 / 0.24 = 89.941666…
    expect(part(r, PART_DISASTER).score).toBeCloseTo(89.941666666666, 11);
    expect(r.level).toBe(2);
  });

  it("Level 2 boundary: all 80 → Level 2; all 79.9 → Level 3", () => {
    const at = grade(sheet(80));
    expect(at.level).toBe(2);
    expect(threshold(at, 2, null)).toEqual({
      code: "THRESHOLD_MET",
      level: 2,
      partCode: null,
      score: 80,
      required: 80,
    });
    const below = grade(sheet(79.9));
    expect(below.level).toBe(3);
    expect(threshold(below, 2, null)).toMatchObject({ code: "THRESHOLD_MISSED", score: 79.9, required: 80 });
  });

  it("Level 2 part floor: basic 79.99 with others 100 → Level 3", () => {
    const r = grade(sheet(100, each(BASIC, 79.99)));
    expect(r.total).toBeGreaterThanOrEqual(90);
    expect(threshold(r, 2, PART_BASIC)).toMatchObject({ code: "THRESHOLD_MISSED", score: 79.99, required: 80 });
    expect(r.level).toBe(3);
    expect(grade(sheet(100, each(BASIC, 80))).level).toBe(2);
  });

  it("Level 3 boundary: all 70 → Level 3; all 69.9 → no level (NO_LEVEL_REACHED)", () => {
    const at = grade(sheet(70));
    expect(at.level).toBe(3);
    expect(at.reasons.at(-1)).toEqual({ code: "LEVEL_REACHED", level: 3 });
    const below = grade(sheet(69.9));
    expect(below.level).toBeNull();
    expect(below.levelsByScore).toBeNull();
    expect(below.reasons.at(-1)).toEqual({ code: "NO_LEVEL_REACHED" });
    expect(threshold(below, 3, null)).toMatchObject({ code: "THRESHOLD_MISSED", score: 69.9, required: 70 });
  });

  it("Level 3 part floor: disaster 69.99 with others 100 → no level despite a total above 90", () => {
    const r = grade(sheet(100, each(DISASTER, 69.99)));
    expect(r.total).toBe(92.7976);
    expect(r.level).toBeNull();
    expect(reasonsOf(r, "NO_LEVEL_REACHED")).toHaveLength(1);
  });

  it("far below: all zeros → no level; each level examined with every threshold missed", () => {
    const r = grade(sheet(0));
    expect(r.total).toBe(0);
    expect(r.level).toBeNull();
    expect(reasonsOf(r, "THRESHOLD_MISSED")).toHaveLength(12);
    expect(reasonsOf(r, "THRESHOLD_MET")).toHaveLength(0);
  });

  it("examines levels best first and stops at the level reached", () => {
    const r = grade(sheet(85));
    expect(r.level).toBe(2);
    expect(r.reasons.map((x) => ("level" in x ? `${x.code}:${x.level}` : x.code))).toEqual([
      "THRESHOLD_MISSED:1",
      "THRESHOLD_MISSED:1",
      "THRESHOLD_MISSED:1",
      "THRESHOLD_MET:1", // basic 85 ≥ 85
      "THRESHOLD_MET:2",
      "THRESHOLD_MET:2",
      "THRESHOLD_MET:2",
      "THRESHOLD_MET:2",
      "LEVEL_REACHED:2",
    ]);
  });

  it("reads thresholds from the rule set, not from code (toy: Level 1 at 95, B floor 60)", () => {
    expect(toy(90, 90, 90).level).toBe(2); // 90 everywhere would be Level 1 in RULE_2020
    expect(toy(100, 100, 80).level).toBe(1); // total 95, A 100, B 80 ≥ 60
    expect(toy(100, 100, 79.99).level).toBe(2); // total 94.9975
    expect(toy(92, 100, 100).level).toBe(2); // total 96 but A = 71 / 0.75 = 94.67 < 95
    expect(toy(100, 100, 60).level).toBe(3); // total 90; B 60 misses the Level-2 floor 75
    expect(toy(60, 60, 60).level).toBe(3);
    expect(toy(49.99, 100, 100).level).toBe(3); // total 74.995 < 75; A = 66.66 ≥ 50
    expect(toy(40, 40, 40).level).toBeNull();
  });

  it("a level without thresholds in the rule set cannot be granted (LEVEL_NOT_DEFINED)", () => {
    const noL3: RuleSet = { ...TOY, thresholds: TOY.thresholds.filter((t) => t.level !== 3) };
    const r = grade({ X1: 60, X2: 60, X3: 60 }, { rules: noL3 });
    expect(r.level).toBeNull();
    expect(r.reasons).toContainEqual({ code: "LEVEL_NOT_DEFINED", level: 3 });
    expect(r.reasons.at(-1)).toEqual({ code: "NO_LEVEL_REACHED" });
  });
});

// ---------------------------------------------------------------------------------------------
// Not applicable

describe("computeGrade: not-applicable elements", () => {
  it("a mine whose only low element is N/A reaches Level 1", () => {
    expect(grade(sheet(95, { E13: 10 })).level).toBe(2); // professional part sinks
    const r = grade(sheet(95, { E13: null }));
    expect(r.total).toBe(95);
    expect(r.level).toBe(1);
    expect(r.reasons[0]).toEqual({ code: "NOT_APPLICABLE_RENORMALISED", elementCodes: ["E13"] });
  });

  it("lists every N/A element in rule-set order", () => {
    const r = grade(sheet(90, { E12: null, E02: null, E14: null }));
    expect(reasonsOf(r, "NOT_APPLICABLE_RENORMALISED")).toEqual([
      { code: "NOT_APPLICABLE_RENORMALISED", elementCodes: ["E02", "E12", "E14"] },
    ]);
    expect(r.level).toBe(1);
  });

  it("no NOT_APPLICABLE_RENORMALISED reason when every element is scored", () => {
    expect(reasonsOf(grade(sheet(90)), "NOT_APPLICABLE_RENORMALISED")).toEqual([]);
  });

  it("renormalised totals decide the level (E13 N/A, E09 = 60, others 90 → Level 2)", () => {
    const r = grade(sheet(90, { E13: null, E09: 60 }));
    expect(r.total).toBeCloseTo(87.765957446808, 11);
    expect(threshold(r, 1, PART_PROFESSIONAL)).toMatchObject({ code: "THRESHOLD_MISSED", required: 90 });
    expect(r.level).toBe(2);
  });

  it("an all-N/A part cannot meet its floor: PART_NOT_ASSESSED at every level, no level", () => {
    const r = grade(sheet(100, { E07: null, E08: null }));
    expect(r.total).toBe(100);
    expect(r.level).toBeNull();
    expect(r.levelsByScore).toBeNull();
    expect(reasonsOf(r, "PART_NOT_ASSESSED")).toEqual([
      { code: "PART_NOT_ASSESSED", level: 1, partCode: PART_DISASTER, required: 90 },
      { code: "PART_NOT_ASSESSED", level: 2, partCode: PART_DISASTER, required: 80 },
      { code: "PART_NOT_ASSESSED", level: 3, partCode: PART_DISASTER, required: 70 },
    ]);
  });

  it("an all-N/A sheet: PART_NOT_ASSESSED on the total (partCode null) and on every part", () => {
    const r = grade(sheet(null));
    expect(r.total).toBeNull();
    expect(r.level).toBeNull();
    expect(threshold(r, 1, null)).toEqual({ code: "PART_NOT_ASSESSED", level: 1, partCode: null, required: 90 });
    expect(reasonsOf(r, "PART_NOT_ASSESSED")).toHaveLength(12);
  });

  it("toy: N/A in part A renormalises A and the total", () => {
    const r = toy(100, null, 90);
    // total = (50 + 22.5) / 0.75 = 96.666…; A = 100; B = 90
    expect(r.total).toBeCloseTo(96.666666666666, 11);
    expect(r.level).toBe(1);
    const r2 = toy(100, 0, 90); // the same sheet with X2 scored 0 → total 72.5
    expect(r2.total).toBe(72.5);
    expect(r2.level).toBe(3);
  });

  it("toy: an all-N/A part B → PART_NOT_ASSESSED, no level", () => {
    const r = toy(100, 100, null);
    expect(part(r, "B").score).toBeNull();
    expect(r.level).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------
// Open pit

describe("computeGrade: open-pit mines", () => {
  it("grades open-pit scores and says so", () => {
    const r = grade(sheet(90, {}, "OPEN_PIT"), { mineType: "OPEN_PIT" });
    expect(r.level).toBe(1);
    expect(r.total).toBe(90);
    expect(r.reasons[0]).toEqual({ code: "OPEN_PIT_ELEMENT_SET" });
  });

  it("slopes and dewatering form the disaster part (P07 = 80, others 90 → disaster 84.1666…, Level 2)", () => {
    const r = grade(sheet(90, { P07: 80 }, "OPEN_PIT"), { mineType: "OPEN_PIT" });
    expect(part(r, PART_DISASTER).score).toBeCloseTo(84.166666666666, 11); // (11.2 + 9) / 0.24
    expect(r.total).toBe(88.6); // 90 − 10 × 0.14
    expect(r.level).toBe(2);
  });

  it("open-pit N/A reason follows OPEN_PIT_ELEMENT_SET", () => {
    const r = grade(sheet(90, { P05: null }, "OPEN_PIT"), { mineType: "OPEN_PIT" });
    expect(r.reasons.slice(0, 2)).toEqual([
      { code: "OPEN_PIT_ELEMENT_SET" },
      { code: "NOT_APPLICABLE_RENORMALISED", elementCodes: ["P05"] },
    ]);
  });

  it("underground mines get no OPEN_PIT_ELEMENT_SET reason", () => {
    expect(reasonsOf(grade(sheet(90)), "OPEN_PIT_ELEMENT_SET")).toEqual([]);
  });

  it("rejects an underground element code on an open-pit sheet", () => {
    const scores = { ...sheet(90, {}, "OPEN_PIT"), E07: 90 };
    expect(validateScores(RULE_2020, "OPEN_PIT", scores)).toEqual([{ elementCode: "E07", problem: "UNKNOWN_ELEMENT" }]);
    expect(() => grade(scores, { mineType: "OPEN_PIT" })).toThrow(ScoreInputError);
  });

  it("rejects an underground sheet graded as open-pit (missing P-elements, unknown E07–E14)", () => {
    const problems = validateScores(RULE_2020, "OPEN_PIT", sheet(90));
    expect(problems.filter((p) => p.problem === "MISSING").map((p) => p.elementCode)).toEqual([
      "P01",
      "P02",
      "P03",
      "P04",
      "P05",
      "P06",
      "P07",
      "P08",
    ]);
    expect(problems.filter((p) => p.problem === "UNKNOWN_ELEMENT").map((p) => p.elementCode)).toEqual([
      "E07",
      "E08",
      "E09",
      "E10",
      "E11",
      "E12",
      "E13",
      "E14",
    ]);
  });

  it("rejects an open-pit element code on an underground sheet, even as N/A", () => {
    expect(() => grade({ ...sheet(90), P01: null })).toThrow(ScoreInputError);
  });
});

// ---------------------------------------------------------------------------------------------
// Vetoes (RULE_2020: Level 1 only; ordinary 12 months, larger/major 24, extraordinary 36; failed
// Level-1 assessment 12; decision 12). AS_OF = 2024-06-15.

describe("computeGrade: vetoes", () => {
  const L1 = sheet(95);

  function vetoed(facts: Partial<VetoFacts>, asOf = AS_OF): boolean {
    const r = grade(L1, { facts, asOf });
    expect(r.levelsByScore).toBe(1);
    return r.level !== 1;
  }

  it("an ordinary fatal accident 11 months ago vetoes Level 1 and the mine falls to Level 2", () => {
    const r = grade(L1, { facts: accident("2023-07-15", 1) });
    expect(r.level).toBe(2);
    expect(r.levelsByScore).toBe(1);
    expect(reasonsOf(r, "VETO")).toEqual([
      {
        code: "VETO",
        level: 1,
        kind: "FATAL_ACCIDENT",
        accidentClass: "ORDINARY",
        eventOn: "2023-07-15",
        windowMonths: 12,
        until: "2024-07-15",
      },
    ]);
    expect(r.reasons.map((x) => x.code)).toEqual([
      "THRESHOLD_MET",
      "THRESHOLD_MET",
      "THRESHOLD_MET",
      "THRESHOLD_MET",
      "VETO",
      "THRESHOLD_MET",
      "THRESHOLD_MET",
      "THRESHOLD_MET",
      "THRESHOLD_MET",
      "LEVEL_REACHED",
    ]);
    expect(r.reasons.at(-1)).toEqual({ code: "LEVEL_REACHED", level: 2 });
  });

  it("ordinary accident window boundary: 12 months − 1 day vetoes; exactly 12 months and 12 months + 1 day do not", () => {
    expect(vetoed(accident("2023-06-16", 2))).toBe(true);
    expect(vetoed(accident("2023-06-15", 2))).toBe(false);
    expect(vetoed(accident("2023-06-14", 2))).toBe(false);
  });

  it("an accident on the grading day vetoes; an accident after it does not", () => {
    expect(vetoed(accident(AS_OF, 1))).toBe(true);
    expect(vetoed(accident("2024-06-16", 1))).toBe(false);
  });

  it("accidents with 0 deaths never veto", () => {
    expect(vetoed(accident("2024-06-14", 0))).toBe(false);
    expect(vetoed({ accidents: [{ occurredOn: AS_OF, deaths: 0 }] })).toBe(false);
  });

  it("a larger accident (3–9 deaths) vetoes within 24 months, not at 24 months", () => {
    expect(vetoed(accident("2023-05-15", 3))).toBe(true); // 13 months: past the ordinary window
    expect(vetoed(accident("2022-07-15", 9))).toBe(true); // 23 months
    expect(vetoed(accident("2022-06-16", 3))).toBe(true); // 24 months − 1 day
    expect(vetoed(accident("2022-06-15", 3))).toBe(false); // exactly 24 months
    expect(vetoed(accident("2022-06-14", 9))).toBe(false);
    const r = grade(L1, { facts: accident("2022-07-15", 5) });
    expect(reasonsOf(r, "VETO")).toEqual([
      {
        code: "VETO",
        level: 1,
        kind: "FATAL_ACCIDENT",
        accidentClass: "LARGER",
        eventOn: "2022-07-15",
        windowMonths: 24,
        until: "2024-07-15",
      },
    ]);
  });

  it("a major accident (10–29 deaths) vetoes within 24 months, not at 24 months", () => {
    expect(vetoed(accident("2022-07-15", 10))).toBe(true);
    expect(vetoed(accident("2022-06-16", 29))).toBe(true);
    expect(vetoed(accident("2022-06-15", 29))).toBe(false);
    expect(reasonsOf(grade(L1, { facts: accident("2023-01-01", 12) }), "VETO")[0]).toMatchObject({
      accidentClass: "MAJOR",
      windowMonths: 24,
      until: "2025-01-01",
    });
  });

  it("an extraordinary accident (≥ 30 deaths) vetoes within 36 months, not at 36 months", () => {
    expect(vetoed(accident("2022-05-15", 30))).toBe(true); // 25 months: past the major window
    expect(vetoed(accident("2021-07-15", 30))).toBe(true); // 35 months
    expect(vetoed(accident("2021-06-16", 100))).toBe(true); // 36 months − 1 day
    expect(vetoed(accident("2021-06-15", 30))).toBe(false); // exactly 36 months
    expect(vetoed(accident("2021-06-14", 30))).toBe(false);
    expect(reasonsOf(grade(L1, { facts: accident("2021-07-15", 31) }), "VETO")[0]).toMatchObject({
      accidentClass: "EXTRAORDINARY",
      windowMonths: 36,
      until: "2024-07-15",
    });
  });

  it("class windows do not borrow from each other (an ordinary accident 13 months ago does not veto)", () => {
    expect(vetoed(accident("2023-05-15", 2))).toBe(false);
  });

  it("a failed Level-1 assessment within 12 months vetoes; at 12 months it does not", () => {
    expect(vetoed({ failedLevel1AssessmentsOn: ["2023-12-15"] })).toBe(true);
    expect(vetoed({ failedLevel1AssessmentsOn: ["2023-06-16"] })).toBe(true);
    expect(vetoed({ failedLevel1AssessmentsOn: ["2023-06-15"] })).toBe(false);
    expect(vetoed({ failedLevel1AssessmentsOn: ["2024-07-01"] })).toBe(false); // future
    expect(reasonsOf(grade(L1, { facts: { failedLevel1AssessmentsOn: ["2023-12-15"] } }), "VETO")).toEqual([
      {
        code: "VETO",
        level: 1,
        kind: "FAILED_ASSESSMENT",
        accidentClass: null,
        eventOn: "2023-12-15",
        windowMonths: 12,
        until: "2024-12-15",
      },
    ]);
  });

  it("a downgrade or revocation within 12 months vetoes; at 12 months it does not", () => {
    expect(vetoed({ decisionsOn: ["2023-07-15"] })).toBe(true);
    expect(vetoed({ decisionsOn: ["2023-06-16"] })).toBe(true);
    expect(vetoed({ decisionsOn: ["2023-06-15"] })).toBe(false);
    expect(reasonsOf(grade(L1, { facts: { decisionsOn: ["2023-07-15"] } }), "VETO")).toEqual([
      {
        code: "VETO",
        level: 1,
        kind: "RECENT_DECISION",
        accidentClass: null,
        eventOn: "2023-07-15",
        windowMonths: 12,
        until: "2024-07-15",
      },
    ]);
  });

  it("window end after a leap day clamps (accident 2020-02-29: vetoes until 2021-02-28 exclusive)", () => {
    expect(vetoed(accident("2020-02-29", 1), "2021-02-27")).toBe(true);
    expect(vetoed(accident("2020-02-29", 1), "2021-02-28")).toBe(false);
  });

  it("lists every vetoing event, sorted by date within each veto, and ignores the rest", () => {
    const r = grade(L1, {
      facts: {
        accidents: [
          { occurredOn: "2024-01-10", deaths: 1 },
          { occurredOn: "2023-09-01", deaths: 2 },
          { occurredOn: "2022-01-01", deaths: 1 }, // too old
          { occurredOn: "2024-05-01", deaths: 0 }, // not fatal
        ],
        failedLevel1AssessmentsOn: ["2024-02-01"],
        decisionsOn: ["2024-03-01"],
      },
    });
    expect(r.level).toBe(2);
    expect(reasonsOf(r, "VETO").map((v) => `${v.kind}:${v.eventOn}`)).toEqual([
      "FATAL_ACCIDENT:2023-09-01",
      "FATAL_ACCIDENT:2024-01-10",
      "FAILED_ASSESSMENT:2024-02-01",
      "RECENT_DECISION:2024-03-01",
    ]);
  });

  it("vetoes never affect Levels 2 and 3 with the shipped data", () => {
    const facts: VetoFacts = {
      accidents: [
        { occurredOn: "2024-06-01", deaths: 1 },
        { occurredOn: "2024-06-01", deaths: 5 },
        { occurredOn: "2024-06-01", deaths: 15 },
        { occurredOn: "2024-06-01", deaths: 50 },
      ],
      failedLevel1AssessmentsOn: ["2024-06-01"],
      decisionsOn: ["2024-06-01"],
    };
    for (const rules of RULE_VERSIONS) {
      expect(rules.vetoes.every((v) => v.level === 1)).toBe(true);
      const l2 = grade(sheet(85, {}, "UNDERGROUND", rules), { rules, facts });
      expect(l2.level).toBe(2);
      const l3 = grade(sheet(75, {}, "UNDERGROUND", rules), { rules, facts });
      expect(l3.level).toBe(3);
      expect(reasonsOf(l3, "VETO").every((v) => v.level === 1)).toBe(true);
    }
  });

  it("the fall-through continues while levels are vetoed (toy: Level 1 and Level 2 both vetoed → Level 3)", () => {
    // With the shipped data a Level-1 score always meets Level 2 and only Level 1 has vetoes, so a vetoed
    // Level-1 mine gets Level 2; the toy rule set also vetoes Level 2.
    const r = toy(100, 100, 100, { accidents: [{ occurredOn: "2024-06-01", deaths: 1 }], decisionsOn: ["2024-05-01"] });
    expect(r.levelsByScore).toBe(1);
    expect(r.level).toBe(3);
    expect(reasonsOf(r, "VETO").map((v) => `${v.level}:${v.kind}:${v.windowMonths}`)).toEqual([
      "1:FATAL_ACCIDENT:6",
      "2:RECENT_DECISION:3",
    ]);
  });

  it("reads windows from the rule set (toy: ordinary accident window 6 months)", () => {
    const acc = (on: string) => toy(100, 100, 100, { accidents: [{ occurredOn: on, deaths: 1 }] });
    expect(acc("2023-12-16").level).toBe(2); // 6 months − 1 day
    expect(acc("2023-12-15").level).toBe(1); // exactly 6 months
    expect(reasonsOf(acc("2024-01-01"), "VETO")[0]).toMatchObject({ windowMonths: 6, until: "2024-07-01" });
  });

  it("toy: a decision veto on Level 2 only excludes Level 2", () => {
    const dec = (x: number, on: string) => toy(x, x, x, { decisionsOn: [on] });
    expect(dec(100, "2024-03-16").level).toBe(1); // Level 1 has no decision veto in the toy set
    expect(dec(80, "2024-03-16").level).toBe(3); // Level 2 vetoed within 3 months → Level 3
    expect(dec(80, "2024-03-15").level).toBe(2); // exactly 3 months → no veto
  });

  it("a veto without accidentClass covers every fatal accident class", () => {
    const any: RuleSet = {
      ...TOY,
      vetoes: [{ level: 1, kind: "FATAL_ACCIDENT", accidentClass: null, windowMonths: 12 }],
    };
    for (const deaths of [1, 3, 10, 30]) {
      const r = grade({ X1: 100, X2: 100, X3: 100 }, { rules: any, facts: accident("2024-01-01", deaths) });
      expect(r.level).toBe(2);
    }
    const none = grade({ X1: 100, X2: 100, X3: 100 }, { rules: any, facts: accident("2024-01-01", 0) });
    expect(none.level).toBe(1);
  });

  it("reports Level-1 vetoes even when Level 1 is also missed on score", () => {
    const r = grade(sheet(85), { facts: accident("2024-01-01", 1) });
    expect(r.level).toBe(2);
    expect(r.levelsByScore).toBe(2);
    expect(reasonsOf(r, "VETO")).toHaveLength(1);
  });

  it("no facts means no veto", () => {
    expect(computeGrade({ rules: RULE_2020, mineType: "UNDERGROUND", scores: L1, asOf: AS_OF }).level).toBe(1);
  });

  it("vetoEvents applies one veto rule", () => {
    const facts: VetoFacts = {
      accidents: [
        { occurredOn: "2024-01-01", deaths: 1 },
        { occurredOn: "2024-01-01", deaths: 4 },
      ],
      failedLevel1AssessmentsOn: [],
      decisionsOn: [],
    };
    const larger = RULE_2020.vetoes.find((v) => v.accidentClass === "LARGER");
    if (!larger) throw new Error("no LARGER veto");
    expect(vetoEvents(larger, facts, AS_OF).map((v) => v.accidentClass)).toEqual(["LARGER"]);
  });
});

// ---------------------------------------------------------------------------------------------
// Input errors

describe("computeGrade: input errors", () => {
  it("throws ScoreInputError listing the problems for unknown or missing elements", () => {
    let caught: unknown;
    try {
      grade({ ...sheet(90, { E05: undefined as unknown as ElementInput }), E99: 90 });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ScoreInputError);
    expect(caught).toBeInstanceOf(Error);
    const err = caught as ScoreInputError;
    expect(err.name).toBe("ScoreInputError");
    expect(err.problems).toEqual([
      { elementCode: "E05", problem: "MISSING" },
      { elementCode: "E99", problem: "UNKNOWN_ELEMENT" },
    ]);
    expect(err.message).toContain("E99");
  });

  it("throws ScoreInputError for out-of-range scores", () => {
    expect(() => grade(sheet(90, { E01: 100.01 }))).toThrow(ScoreInputError);
    expect(() => grade(sheet(90, { E01: -1 }))).toThrow(ScoreInputError);
    expect(() => grade(sheet(90, { E01: Number.NaN }))).toThrow(ScoreInputError);
  });

  it("accepts the range ends 0 and 100", () => {
    expect(grade(sheet(100)).level).toBe(1);
    expect(grade(sheet(0)).level).toBeNull();
  });

  it("throws RangeError for a malformed asOf or event date", () => {
    expect(() => grade(sheet(90), { asOf: "2024-6-15" })).toThrow(RangeError);
    expect(() => grade(sheet(90), { asOf: "2024-02-30" })).toThrow(RangeError);
    expect(() => grade(sheet(90), { facts: accident("yesterday", 1) })).toThrow(RangeError);
  });
});

describe("validateScores", () => {
  it("accepts a complete sheet, with N/A elements", () => {
    expect(validateScores(RULE_2020, "UNDERGROUND", sheet(90))).toEqual([]);
    expect(validateScores(RULE_2020, "UNDERGROUND", sheet(null))).toEqual([]);
    expect(validateScores(RULE_2020, "UNDERGROUND", sheet(0, { E01: 100, E02: 55.5 }))).toEqual([]);
  });

  it("reports missing elements (absent or undefined)", () => {
    const scores: Record<string, unknown> = sheet(90);
    delete scores.E03;
    scores.E04 = undefined;
    expect(validateScores(RULE_2020, "UNDERGROUND", scores)).toEqual([
      { elementCode: "E03", problem: "MISSING" },
      { elementCode: "E04", problem: "MISSING" },
    ]);
    expect(validateScores(RULE_2020, "UNDERGROUND", {})).toHaveLength(15);
  });

  it("reports unknown element codes, including ones of another rule version", () => {
    expect(validateScores(RULE_2020, "UNDERGROUND", { ...sheet(90), E16: 90, e01: 90 })).toEqual([
      { elementCode: "E16", problem: "UNKNOWN_ELEMENT" },
      { elementCode: "e01", problem: "UNKNOWN_ELEMENT" },
    ]);
    // 2017 has no E01–E03 and no E15.
    expect(
      validateScores(RULE_2017, "UNDERGROUND", sheet(90))
        .filter((p) => p.problem === "UNKNOWN_ELEMENT")
        .map((p) => p.elementCode),
    ).toEqual(["E01", "E02", "E03", "E15"]);
  });

  it("reports out-of-range scores (below 0, above 100, infinite)", () => {
    const scores = sheet(90, { E01: -0.01, E02: 100.01, E03: Number.POSITIVE_INFINITY, E04: Number.NEGATIVE_INFINITY });
    expect(validateScores(RULE_2020, "UNDERGROUND", scores)).toEqual([
      { elementCode: "E01", problem: "OUT_OF_RANGE" },
      { elementCode: "E02", problem: "OUT_OF_RANGE" },
      { elementCode: "E03", problem: "OUT_OF_RANGE" },
      { elementCode: "E04", problem: "OUT_OF_RANGE" },
    ]);
  });

  it("reports non-numbers: NaN, strings (even numeric), booleans, objects", () => {
    const scores: Record<string, unknown> = { ...sheet(90), E01: Number.NaN, E02: "90", E03: true, E04: {}, E05: "" };
    expect(validateScores(RULE_2020, "UNDERGROUND", scores)).toEqual([
      { elementCode: "E01", problem: "NOT_A_NUMBER" },
      { elementCode: "E02", problem: "NOT_A_NUMBER" },
      { elementCode: "E03", problem: "NOT_A_NUMBER" },
      { elementCode: "E04", problem: "NOT_A_NUMBER" },
      { elementCode: "E05", problem: "NOT_A_NUMBER" },
    ]);
  });

  it("lists element problems in rule-set order, then unknown codes", () => {
    const scores: Record<string, unknown> = { ZZ: 1, ...sheet(90, { E14: 101 }) };
    delete scores.E02;
    expect(validateScores(RULE_2020, "UNDERGROUND", scores)).toEqual([
      { elementCode: "E02", problem: "MISSING" },
      { elementCode: "E14", problem: "OUT_OF_RANGE" },
      { elementCode: "ZZ", problem: "UNKNOWN_ELEMENT" },
    ]);
  });

  it("does not treat inherited properties as scores", () => {
    const scores = Object.create({ E01: 90 }) as Record<string, unknown>;
    expect(validateScores(RULE_2020, "UNDERGROUND", scores)).toContainEqual({ elementCode: "E01", problem: "MISSING" });
  });

  it("validates against the mine type's own element set in every rule version", () => {
    for (const rules of [RULE_2017, RULE_2020, RULE_2024]) {
      for (const mineType of ["UNDERGROUND", "OPEN_PIT"] as const) {
        expect(validateScores(rules, mineType, sheet(90, {}, mineType, rules))).toEqual([]);
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Dates and display

describe("addMonths", () => {
  it.each([
    ["2020-01-15", 1, "2020-02-15"],
    ["2020-01-31", 1, "2020-02-29"], // leap year clamp
    ["2021-01-31", 1, "2021-02-28"],
    ["2020-03-31", 1, "2020-04-30"],
    ["2020-05-31", 1, "2020-06-30"],
    ["2020-02-29", 12, "2021-02-28"],
    ["2020-02-29", 48, "2024-02-29"],
    ["2020-12-15", 1, "2021-01-15"],
    ["2020-12-31", 2, "2021-02-28"],
    ["2020-11-30", 3, "2021-02-28"],
    ["2023-06-15", 12, "2024-06-15"],
    ["2021-06-15", 36, "2024-06-15"],
    ["2020-06-15", 0, "2020-06-15"],
    ["2021-01-15", -1, "2020-12-15"],
    ["2020-03-31", -1, "2020-02-29"],
    ["2021-03-31", -13, "2020-02-29"],
    ["2024-06-15", -24, "2022-06-15"],
    ["1999-02-28", 12, "2000-02-28"],
    ["2000-01-31", 1, "2000-02-29"], // 2000 is a leap year
    ["2100-01-31", 1, "2100-02-28"], // 2100 is not
    ["2019-01-31", 121, "2029-02-28"],
  ])("%s + %i months = %s", (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it("rejects malformed dates and fractional months", () => {
    expect(() => addMonths("2020-2-01", 1)).toThrow(RangeError);
    expect(() => addMonths("2020-02-30", 1)).toThrow(RangeError);
    expect(() => addMonths("2021-02-29", 1)).toThrow(RangeError);
    expect(() => addMonths("2020-13-01", 1)).toThrow(RangeError);
    expect(() => addMonths("2020-00-10", 1)).toThrow(RangeError);
    expect(() => addMonths("2020-01-01T00:00:00Z", 1)).toThrow(RangeError);
    expect(() => addMonths("2020-01-01", 1.5)).toThrow(RangeError);
  });

  it("isIsoDate", () => {
    expect(isIsoDate("2020-02-29")).toBe(true);
    expect(isIsoDate("2021-02-29")).toBe(false);
    expect(isIsoDate("20200101")).toBe(false);
  });
});

describe("roundForDisplay", () => {
  it.each([
    [90, 90],
    [89.95, 90],
    [89.94, 89.9],
    [89.9499999, 89.9],
    [84.95, 85],
    [84.99, 85],
    [0.05, 0.1],
    [1.25, 1.3],
    [1.35, 1.4],
    [97.67441860465, 97.7],
    [87.765957446808, 87.8],
    [0, 0],
    [100, 100],
  ])("%d → %d", (n, expected) => {
    expect(roundForDisplay(n)).toBe(expected);
  });

  it("rounds to other precisions on request", () => {
    expect(roundForDisplay(1.005, 2)).toBe(1.01);
    expect(roundForDisplay(89.9964, 2)).toBe(90);
    expect(roundForDisplay(89.994, 2)).toBe(89.99);
    expect(roundForDisplay(89.5, 0)).toBe(90);
  });

  it("is only for display: the grade uses the unrounded score", () => {
    const r = grade(sheet(90, { E01: 89.99 }));
    expect(roundForDisplay(r.total ?? 0)).toBe(90);
    expect(r.level).toBe(2);
  });

  it("handles negatives symmetrically", () => {
    expect(roundForDisplay(-1.25)).toBe(-1.3);
    expect(roundForDisplay(-0.04)).toBe(0);
  });
});

describe("RULE_2024", () => {
  it("grades with the same element set as 2020", () => {
    expect(grade(sheet(90, {}, "UNDERGROUND", RULE_2024), { rules: RULE_2024 }).level).toBe(1);
  });
});
