import { describe, expect, it } from "vitest";
import {
  CLOSE_DAYS,
  distanceToDowngrade,
  explainGrade,
  weakestPartFloor,
  type DistanceInput,
  type DistanceItem,
  type GradeExplanation,
} from "@/lib/domain/explain";
import { computeGrade, type ElementInput, type VetoFacts } from "@/lib/domain/grading";
import { PART_BASIC, PART_DISASTER, PART_PROFESSIONAL, RULE_2020 } from "@/lib/domain/rule-data";
import { elementsFor, type Level, type MineType, type RuleSet } from "@/lib/domain/rules";
import type { HiddenDangerFact, StatusPeriod } from "@/lib/domain/triggers";

// ---------------------------------------------------------------------------------------------
// Helpers

const AS_OF = "2024-06-15";
const NO_FACTS: VetoFacts = { accidents: [], failedLevel1AssessmentsOn: [], decisionsOn: [] };
const BASIC = ["E01", "E02", "E03", "E04", "E05", "E06", "E15"];

function sheet(
  base: ElementInput,
  overrides: Record<string, ElementInput> = {},
  mineType: MineType = "UNDERGROUND",
): Record<string, ElementInput> {
  const out: Record<string, ElementInput> = {};
  for (const e of elementsFor(RULE_2020, mineType)) out[e.code] = base;
  return { ...out, ...overrides };
}

function each(codes: string[], value: ElementInput): Record<string, ElementInput> {
  return Object.fromEntries(codes.map((c) => [c, value]));
}

function explain(scores: Record<string, ElementInput>, facts: Partial<VetoFacts> = {}, asOf = AS_OF) {
  return explainGrade(RULE_2020, "UNDERGROUND", scores, asOf, { ...NO_FACTS, ...facts });
}

function floorsOf(x: GradeExplanation, code: string) {
  const p = x.parts.find((q) => q.code === code);
  if (!p) throw new Error(`no part ${code}`);
  return p.floors;
}

// ---------------------------------------------------------------------------------------------

