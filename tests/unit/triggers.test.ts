import { describe, expect, it } from "vitest";
import { computeGrade, type ElementInput, type GradeResult } from "@/lib/domain/grading";
import { PART_DISASTER, RULE_2020 } from "@/lib/domain/rule-data";
import { elementsFor, type Level, type RuleSet } from "@/lib/domain/rules";
import {
  accidentTrigger,
  addDays,
  applyDecision,
  DecisionError,
  hiddenDangerCounts,
  hiddenDangerTrigger,
  managementSlideTrigger,
  stoppageOn,
  stoppedTrigger,
  type CurrentGrade,
  type HiddenDangerFact,
  type StatusPeriod,
} from "@/lib/domain/triggers";

// ---------------------------------------------------------------------------------------------
// Helpers

function grade(level: Level, id = 7, announcedOn = "2023-03-01", validUntil = "2026-03-01"): CurrentGrade {
  return { id, level, announcedOn, validUntil };
}

function reg(foundOn: string): HiddenDangerFact {
  return { foundOn, source: "REGULATOR" };
}
function self(foundOn: string): HiddenDangerFact {
  return { foundOn, source: "SELF_REPORTED" };
}

function stopped(startedOn: string, endedOn: string | null = null): StatusPeriod {
  return { status: "STOPPED", startedOn, endedOn };
}
function normal(startedOn: string, endedOn: string | null = null): StatusPeriod {
  return { status: "NORMAL_PRODUCTION", startedOn, endedOn };
}

function sheet(base: ElementInput, overrides: Record<string, ElementInput> = {}): Record<string, ElementInput> {
  const out: Record<string, ElementInput> = {};
  for (const e of elementsFor(RULE_2020, "UNDERGROUND")) out[e.code] = base;
  return { ...out, ...overrides };
}

function spotCheckResult(scores: Record<string, ElementInput>, asOf = "2024-06-15"): GradeResult {
  return computeGrade({ rules: RULE_2020, mineType: "UNDERGROUND", scores, asOf });
}

const withLimits = (hiddenDangerWindowMonths: number, stoppedMonthsLimit: number): RuleSet => ({
  ...RULE_2020,
  hiddenDangerWindowMonths,
  stoppedMonthsLimit,
});

/** A province with every level and no row of its own: the national rows decide. */
const ANHUI = { provinceCode: "34", grantedLevels: [1, 2, 3] as const };
const onAccident = (
  g: CurrentGrade,
  a: { id: number; occurredOn: string; deaths: number },
  rules: RuleSet = RULE_2020,
) => accidentTrigger(rules, g, a, ANHUI);
const onDangers = (rules: RuleSet, g: CurrentGrade, d: HiddenDangerFact[], asOf: string) =>
  hiddenDangerTrigger(rules, g, d, asOf, ANHUI);
const onStopped = (rules: RuleSet, g: CurrentGrade, p: StatusPeriod[], asOf: string) =>
  stoppedTrigger(rules, g, p, asOf, ANHUI);
const onSlide = (g: CurrentGrade, c: { id: number; checkedOn: string }, r: GradeResult) =>
  managementSlideTrigger(g, c, r, ANHUI);

// ---------------------------------------------------------------------------------------------

describe("addDays", () => {
  it("crosses month and year ends and leap days", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2024-02-29", 1)).toBe("2024-03-01");
    expect(addDays("2023-12-31", 1)).toBe("2024-01-01");
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
  });
  it("rejects malformed dates and fractional days", () => {
    expect(() => addDays("2024-02-30", 1)).toThrow(RangeError);
    expect(() => addDays("2024-01-01", 0.5)).toThrow(RangeError);
  });
});

