// Which rule version is in force on a date, apart from the shipped rule data (rule-data.ts): the
// spot-check form picks from the versions the server sends, and importing rule-data.ts would send
// every version, its sources and consequences to the browser as well.
import type { RuleSet } from "./rules";

/** The rule version in force on a date (YYYY-MM-DD): the latest that took effect by then, else the first. */
export function ruleVersionIn(date: string, versions: readonly RuleSet[]): RuleSet {
  const inForce = versions
    .filter((v) => v.effectiveFrom <= date)
    .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1));
  return inForce[0] ?? versions[0];
}