describe("explainGrade", () => {
  it("Level 1: decided by reaching the best level; floors of every level with margins", () => {
    const x = explain(sheet(95));
    expect(x.result.level).toBe(1);
    expect(x.levelAbove).toBeNull();
    expect(x.levelBelow).toBe(2);
    expect(x.decidedBy).toEqual({ code: "LEVEL_REACHED", level: 1 });
    expect(x.toReachAbove).toEqual([]);
    expect(x.vetoesAbove).toEqual([]);
    expect(x.total).toEqual({
      score: 95,
      floors: [
        { level: 1, required: 90, met: true, margin: 5 },
        { level: 2, required: 80, met: true, margin: 15 },
        { level: 3, required: 70, met: true, margin: 25 },
      ],
    });
    expect(x.parts.map((p) => p.code)).toEqual([PART_BASIC, PART_DISASTER, PART_PROFESSIONAL]);
    expect(floorsOf(x, PART_BASIC)).toEqual([
      { level: 1, required: 85, met: true, margin: 10 },
      { level: 2, required: 80, met: true, margin: 15 },
      { level: 3, required: 70, met: true, margin: 25 },
    ]);
    expect(floorsOf(x, PART_DISASTER)[0]).toEqual({ level: 1, required: 90, met: true, margin: 5 });
  });

  it("a floor met exactly has margin 0 (basic 85 for Level 1)", () => {
    const x = explain(sheet(95, each(BASIC, 85)));
    expect(x.result.level).toBe(1);
    expect(floorsOf(x, PART_BASIC)[0]).toEqual({ level: 1, required: 85, met: true, margin: 0 });
  });

  it("Level 2: the first missed Level-1 threshold decides; every shortfall is listed", () => {
    // total = 90 − 10 × 0.14 = 88.6; disaster = (80 × 0.14 + 90 × 0.10) / 0.24 = 84.1666…
    const x = explain(sheet(90, { E07: 80 }));
    expect(x.result.level).toBe(2);
    expect(x.levelAbove).toBe(1);
    expect(x.levelBelow).toBe(3);
    expect(x.decidedBy).toEqual({ code: "THRESHOLD_MISSED", level: 1, partCode: null, score: 88.6, required: 90 });
    expect(x.toReachAbove).toHaveLength(2);
    expect(x.toReachAbove[0]).toEqual({ partCode: null, score: 88.6, required: 90, shortBy: 1.4 });
    expect(x.toReachAbove[1].partCode).toBe(PART_DISASTER);
    expect(x.toReachAbove[1].shortBy).toBeCloseTo(5.833333333334, 11);
    expect(floorsOf(x, PART_DISASTER)[0].met).toBe(false);
    expect(floorsOf(x, PART_DISASTER)[0].margin).toBeCloseTo(-5.833333333334, 11);
    expect(floorsOf(x, PART_DISASTER)[1]).toMatchObject({ level: 2, met: true });
    expect(x.total.floors[0]).toEqual({ level: 1, required: 90, met: false, margin: -1.4 });
  });

  it("Level 3: what is missing for Level 2", () => {
    const x = explain(sheet(75));
    expect(x.result.level).toBe(3);
    expect(x.levelAbove).toBe(2);
    expect(x.levelBelow).toBeNull();
    expect(x.toReachAbove).toEqual([
      { partCode: null, score: 75, required: 80, shortBy: 5 },
      { partCode: PART_BASIC, score: 75, required: 80, shortBy: 5 },
      { partCode: PART_DISASTER, score: 75, required: 80, shortBy: 5 },
      { partCode: PART_PROFESSIONAL, score: 75, required: 80, shortBy: 5 },
    ]);
    expect(x.decidedBy).toEqual({ code: "THRESHOLD_MISSED", level: 2, partCode: null, score: 75, required: 80 });
  });

  it("ungraded by one part: Level 3 is the level above, and its one miss decides", () => {
    // professional = (10 × 0.14 + 90 × 0.26) / 0.4 = 62; total = 90 − 80 × 0.14 = 78.8
    const x = explain(sheet(90, { E09: 10, E10: 10 }));
    expect(x.result.level).toBeNull();
    expect(x.levelAbove).toBe(3);
    expect(x.levelBelow).toBeNull();
    expect(x.total.floors.map((f) => f.met)).toEqual([false, false, true]);
    expect(x.toReachAbove).toEqual([{ partCode: PART_PROFESSIONAL, score: 62, required: 70, shortBy: 8 }]);
    expect(x.decidedBy).toEqual({
      code: "THRESHOLD_MISSED",
      level: 3,
      partCode: PART_PROFESSIONAL,
      score: 62,
      required: 70,
    });
  });

  it("ungraded: every Level-3 threshold missed", () => {
    const x = explain(sheet(60));
    expect(x.result.level).toBeNull();
    expect(x.levelAbove).toBe(3);
    expect(x.levelBelow).toBeNull();
    expect(x.toReachAbove.map((t) => [t.partCode, t.shortBy])).toEqual([
      [null, 10],
      [PART_BASIC, 10],
      [PART_DISASTER, 10],
      [PART_PROFESSIONAL, 10],
    ]);
    expect(x.decidedBy).toEqual({ code: "THRESHOLD_MISSED", level: 3, partCode: null, score: 60, required: 70 });
    expect(x.total.floors.every((f) => !f.met)).toBe(true);
  });

  it("a part with every element not applicable is not assessed: missed at every level, margin null", () => {
    const x = explain(sheet(95, { E07: null, E08: null }));
    expect(x.result.level).toBeNull();
    expect(floorsOf(x, PART_DISASTER)).toEqual([
      { level: 1, required: 90, met: false, margin: null },
      { level: 2, required: 80, met: false, margin: null },
      { level: 3, required: 70, met: false, margin: null },
    ]);
    expect(x.toReachAbove).toEqual([{ partCode: PART_DISASTER, score: null, required: 70, shortBy: 70 }]);
    expect(x.decidedBy).toEqual({ code: "PART_NOT_ASSESSED", level: 3, partCode: PART_DISASTER, required: 70 });
  });

  it("a vetoed mine: Level 1 scores, Level 2 grade, decided by the veto", () => {
    const x = explain(sheet(95), { accidents: [{ occurredOn: "2024-01-01", deaths: 1 }] });
    expect(x.result.level).toBe(2);
    expect(x.result.levelsByScore).toBe(1);
    expect(x.levelAbove).toBe(1);
    expect(x.toReachAbove).toEqual([]);
    const veto = {
      code: "VETO",
      level: 1,
      kind: "FATAL_ACCIDENT",
      accidentClass: "ORDINARY",
      eventOn: "2024-01-01",
      windowMonths: 12,
      until: "2025-01-01",
    };
    expect(x.vetoesAbove).toEqual([veto]);
    expect(x.decidedBy).toEqual(veto);
    // Level-1 floors are all met: nothing to improve in the scores.
    expect(x.total.floors[0].met).toBe(true);
  });

  it("with several vetoes, the one that lasts longest decides", () => {
    const x = explain(sheet(95), {
      accidents: [
        { occurredOn: "2024-01-01", deaths: 1 }, // ordinary: until 2025-01-01
        { occurredOn: "2023-03-01", deaths: 3 }, // larger: until 2025-03-01
      ],
      decisionsOn: ["2024-02-01"], // until 2025-02-01
    });
    expect(x.result.level).toBe(2);
    expect(x.vetoesAbove).toHaveLength(3);
    expect(x.decidedBy).toMatchObject({ code: "VETO", accidentClass: "LARGER", until: "2025-03-01" });
  });

  it("a vetoed mine that also misses a Level-1 threshold is decided by the threshold", () => {
    const x = explain(sheet(85), { accidents: [{ occurredOn: "2024-01-01", deaths: 1 }] });
    expect(x.result.level).toBe(2);
    expect(x.decidedBy).toMatchObject({ code: "THRESHOLD_MISSED", level: 1, partCode: null });
    expect(x.vetoesAbove).toHaveLength(1);
    expect(x.toReachAbove.map((t) => t.partCode)).toEqual([null, PART_DISASTER, PART_PROFESSIONAL]);
  });

  it("lists every element with its rule weight and its effective share after N/A renormalisation", () => {
    const x = explain(sheet(95, { E07: null }));
    expect(x.elements).toHaveLength(15);
    expect(x.elements.find((e) => e.code === "E07")).toEqual({
      code: "E07",
      partCode: PART_DISASTER,
      score: null,
      weight: 0.14,
      effectiveWeight: 0,
    });
    const e08 = x.elements.find((e) => e.code === "E08");
    expect(e08).toMatchObject({ partCode: PART_DISASTER, score: 95, weight: 0.1 });
    expect(e08?.effectiveWeight).toBeCloseTo(0.1 / 0.86, 11);
    expect(x.elements.reduce((s, e) => s + e.effectiveWeight, 0)).toBeCloseTo(1, 10);
    expect(x.result.reasons[0]).toEqual({ code: "NOT_APPLICABLE_RENORMALISED", elementCodes: ["E07"] });
  });

  it("explains an open-pit sheet on the open-pit element set", () => {
    const x = explainGrade(RULE_2020, "OPEN_PIT", sheet(92, {}, "OPEN_PIT"), AS_OF, NO_FACTS);
    expect(x.result.level).toBe(1);
    expect(x.elements.map((e) => e.code)).toContain("P07");
    expect(x.elements.map((e) => e.code)).not.toContain("E07");
  });

  it("agrees with computeGrade: the level is the first with every floor met and no veto", () => {
    let seed = 12345;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let i = 0; i < 200; i++) {
      const scores = sheet(null);
      for (const code of Object.keys(scores))
        scores[code] = rand() < 0.05 ? null : Math.round((60 + rand() * 40) * 10) / 10;
      const facts: VetoFacts = {
        ...NO_FACTS,
        accidents: rand() < 0.2 ? [{ occurredOn: "2024-03-01", deaths: 1 }] : [],
      };
      const x = explainGrade(RULE_2020, "UNDERGROUND", scores, AS_OF, facts);
      expect(x.result).toEqual(computeGrade({ rules: RULE_2020, mineType: "UNDERGROUND", scores, asOf: AS_OF, facts }));
      const allMet = (lv: Level) =>
        [x.total, ...x.parts].every((p) => p.floors.filter((f) => f.level === lv).every((f) => f.met));
      const vetoed = (lv: Level) => lv === 1 && facts.accidents.length > 0;
      const expected = ([1, 2, 3] as const).find((lv) => allMet(lv) && !vetoed(lv)) ?? null;
      expect(x.result.level).toBe(expected);
      for (const p of [x.total, ...x.parts]) {
        for (const f of p.floors) {
          if (f.margin !== null) expect(f.met).toBe(f.margin >= 0);
        }
      }
      expect(x.toReachAbove.every((t) => t.shortBy > 0)).toBe(true);
    }
  });
});