describe("accidentTrigger", () => {
  const acc = (deaths: number, occurredOn = "2024-05-10", id = 31) => ({ id, occurredOn, deaths });

  it("2020 rules: an ordinary fatal accident takes Level 1 to 3 from the accident date, and Level 2 to 3", () => {
    expect(onAccident(grade(1), acc(1))).toEqual({
      triggerKey: "ACCIDENT:31:GRADE:7",
      reason: "FATAL_ACCIDENT",
      type: "DOWNGRADE",
      fromLevel: 1,
      toLevel: 3,
      effectiveOn: "2024-05-10",
      evidence: {
        accidentId: 31,
        occurredOn: "2024-05-10",
        deaths: 1,
        accidentClass: "ORDINARY",
        consequence: {
          trigger: "ORDINARY_ACCIDENT",
          provinceCode: "",
          source: expect.stringContaining("[D]"),
          status: "VERIFIED",
          notGranted: null,
        },
      },
    });
    const l2 = onAccident(grade(2), acc(2));
    expect(l2).toMatchObject({ type: "DOWNGRADE", fromLevel: 2, toLevel: 3 });
    expect(l2?.evidence).toMatchObject({ deaths: 2, accidentClass: "ORDINARY" });
  });

  it("an ordinary fatal accident revokes Level 3", () => {
    expect(onAccident(grade(3), acc(1))).toMatchObject({ type: "REVOCATION", fromLevel: 3, toLevel: null });
  });

  it("a larger or worse accident (>= 3 deaths) revokes every level", () => {
    for (const level of [1, 2, 3] as const) {
      for (const [deaths, cls] of [
        [3, "LARGER"],
        [9, "LARGER"],
        [10, "MAJOR"],
        [30, "EXTRAORDINARY"],
      ] as const) {
        const d = onAccident(grade(level), acc(deaths));
        expect(d).toMatchObject({ reason: "FATAL_ACCIDENT", type: "REVOCATION", fromLevel: level, toLevel: null });
        expect(d?.evidence.accidentClass).toBe(cls);
      }
    }
  });

  it("an accident without deaths fires nothing", () => {
    for (const level of [1, 2, 3] as const) expect(onAccident(grade(level), acc(0))).toBeNull();
  });

  it("only an accident while the grade is in force fires: announcedOn <= occurredOn < validUntil", () => {
    const g = grade(1, 7, "2023-03-01", "2026-03-01");
    expect(onAccident(g, acc(1, "2023-02-28"))).toBeNull();
    expect(onAccident(g, acc(1, "2023-03-01"))).not.toBeNull();
    expect(onAccident(g, acc(1, "2026-02-28"))).not.toBeNull();
    expect(onAccident(g, acc(1, "2026-03-01"))).toBeNull();
  });

  it("the key is stable for the same accident and grade, and differs per accident and per grade", () => {
    const a = onAccident(grade(2, 7), acc(1, "2024-05-10", 31));
    const b = onAccident(grade(2, 7), acc(1, "2024-05-10", 31));
    expect(a?.triggerKey).toBe(b?.triggerKey);
    expect(onAccident(grade(2, 8), acc(1, "2024-05-10", 31))?.triggerKey).toBe("ACCIDENT:31:GRADE:8");
    expect(onAccident(grade(2, 7), acc(1, "2024-05-10", 32))?.triggerKey).toBe("ACCIDENT:32:GRADE:7");
  });

  it("rejects negative or fractional deaths and malformed dates", () => {
    expect(() => onAccident(grade(1), acc(-1))).toThrow(RangeError);
    expect(() => onAccident(grade(1), acc(1.5))).toThrow(RangeError);
    expect(() => onAccident(grade(1), acc(1, "2024-13-01"))).toThrow(RangeError);
  });
});

