// What a draft rule version must satisfy before it is saved or published (issue 12.3).
import { describe, expect, it } from "vitest";
import { validateDraft } from "@/lib/domain/rule-draft";
import { RULE_2017, RULE_VERSIONS, RULE_2024 } from "@/lib/domain/rule-data";
import type { RuleSet } from "@/lib/domain/rules";

const withThreshold = (rules: RuleSet, level: number, partCode: string | null, minScore: number): RuleSet => ({
  ...rules,
  thresholds: rules.thresholds.map((t) =>
    t.level === level && t.partCode === partCode && !t.elementCode ? { ...t, minScore } : t,
  ),
});

describe("validateDraft", () => {
  it("accepts every shipped version", () => {
    for (const r of RULE_VERSIONS) expect(validateDraft(r), r.code).toEqual({});
  });

  it("weights of a mine type must sum to 1: 1 ± 1e-6 passes, 1.0001 fails on every weight of that type only", () => {
    const shift = (delta: number): RuleSet => ({
      ...RULE_2024,
      elements: RULE_2024.elements.map((e) =>
        e.mineType === "UNDERGROUND" && e.code === "E07" ? { ...e, weight: e.weight + delta } : e,
      ),
    });
    expect(validateDraft(shift(1e-7))).toEqual({});
    const problems = validateDraft(shift(0.0001));
    expect(problems["weight:UNDERGROUND:E07"]).toBe("ruleWeightsSum");
    expect(problems["weight:UNDERGROUND:E01"]).toBe("ruleWeightsSum");
    expect(Object.keys(problems).some((k) => k.startsWith("weight:OPEN_PIT"))).toBe(false);
  });

  it("a weight of 0 or below is refused", () => {
    const r: RuleSet = {
      ...RULE_2024,
      elements: RULE_2024.elements.map((e) =>
        e.code === "E01" && e.mineType === "UNDERGROUND" ? { ...e, weight: 0 } : e,
      ),
    };
    expect(validateDraft(r)["weight:UNDERGROUND:E01"]).toBe("ruleWeightRange");
  });

  it("Level 1 ≥ Level 2 ≥ Level 3: equal passes, one point less fails on both levels", () => {
    expect(validateDraft(withThreshold(RULE_2024, 2, null, 70))).toEqual({});
    expect(validateDraft(withThreshold(RULE_2024, 2, null, 69.99))).toEqual({
      "threshold:2:TOTAL": "ruleThresholdOrder",
      "threshold:3:TOTAL": "ruleThresholdOrder",
    });
    expect(validateDraft(withThreshold(RULE_2024, 1, "BASIC", 79))).toEqual({
      "threshold:1:BASIC": "ruleThresholdOrder",
      "threshold:2:BASIC": "ruleThresholdOrder",
    });
    expect(validateDraft(withThreshold(RULE_2024, 3, null, 101))["threshold:3:TOTAL"]).toBe("ruleScoreRange");
  });

  it("checks element floors level against level too (2017)", () => {
    const r: RuleSet = {
      ...RULE_2017,
      thresholds: RULE_2017.thresholds.map((t) =>
        t.level === 1 && t.elementCode === "E07" ? { ...t, minScore: 79 } : t,
      ),
    };
    expect(validateDraft(r)).toEqual({ "floor:1:E07": "ruleThresholdOrder", "floor:2:E07": "ruleThresholdOrder" });
  });

  it("windows and periods are positive whole numbers", () => {
    const vetoes = RULE_2024.vetoes.map((v, i) => (i === 0 ? { ...v, windowMonths: 0 } : v));
    expect(validateDraft({ ...RULE_2024, vetoes })).toEqual({ "veto:1:FATAL_ACCIDENT:ORDINARY": "ruleWindowPositive" });
    expect(validateDraft({ ...RULE_2024, stoppedMonthsLimit: 0 })).toEqual({
      stoppedMonthsLimit: "ruleWholeNumberRange",
    });
    expect(validateDraft({ ...RULE_2024, hiddenDangerWindowMonths: 1.5 })).toEqual({
      hiddenDangerWindowMonths: "ruleWholeNumberRange",
    });
    expect(validateDraft({ ...RULE_2024, validityYears: 1, publicNoticeDays: 1 })).toEqual({});
  });
});
