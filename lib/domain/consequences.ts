// Which consequence a trigger has for a grade, read from the rule version's table (RuleConsequence):
// the province's own row where it has one, else the national row; a new level the province does not
// grant becomes the next worse level it grants, or revocation. Pure: the rows and the province's
// granted levels are passed in.
import type { AccidentClass, ConsequenceTrigger, Level, ParameterStatus, RuleSet } from "./rules";

/** Where the grade is: the mine's province and the levels that province grants (authority-config.ts). */
export interface ConsequencePlace {
  provinceCode: string;
  grantedLevels: readonly Level[];
}

export interface Consequence {
  toLevel: Level | null;
  effectiveFromEvent: boolean;
  /** The row that decided: national ("") or the province's, with its source and status. */
  provinceCode: string;
  source: string;
  status: ParameterStatus;
  /** The level the row named when the province does not grant it (then toLevel is the substitute). */
  notGranted: Level | null;
}

const ACCIDENT_TRIGGER: Record<AccidentClass, ConsequenceTrigger> = {
  ORDINARY: "ORDINARY_ACCIDENT",
  LARGER: "LARGER_ACCIDENT",
  MAJOR: "MAJOR_ACCIDENT",
  EXTRAORDINARY: "EXTRAORDINARY_ACCIDENT",
};

export function accidentConsequenceTrigger(cls: AccidentClass): ConsequenceTrigger {
  return ACCIDENT_TRIGGER[cls];
}

/** The best level the province grants that is `level` or worse; null when none (revocation). */
export function grantedAtOrBelow(level: Level, granted: readonly Level[]): Level | null {
  const worse = granted.filter((l) => l >= level).sort((a, b) => a - b);
  return worse[0] ?? null;
}

/** The consequence of `trigger` for a grade of `fromLevel` in `place`, or null when the table has no row for it. */
export function consequenceOf(
  rules: RuleSet,
  place: ConsequencePlace,
  fromLevel: Level,
  trigger: ConsequenceTrigger,
): Consequence | null {
  const matches = rules.consequences.filter((c) => c.fromLevel === fromLevel && c.trigger === trigger);
  const row =
    (place.provinceCode !== "" ? matches.find((c) => c.provinceCode === place.provinceCode) : undefined) ??
    matches.find((c) => c.provinceCode === "");
  if (!row) return null;
  const toLevel = row.toLevel === null ? null : grantedAtOrBelow(row.toLevel, place.grantedLevels);
  return {
    toLevel,
    effectiveFromEvent: row.effectiveFromEvent,
    provinceCode: row.provinceCode,
    source: row.source,
    status: row.status,
    notGranted: row.toLevel !== null && row.toLevel !== toLevel ? row.toLevel : null,
  };
}