describe("hiddenDangerCounts", () => {
  it("counts (asOf − 6 months, asOf]: the first day is addMonths(asOf, −6) + 1", () => {
    const c = hiddenDangerCounts(
      RULE_2020,
      [
        reg("2024-02-15"),
        reg("2024-02-16"),
        reg("2024-08-15"),
        reg("2024-08-16"),
        self("2024-02-15"),
        self("2024-05-01"),
      ],
      "2024-08-15",
    );
    expect(c).toEqual({
      regulator: 2,
      selfReported: 1,
      windowMonths: 6,
      windowStart: "2024-02-16",
      windowEnd: "2024-08-15",
    });
  });

  it("clamps at month ends: asOf 2024-08-31 counts from 2024-03-01", () => {
    const c = hiddenDangerCounts(RULE_2020, [reg("2024-02-29"), reg("2024-03-01")], "2024-08-31");
    expect(c.windowStart).toBe("2024-03-01");
    expect(c.regulator).toBe(1);
  });

  it("reads the window from the rule set", () => {
    const dangers = [reg("2024-04-01"), reg("2023-09-01")];
    expect(hiddenDangerCounts(withLimits(3, 6), dangers, "2024-06-15").regulator).toBe(1);
    expect(hiddenDangerCounts(withLimits(3, 6), dangers, "2024-06-15").windowStart).toBe("2024-03-16");
    expect(hiddenDangerCounts(withLimits(12, 6), dangers, "2024-06-15").regulator).toBe(2);
    expect(() => hiddenDangerCounts(withLimits(0, 6), dangers, "2024-06-15")).toThrow(RangeError);
  });
});

describe("hiddenDangerTrigger", () => {
  const asOf = "2024-08-15";

  it("fires when regulator-found dangers outnumber self-reported ones: one level down", () => {
    const d = onDangers(RULE_2020, grade(1), [reg("2024-05-01"), reg("2024-06-01"), self("2024-07-01")], asOf);
    expect(d).toEqual({
      triggerKey: "HIDDEN_DANGERS:GRADE:7:2024-08",
      reason: "HIDDEN_DANGERS",
      type: "DOWNGRADE",
      fromLevel: 1,
      toLevel: 2,
      evidence: {
        regulatorCount: 2,
        selfReportedCount: 1,
        windowMonths: 6,
        windowStart: "2024-02-16",
        windowEnd: "2024-08-15",
        consequence: {
          trigger: "HIDDEN_DANGERS",
          provinceCode: "",
          source: expect.stringContaining("[C]"),
          status: "SECONDARY",
          notGranted: null,
        },
      },
      effectiveOn: null,
    });
    expect(onDangers(RULE_2020, grade(2), [reg("2024-05-01")], asOf)).toMatchObject({
      type: "DOWNGRADE",
      fromLevel: 2,
      toLevel: 3,
    });
    expect(onDangers(RULE_2020, grade(3), [reg("2024-05-01")], asOf)).toMatchObject({
      type: "REVOCATION",
      fromLevel: 3,
      toLevel: null,
    });
  });

  it("does not fire when the counts are equal, lower, or both zero", () => {
    expect(onDangers(RULE_2020, grade(1), [reg("2024-05-01"), self("2024-05-02")], asOf)).toBeNull();
    expect(
      onDangers(RULE_2020, grade(1), [reg("2024-05-01"), self("2024-05-02"), self("2024-05-03")], asOf),
    ).toBeNull();
    expect(onDangers(RULE_2020, grade(1), [], asOf)).toBeNull();
    expect(onDangers(RULE_2020, grade(1), [self("2024-05-02")], asOf)).toBeNull();
  });

  it("window boundaries: a finding on the day before the window start or after asOf does not count", () => {
    expect(onDangers(RULE_2020, grade(1), [reg("2024-02-15")], asOf)).toBeNull();
    expect(onDangers(RULE_2020, grade(1), [reg("2024-02-16")], asOf)).not.toBeNull();
    expect(onDangers(RULE_2020, grade(1), [reg("2024-08-15")], asOf)).not.toBeNull();
    expect(onDangers(RULE_2020, grade(1), [reg("2024-08-16")], asOf)).toBeNull();
    // A self-report outside the window does not offset a regulator finding inside it.
    expect(onDangers(RULE_2020, grade(1), [reg("2024-03-01"), self("2024-02-15")], asOf)).not.toBeNull();
  });

  it("uses the rule set's window, not a fixed 6 months", () => {
    const dangers = [reg("2023-12-01")];
    expect(onDangers(RULE_2020, grade(1), dangers, asOf)).toBeNull();
    expect(onDangers(withLimits(12, 6), grade(1), dangers, asOf)?.evidence).toMatchObject({
      windowMonths: 12,
      windowStart: "2023-08-16",
    });
  });

  it("one key per grade per month: stable within a month, new in the next month or for another grade", () => {
    const dangers = [reg("2024-07-20")];
    const k = (g: CurrentGrade, on: string) => onDangers(RULE_2020, g, dangers, on)?.triggerKey;
    expect(k(grade(1), "2024-08-01")).toBe("HIDDEN_DANGERS:GRADE:7:2024-08");
    expect(k(grade(1), "2024-08-31")).toBe("HIDDEN_DANGERS:GRADE:7:2024-08");
    expect(k(grade(1), "2024-09-01")).toBe("HIDDEN_DANGERS:GRADE:7:2024-09");
    expect(k(grade(1, 9), "2024-08-15")).toBe("HIDDEN_DANGERS:GRADE:9:2024-08");
  });

  it("does not fire against a grade that is not in force on asOf", () => {
    const dangers = [reg("2024-05-01")];
    expect(onDangers(RULE_2020, grade(1, 7, "2024-08-16", "2027-08-16"), dangers, asOf)).toBeNull();
    expect(onDangers(RULE_2020, grade(1, 7, "2021-08-15", "2024-08-15"), dangers, asOf)).toBeNull();
    expect(onDangers(RULE_2020, grade(1, 7, "2024-08-15", "2027-08-15"), dangers, asOf)).not.toBeNull();
  });
});

