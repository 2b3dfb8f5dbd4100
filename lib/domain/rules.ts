// The shape of a rule version as the pure engine sees it. The database holds the same data
// (RuleVersion, RulePart, RuleElement, RuleLevelThreshold, RuleVeto); lib/server/data/rules.ts
// loads it into this shape.
import type { ConsequenceTrigger, MineType, ParameterStatus, VetoKind } from "../generated/prisma/enums";

export type { ConsequenceTrigger, MineType, ParameterStatus, VetoKind };
export type Level = 1 | 2 | 3;
export const LEVELS: readonly Level[] = [1, 2, 3];

/** Accident classes by deaths (domain.md): 一般 < 3, 较大 3–9, 重大 10–29, 特别重大 ≥ 30. */
export type AccidentClass = "ORDINARY" | "LARGER" | "MAJOR" | "EXTRAORDINARY";

export interface RulePart {
  code: string;
  nameZh: string;
  nameEn: string;
}

export interface RuleElement {
  mineType: MineType;
  code: string;
  partCode: string;
  nameZh: string;
  nameEn: string;
  weight: number;
}

/** Minimum score for a level: on the total when partCode is null, else on that part. */
export interface RuleThreshold {
  level: Level;
  partCode: string | null;
  minScore: number;
}

/** Excludes `level` when an event of `kind` (and, for accidents, exactly `accidentClass`) lies within `windowMonths`. */
export interface RuleVeto {
  level: Level;
  kind: VetoKind;
  accidentClass: AccidentClass | null;
  windowMonths: number;
}

/**
 * What a trigger does to a grade of fromLevel (RuleConsequence): toLevel, or revocation when null.
 * provinceCode "" is the national rule; a province's row replaces it in that province.
 */
export interface RuleConsequence {
  provinceCode: string;
  fromLevel: Level;
  trigger: ConsequenceTrigger;
  toLevel: Level | null;
  /** The decision takes effect from the event's date (e.g. the accident's). */
  effectiveFromEvent: boolean;
  source: string;
  status: ParameterStatus;
}

export interface RuleSet {
  code: string;
  nameZh: string;
  nameEn: string;
  documentNo: string | null;
  effectiveFrom: string; // YYYY-MM-DD
  validityYears: number;
  publicNoticeDays: number;
  placeholderWeights: boolean;
  hiddenDangerWindowMonths: number;
  stoppedMonthsLimit: number;
  gradeRequiredToProduce: boolean;
  parts: RulePart[];
  elements: RuleElement[];
  thresholds: RuleThreshold[];
  vetoes: RuleVeto[];
  consequences: RuleConsequence[];
}

export function accidentClass(deaths: number): AccidentClass | null {
  if (deaths <= 0) return null;
  if (deaths < 3) return "ORDINARY";
  if (deaths < 10) return "LARGER";
  if (deaths < 30) return "MAJOR";
  return "EXTRAORDINARY";
}

export function elementsFor(rules: RuleSet, mineType: MineType): RuleElement[] {
  return rules.elements.filter((e) => e.mineType === mineType);
}