// ---------------------------------------------------------------------------------------------

function input(over: Partial<DistanceInput> = {}): DistanceInput {
  return { level: 2, asOf: AS_OF, dangers: [], accidents: [], statusPeriods: [], lowestPart: null, ...over };
}

function item(items: DistanceItem[], trigger: DistanceItem["trigger"]): DistanceItem {
  const found = items.find((i) => i.trigger === trigger);
  if (!found) throw new Error(`no item ${trigger}`);
  return found;
}

const reg = (foundOn: string): HiddenDangerFact => ({ foundOn, source: "REGULATOR" });
const self = (foundOn: string): HiddenDangerFact => ({ foundOn, source: "SELF_REPORTED" });
const stopped = (startedOn: string, endedOn: string | null = null): StatusPeriod => ({
  status: "STOPPED",
  startedOn,
  endedOn,
});

describe("distanceToDowngrade", () => {
  it("an ungraded mine has nothing to lose", () => {
    expect(distanceToDowngrade(RULE_2020, input({ level: null, dangers: [reg("2024-06-01")] }))).toEqual({ items: [] });
  });

  it("a clean mine: every trigger OK, in the fixed order", () => {
    const { items } = distanceToDowngrade(RULE_2020, input());
    expect(items.map((i) => [i.trigger, i.status])).toEqual([
      ["HIDDEN_DANGERS", "OK"],
      ["FATAL_ACCIDENT", "OK"],
      ["PRODUCTION_STOPPED", "OK"],
    ]);
    expect(item(items, "HIDDEN_DANGERS").detail).toEqual({
      regulator: 0,
      selfReported: 0,
      moreRegulatorFindingsToFire: 1,
      windowMonths: 6,
      windowStart: "2023-12-16",
      windowEnd: AS_OF,
    });
  });

  describe("hidden dangers", () => {
    const status = (dangers: HiddenDangerFact[]) =>
      item(distanceToDowngrade(RULE_2020, input({ dangers })).items, "HIDDEN_DANGERS");

    it("FIRED when the regulator found more; CLOSE when one more finding fires it; OK otherwise", () => {
      expect(status([reg("2024-06-01"), reg("2024-05-01"), self("2024-04-01")])).toMatchObject({
        status: "FIRED",
        detail: { regulator: 2, selfReported: 1, moreRegulatorFindingsToFire: 0 },
      });
      expect(status([reg("2024-06-01"), self("2024-04-01")])).toMatchObject({
        status: "CLOSE",
        detail: { moreRegulatorFindingsToFire: 1 },
      });
      expect(status([self("2024-06-01")])).toMatchObject({ status: "OK", detail: { moreRegulatorFindingsToFire: 2 } });
      expect(status([reg("2024-06-01"), self("2024-04-01"), self("2024-04-02"), self("2024-04-03")])).toMatchObject({
        status: "OK",
        detail: { moreRegulatorFindingsToFire: 3 },
      });
    });

    it("counts only the window (asOf − 6 months, asOf]", () => {
      expect(status([reg("2023-12-15")])).toMatchObject({ status: "OK", detail: { regulator: 0 } });
      expect(status([reg("2023-12-16")])).toMatchObject({ status: "FIRED", detail: { regulator: 1 } });
    });
  });

  describe("fatal accidents", () => {
    const acc = (accidents: { occurredOn: string; deaths: number }[]) =>
      item(distanceToDowngrade(RULE_2020, input({ accidents })).items, "FATAL_ACCIDENT");

    it("FIRED while a fatal accident is inside its Level-1 veto window, with days since and days left", () => {
      const i = acc([{ occurredOn: "2024-03-07", deaths: 1 }]);
      expect(i.status).toBe("FIRED");
      expect(i.detail).toEqual({
        lastFatalOn: "2024-03-07",
        lastFatalDeaths: 1,
        daysSinceLastFatal: 100,
        ordinaryWindowMonths: 12,
        ordinaryVetoUntil: "2025-03-07",
        ordinaryDaysLeft: 265,
        largerWindowMonths: 24,
        largerVetoUntil: null,
        largerDaysLeft: null,
        majorWindowMonths: 24,
        majorVetoUntil: null,
        majorDaysLeft: null,
        extraordinaryWindowMonths: 36,
        extraordinaryVetoUntil: null,
        extraordinaryDaysLeft: null,
        level1ExcludedUntil: "2025-03-07",
        daysUntilLevel1Possible: 265,
      });
    });

    it("each class has its own window: a larger accident 15 months ago still counts, an ordinary one does not", () => {
      expect(acc([{ occurredOn: "2023-03-01", deaths: 3 }])).toMatchObject({
        status: "FIRED",
        detail: { largerVetoUntil: "2025-03-01", ordinaryVetoUntil: null, level1ExcludedUntil: "2025-03-01" },
      });
      expect(acc([{ occurredOn: "2023-03-01", deaths: 1 }])).toMatchObject({
        status: "OK",
        detail: {
          lastFatalOn: "2023-03-01",
          daysSinceLastFatal: 472,
          ordinaryVetoUntil: null,
          daysUntilLevel1Possible: 0,
        },
      });
    });

    it("the veto window ends on its until date", () => {
      expect(acc([{ occurredOn: "2023-06-16", deaths: 1 }]).status).toBe("FIRED");
      expect(acc([{ occurredOn: "2023-06-15", deaths: 1 }]).status).toBe("OK");
    });

    it("ignores accidents without deaths and accidents after asOf", () => {
      const i = acc([
        { occurredOn: "2024-06-01", deaths: 0 },
        { occurredOn: "2024-07-01", deaths: 2 },
      ]);
      expect(i.status).toBe("OK");
      expect(i.detail.lastFatalOn).toBeNull();
      expect(i.detail.daysSinceLastFatal).toBeNull();
    });
  });

  describe("production stopped", () => {
    const st = (asOf: string, periods: StatusPeriod[] = [stopped("2024-01-10")]) =>
      item(distanceToDowngrade(RULE_2020, input({ asOf, statusPeriods: periods })).items, "PRODUCTION_STOPPED");

    it(`OK more than ${CLOSE_DAYS} days before it fires, CLOSE within ${CLOSE_DAYS}, FIRED from the first day over the limit`, () => {
      expect(st("2024-06-09")).toMatchObject({ status: "OK", detail: { daysUntilFires: 32, monthsStopped: 4 } });
      expect(st("2024-06-10")).toMatchObject({ status: "OK", detail: { daysUntilFires: 31, monthsStopped: 5 } });
      expect(st("2024-06-11")).toMatchObject({ status: "CLOSE", detail: { daysUntilFires: 30 } });
      expect(st("2024-06-20")).toEqual({
        trigger: "PRODUCTION_STOPPED",
        status: "CLOSE",
        detail: {
          stoppedSince: "2024-01-10",
          daysStopped: 162,
          monthsStopped: 5,
          limitMonths: 6,
          firesOn: "2024-07-11",
          daysUntilFires: 21,
        },
      });
      expect(st("2024-07-10")).toMatchObject({ status: "CLOSE", detail: { daysUntilFires: 1, monthsStopped: 6 } });
      expect(st("2024-07-11")).toMatchObject({ status: "FIRED", detail: { daysUntilFires: 0, monthsStopped: 6 } });
    });

    it("merges consecutive STOPPED periods and is OK when not stopped", () => {
      expect(st("2024-07-11", [stopped("2024-01-10", "2024-04-01"), stopped("2024-04-01")]).status).toBe("FIRED");
      expect(st("2024-07-11", [stopped("2024-01-10", "2024-04-01")])).toMatchObject({
        status: "OK",
        detail: { stoppedSince: null, monthsStopped: 0, firesOn: null },
      });
    });

    it("reads the limit from the rule set", () => {
      const rules: RuleSet = { ...RULE_2020, stoppedMonthsLimit: 3 };
      const i = item(
        distanceToDowngrade(rules, input({ asOf: "2024-04-11", statusPeriods: [stopped("2024-01-10")] })).items,
        "PRODUCTION_STOPPED",
      );
      expect(i).toMatchObject({ status: "FIRED", detail: { limitMonths: 3, firesOn: "2024-04-11" } });
    });
  });

  describe("management slide", () => {
    const slide = (score: number | null, floor = 80) =>
      item(
        distanceToDowngrade(RULE_2020, input({ lowestPart: { code: PART_BASIC, score, floor } })).items,
        "MANAGEMENT_SLIDE",
      );

    it("FIRED below the floor, CLOSE within 3 points above it, OK beyond", () => {
      expect(slide(79.9)).toMatchObject({ status: "FIRED", detail: { margin: -0.1 } });
      expect(slide(80)).toMatchObject({ status: "CLOSE", detail: { margin: 0 } });
      expect(slide(83)).toMatchObject({ status: "CLOSE", detail: { margin: 3 } });
      expect(slide(83.1)).toEqual({
        trigger: "MANAGEMENT_SLIDE",
        status: "OK",
        detail: { partCode: PART_BASIC, score: 83.1, floor: 80, margin: 3.1 },
      });
    });

    it("a part without score counts as missed; no lowest part means no item", () => {
      expect(slide(null)).toMatchObject({ status: "FIRED", detail: { margin: null } });
      const { items } = distanceToDowngrade(RULE_2020, input());
      expect(items.some((i) => i.trigger === "MANAGEMENT_SLIDE")).toBe(false);
    });
  });

  it("sorts the most urgent first: FIRED, then CLOSE, then OK", () => {
    const { items } = distanceToDowngrade(
      RULE_2020,
      input({
        asOf: "2024-06-20",
        dangers: [reg("2024-06-01"), self("2024-05-01")], // CLOSE
        statusPeriods: [stopped("2024-01-10")], // CLOSE
        lowestPart: { code: PART_DISASTER, score: 79, floor: 80 }, // FIRED
      }),
    );
    expect(items.map((i) => [i.trigger, i.status])).toEqual([
      ["MANAGEMENT_SLIDE", "FIRED"],
      ["HIDDEN_DANGERS", "CLOSE"],
      ["PRODUCTION_STOPPED", "CLOSE"],
      ["FATAL_ACCIDENT", "OK"],
    ]);
  });

  it("rejects a malformed date", () => {
    expect(() => distanceToDowngrade(RULE_2020, input({ asOf: "2024-06-31" }))).toThrow(RangeError);
  });
});