describe("stoppageOn", () => {
  it("merges touching and overlapping STOPPED periods, in any input order", () => {
    const periods = [
      stopped("2024-03-01", null),
      normal("2023-01-01", "2024-01-10"),
      stopped("2024-01-10", "2024-03-01"),
    ];
    expect(stoppageOn(periods, "2024-02-01")).toEqual({ since: "2024-01-10", until: null });
    const overlapping = [stopped("2024-01-10", "2024-03-05"), stopped("2024-03-01", "2024-05-01")];
    expect(stoppageOn(overlapping, "2024-04-30")).toEqual({ since: "2024-01-10", until: "2024-05-01" });
    expect(stoppageOn(overlapping, "2024-05-01")).toBeNull();
  });

  it("does not merge across a gap, and only STOPPED counts", () => {
    const periods = [stopped("2024-01-10", "2024-03-01"), normal("2024-03-01", "2024-03-05"), stopped("2024-03-05")];
    expect(stoppageOn(periods, "2024-07-15")).toEqual({ since: "2024-03-05", until: null });
    expect(stoppageOn(periods, "2024-03-04")).toBeNull();
    for (const status of ["NORMAL_CONSTRUCTION", "ANNOUNCED_CLOSURE", "CLOSED"] as const) {
      expect(stoppageOn([{ status, startedOn: "2023-01-01", endedOn: null }], "2024-07-15")).toBeNull();
    }
  });

  it("rejects a period that ends before it starts", () => {
    expect(() => stoppageOn([stopped("2024-03-01", "2024-02-01")], "2024-02-15")).toThrow(RangeError);
  });
});

