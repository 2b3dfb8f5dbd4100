// What makes a rule version consistent enough to publish (issue 12): the weights of each mine type
// sum to 1, a better level is never easier (Level 1 ≥ Level 2 ≥ Level 3 on every floor), and every
// window and period is a positive whole number. Problems are keyed by the parameter key
// (rule-sources.ts), so the form shows each one next to its field.
import { thresholdKey, vetoKey, weightKey } from "./rule-sources";
import type { RuleSet } from "./rules";

/** Tolerance for the weight sum: weights are stored with 4 decimals. */
const WEIGHT_SUM_TOLERANCE = 1e-6;

export const SCALAR_LIMITS = {
  validityYears: [1, 10],
  publicNoticeDays: [1, 60],
  hiddenDangerWindowMonths: [1, 120],
  stoppedMonthsLimit: [1, 120],
} as const;

export function validateDraft(rules: RuleSet): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const [key, [lo, hi]] of Object.entries(SCALAR_LIMITS)) {
    const v = rules[key as keyof typeof SCALAR_LIMITS];
    if (!Number.isInteger(v) || v < lo || v > hi) problems[key] = "ruleWholeNumberRange";
  }
  for (const v of rules.vetoes) {
    if (!Number.isInteger(v.windowMonths) || v.windowMonths < 1 || v.windowMonths > 120)
      problems[vetoKey(v)] = "ruleWindowPositive";
  }
  const mineTypes = [...new Set(rules.elements.map((e) => e.mineType))];
  for (const mineType of mineTypes) {
    const elements = rules.elements.filter((e) => e.mineType === mineType);
    for (const e of elements)
      if (!(e.weight > 0 && e.weight <= 1)) problems[weightKey(mineType, e.code)] = "ruleWeightRange";
    const sum = elements.reduce((a, e) => a + e.weight, 0);
    if (Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE)
      for (const e of elements) problems[weightKey(mineType, e.code)] ??= "ruleWeightsSum";
  }
  for (const t of rules.thresholds) {
    if (!(t.minScore >= 0 && t.minScore <= 100)) problems[thresholdKey(t)] = "ruleScoreRange";
  }
  // Each floor of a level against the same floor one level down (where both exist).
  for (const t of rules.thresholds) {
    const lower = rules.thresholds.find(
      (u) =>
        u.level === t.level + 1 && u.partCode === t.partCode && (u.elementCode ?? null) === (t.elementCode ?? null),
    );
    // Both fields are marked: either may be the one mistyped.
    if (lower && t.minScore < lower.minScore) {
      problems[thresholdKey(t)] ??= "ruleThresholdOrder";
      problems[thresholdKey(lower)] ??= "ruleThresholdOrder";
    }
  }
  return problems;
}