describe("weakestPartFloor", () => {
  const parts = [
    { code: PART_BASIC, score: 86 },
    { code: PART_DISASTER, score: 92 },
    { code: PART_PROFESSIONAL, score: 95 },
  ];

  it("picks the part with the smallest margin against the level's floors", () => {
    expect(weakestPartFloor(RULE_2020, 1, parts)).toEqual({ code: PART_BASIC, score: 86, floor: 85 });
    expect(weakestPartFloor(RULE_2020, 2, parts)).toEqual({ code: PART_BASIC, score: 86, floor: 80 });
    expect(
      weakestPartFloor(RULE_2020, 1, [...parts.slice(0, 1), { code: PART_DISASTER, score: 86 }, parts[2]]),
    ).toEqual({ code: PART_DISASTER, score: 86, floor: 90 });
  });

  it("a part without score comes first; no level, no floor", () => {
    expect(
      weakestPartFloor(RULE_2020, 3, [
        { code: PART_BASIC, score: 60 },
        { code: PART_DISASTER, score: null },
      ]),
    ).toEqual({ code: PART_DISASTER, score: null, floor: 70 });
    expect(weakestPartFloor(RULE_2020, null, parts)).toBeNull();
  });

  it("feeds distanceToDowngrade from an explanation", () => {
    const x = explainGrade(RULE_2020, "UNDERGROUND", sheet(90, { E07: 80 }), AS_OF, NO_FACTS); // Level 2, disaster 84.17
    const lowestPart = weakestPartFloor(RULE_2020, x.result.level, x.result.parts);
    expect(lowestPart?.code).toBe(PART_DISASTER);
    const i = item(distanceToDowngrade(RULE_2020, input({ lowestPart })).items, "MANAGEMENT_SLIDE");
    expect(i.status).toBe("OK");
    expect(i.detail.margin).toBeCloseTo(4.166666666666, 11);
  });
});