describe("stoppedTrigger", () => {
  it("fires only when stopped MORE than the limit: addMonths(since, 6) + 1 day", () => {
    const periods = [normal("2020-01-01", "2024-01-10"), stopped("2024-01-10")];
    expect(onStopped(RULE_2020, grade(2, 5), periods, "2024-07-10")).toBeNull();
    expect(onStopped(RULE_2020, grade(2, 5), periods, "2024-07-11")).toEqual({
      triggerKey: "STOPPED:2024-01-10:GRADE:5",
      reason: "PRODUCTION_STOPPED",
      type: "REVOCATION",
      fromLevel: 2,
      toLevel: null,
      evidence: {
        stoppedSince: "2024-01-10",
        asOf: "2024-07-11",
        daysStopped: 183,
        stoppedMonthsLimit: 6,
        firesOn: "2024-07-11",
        consequence: {
          trigger: "PRODUCTION_STOPPED",
          provinceCode: "",
          source: expect.stringContaining("[C]"),
          status: "SECONDARY",
          notGranted: null,
        },
      },
      effectiveOn: null,
    });
  });

  it("revokes every level", () => {
    for (const level of [1, 2, 3] as const) {
      expect(onStopped(RULE_2020, grade(level), [stopped("2024-01-10")], "2024-09-01")).toMatchObject({
        type: "REVOCATION",
        fromLevel: level,
        toLevel: null,
      });
    }
  });

  it("counts consecutive STOPPED periods as one stoppage", () => {
    const periods = [stopped("2024-01-10", "2024-03-01"), stopped("2024-03-01", "2024-05-01"), stopped("2024-05-01")];
    expect(onStopped(RULE_2020, grade(1), periods, "2024-07-11")?.triggerKey).toBe("STOPPED:2024-01-10:GRADE:7");
  });

  it("restarts the count after a period of production", () => {
    const periods = [stopped("2024-01-10", "2024-03-01"), normal("2024-03-01", "2024-03-05"), stopped("2024-03-05")];
    expect(onStopped(RULE_2020, grade(1), periods, "2024-07-11")).toBeNull();
    expect(onStopped(RULE_2020, grade(1), periods, "2024-09-05")).toBeNull();
    expect(onStopped(RULE_2020, grade(1), periods, "2024-09-06")?.triggerKey).toBe("STOPPED:2024-03-05:GRADE:7");
  });

  it("does not fire once production resumed, nor for construction or closure", () => {
    const resumed = [stopped("2023-06-01", "2024-06-01"), normal("2024-06-01")];
    expect(onStopped(RULE_2020, grade(1), resumed, "2024-07-01")).toBeNull();
    expect(onStopped(RULE_2020, grade(1), resumed, "2024-05-31")).not.toBeNull();
    for (const status of ["NORMAL_CONSTRUCTION", "ANNOUNCED_CLOSURE", "CLOSED"] as const) {
      expect(
        onStopped(RULE_2020, grade(1), [{ status, startedOn: "2023-01-01", endedOn: null }], "2024-07-11"),
      ).toBeNull();
    }
  });

  it("uses the rule set's limit and clamps month ends", () => {
    expect(onStopped(withLimits(6, 3), grade(1), [stopped("2024-01-10")], "2024-04-11")).not.toBeNull();
    expect(onStopped(withLimits(6, 3), grade(1), [stopped("2024-01-10")], "2024-04-10")).toBeNull();
    // 2024-08-31 + 6 months = 2025-02-28 (clamped): fires from 2025-03-01.
    expect(onStopped(RULE_2020, grade(1), [stopped("2024-08-31")], "2025-02-28")).toBeNull();
    expect(onStopped(RULE_2020, grade(1), [stopped("2024-08-31")], "2025-03-01")).not.toBeNull();
  });

  it("the key is the same on every day of one stoppage, so re-running proposes once", () => {
    const periods = [stopped("2024-01-10")];
    const keys = ["2024-07-11", "2024-08-01", "2025-01-01"].map(
      (d) => onStopped(RULE_2020, grade(1), periods, d)?.triggerKey,
    );
    expect(new Set(keys)).toEqual(new Set(["STOPPED:2024-01-10:GRADE:7"]));
  });

  it("needs the grade in force on asOf; a stoppage begun before the announcement counts from its start", () => {
    const g = grade(2, 7, "2024-03-01", "2027-03-01");
    expect(onStopped(RULE_2020, g, [stopped("2024-01-10")], "2024-07-11")?.evidence.stoppedSince).toBe("2024-01-10");
    expect(
      onStopped(RULE_2020, grade(2, 7, "2021-01-01", "2024-07-01"), [stopped("2024-01-10")], "2024-07-11"),
    ).toBeNull();
  });
});

