// Every parameter of a rule version has a key, so its source and status (VERIFIED, SECONDARY,
// PLACEHOLDER) can be stored beside it (RuleParameterSource) without a column per value, and the
// engine's shapes stay as they are.
import type { ParameterSource, RuleSet } from "./rules";

export const SCALAR_PARAMETERS = [
  "effectiveFrom",
  "validityYears",
  "publicNoticeDays",
  "hiddenDangerWindowMonths",
  "stoppedMonthsLimit",
  "gradeRequiredToProduce",
  "directExtension",
  "directExtensionWindowMonths",
] as const;

export function thresholdKey(t: { level: number; partCode: string | null; elementCode?: string | null }): string {
  if (t.elementCode) return `floor:${t.level}:${t.elementCode}`;
  return `threshold:${t.level}:${t.partCode ?? "TOTAL"}`;
}

export function weightKey(mineType: string, code: string): string {
  return `weight:${mineType}:${code}`;
}

export function vetoKey(v: { level: number; kind: string; accidentClass: string | null }): string {
  return `veto:${v.level}:${v.kind}${v.accidentClass ? `:${v.accidentClass}` : ""}`;
}

/** Every parameter key of a rule set: the values a source must be given for. */
export function parameterKeys(rules: RuleSet): string[] {
  const keys: string[] = [...SCALAR_PARAMETERS];
  if (rules.level1ShiftHeadcountCap != null) keys.push("level1ShiftHeadcountCap");
  for (const t of rules.thresholds) keys.push(thresholdKey(t));
  for (const e of rules.elements) keys.push(weightKey(e.mineType, e.code));
  for (const v of rules.vetoes) keys.push(vetoKey(v));
  return keys;
}

export const MISSING_SOURCE: ParameterSource = { source: "", status: "PLACEHOLDER" };

/** The source of a parameter; a parameter without one counts as a placeholder. */
export function sourceOf(rules: RuleSet, key: string): ParameterSource {
  return rules.sources?.[key] ?? MISSING_SOURCE;
}