describe("managementSlideTrigger", () => {
  const check = { id: 88, checkedOn: "2024-06-15" };

  it("downgrades to the level the spot-check scores support", () => {
    const result = spotCheckResult(sheet(85)); // total 85: Level 2
    const d = onSlide(grade(1), check, result);
    expect(d).toMatchObject({
      triggerKey: "SPOT_CHECK:88",
      reason: "MANAGEMENT_SLIDE",
      type: "DOWNGRADE",
      fromLevel: 1,
      toLevel: 2,
    });
    expect(d?.evidence).toMatchObject({
      spotCheckId: 88,
      checkedOn: "2024-06-15",
      total: 85,
      level: 2,
      levelsByScore: 2,
    });
    expect(d?.evidence.parts).toEqual([
      { code: "BASIC", score: 85 },
      { code: "DISASTER", score: 85 },
      { code: "PROFESSIONAL", score: 85 },
    ]);
    // The Level-1 thresholds that were missed: the total, disaster and professional (basic 85 meets its floor of 85).
    expect(d?.evidence.missed).toEqual([
      { code: "THRESHOLD_MISSED", level: 1, partCode: null, score: 85, required: 90 },
      { code: "THRESHOLD_MISSED", level: 1, partCode: "DISASTER", score: 85, required: 90 },
      { code: "THRESHOLD_MISSED", level: 1, partCode: "PROFESSIONAL", score: 85, required: 90 },
    ]);
  });

  it("may go down more than one level", () => {
    expect(onSlide(grade(1), check, spotCheckResult(sheet(75)))).toMatchObject({ toLevel: 3 });
    expect(onSlide(grade(2), check, spotCheckResult(sheet(75)))).toMatchObject({
      type: "DOWNGRADE",
      fromLevel: 2,
      toLevel: 3,
    });
  });

  it("revokes when the scores support no level, listing the misses at the grade's level and below", () => {
    const result = spotCheckResult(sheet(90, { E07: 40, E08: 40 })); // disaster 40
    const d = onSlide(grade(2), check, result);
    expect(d).toMatchObject({ type: "REVOCATION", fromLevel: 2, toLevel: null });
    // total 78 misses Level 2 (80) but meets Level 3 (70); disaster 40 misses both. Level 1 is not the grade's concern.
    const missed = d?.evidence.missed as { level: number; partCode: string | null }[];
    expect(missed.map((m) => [m.level, m.partCode])).toEqual([
      [2, null],
      [2, PART_DISASTER],
      [3, PART_DISASTER],
    ]);
    expect(onSlide(grade(3), check, spotCheckResult(sheet(60)))).toMatchObject({
      type: "REVOCATION",
      fromLevel: 3,
      toLevel: null,
    });
  });

  it("does not fire when the spot-check supports the grade's level or better", () => {
    expect(onSlide(grade(2), check, spotCheckResult(sheet(85)))).toBeNull();
    expect(onSlide(grade(2), check, spotCheckResult(sheet(95)))).toBeNull();
    expect(onSlide(grade(3), check, spotCheckResult(sheet(70)))).toBeNull();
    expect(
      onSlide(
        grade(1),
        check,
        spotCheckResult(sheet(95, { E01: 85, E02: 85, E03: 85, E04: 85, E05: 85, E06: 85, E15: 85 })),
      ),
    ).toBeNull();
  });

  it("does not fire for a spot-check outside the grade's validity", () => {
    const result = spotCheckResult(sheet(75));
    expect(onSlide(grade(1, 7, "2024-06-16", "2027-06-16"), check, result)).toBeNull();
    expect(onSlide(grade(1, 7, "2021-06-15", "2024-06-15"), check, result)).toBeNull();
  });

  it("the key depends on the spot-check only", () => {
    const result = spotCheckResult(sheet(75));
    expect(onSlide(grade(1, 1), check, result)?.triggerKey).toBe(onSlide(grade(2, 1), check, result)?.triggerKey);
  });
});

describe("applyDecision", () => {
  const g = grade(1, 7, "2023-03-01", "2026-03-01");

  it("a downgrade ends the grade on the effective date and starts the lower one with the OLD validUntil", () => {
    expect(applyDecision(g, { type: "DOWNGRADE", toLevel: 2, effectiveOn: "2024-06-20" })).toEqual({
      endCurrentOn: "2024-06-20",
      newGrade: { level: 2, announcedOn: "2024-06-20", validUntil: "2026-03-01" },
    });
    expect(applyDecision(g, { type: "DOWNGRADE", toLevel: 3, effectiveOn: "2024-06-20" }).newGrade?.level).toBe(3);
  });

  it("a revocation ends the grade and starts none", () => {
    expect(applyDecision(g, { type: "REVOCATION", toLevel: null, effectiveOn: "2024-06-20" })).toEqual({
      endCurrentOn: "2024-06-20",
      newGrade: null,
    });
  });

  it("accepts the announcement day and the day before validUntil", () => {
    expect(applyDecision(g, { type: "REVOCATION", toLevel: null, effectiveOn: "2023-03-01" }).endCurrentOn).toBe(
      "2023-03-01",
    );
    expect(applyDecision(g, { type: "DOWNGRADE", toLevel: 2, effectiveOn: "2026-02-28" }).newGrade).toEqual({
      level: 2,
      announcedOn: "2026-02-28",
      validUntil: "2026-03-01",
    });
  });

  it("throws for an effective date outside the grade's validity", () => {
    const before = () => applyDecision(g, { type: "REVOCATION", toLevel: null, effectiveOn: "2023-02-28" });
    expect(before).toThrow(DecisionError);
    expect(before).toThrow(expect.objectContaining({ code: "EFFECTIVE_BEFORE_ANNOUNCEMENT" }));
    const after = () => applyDecision(g, { type: "DOWNGRADE", toLevel: 2, effectiveOn: "2026-03-01" });
    expect(after).toThrow(expect.objectContaining({ code: "EFFECTIVE_AFTER_VALIDITY" }));
    expect(() => applyDecision(g, { type: "DOWNGRADE", toLevel: 2, effectiveOn: "2024-02-30" })).toThrow(RangeError);
  });

  it("throws when a downgrade does not go lower, or a revocation carries a level", () => {
    const l2 = grade(2);
    for (const toLevel of [2, 1, null] as const) {
      expect(() => applyDecision(l2, { type: "DOWNGRADE", toLevel, effectiveOn: "2024-06-20" })).toThrow(
        expect.objectContaining({ code: "NOT_LOWER" }),
      );
    }
    expect(() => applyDecision(grade(3), { type: "DOWNGRADE", toLevel: 3, effectiveOn: "2024-06-20" })).toThrow(
      DecisionError,
    );
    expect(() => applyDecision(l2, { type: "REVOCATION", toLevel: 3, effectiveOn: "2024-06-20" })).toThrow(
      expect.objectContaining({ code: "TYPE_MISMATCH" }),
    );
  });

  it("applies what the triggers propose", () => {
    const proposal = onAccident(grade(2), { id: 1, occurredOn: "2024-05-10", deaths: 1 });
    if (!proposal) throw new Error("expected a proposal");
    const applied = applyDecision(grade(2), { ...proposal, effectiveOn: "2024-05-20" });
    expect(applied.newGrade).toEqual({ level: 3, announcedOn: "2024-05-20", validUntil: "2026-03-01" });
    const revocation = onStopped(RULE_2020, grade(1), [stopped("2024-01-10")], "2024-07-11");
    if (!revocation) throw new Error("expected a proposal");
    expect(applyDecision(grade(1), { ...revocation, effectiveOn: "2024-07-15" }).newGrade).toBeNull();
  });
});
