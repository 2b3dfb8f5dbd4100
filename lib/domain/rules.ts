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

/**
 * Minimum score for a level: on that element when elementCode is set (the 2017 element floors; an
 * element the mine type does not have, or marked not applicable, is not checked), else on that part
 * when partCode is set, else on the total.
 */
export interface RuleThreshold {
  level: Level;
  partCode: string | null;
  elementCode?: string | null;
  minScore: number;
}

/** Where a parameter's value comes from (document and article, or a published announcement). */
export interface ParameterSource {
  source: string;
  status: ParameterStatus;
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

/** A basic condition (基本条件): a mine that fails one cannot be graded (RuleBasicCondition). */
export interface BasicCondition {
  code: string;
  textZh: string;
  textEn: string;
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
  /** 2017: Level 1 only with at most this many people underground per shift (not checked: no data). */
  level1ShiftHeadcountCap?: number | null;
  parts: RulePart[];
  elements: RuleElement[];
  thresholds: RuleThreshold[];
  vetoes: RuleVeto[];
  consequences: RuleConsequence[];
  /** The basic conditions, in the order the form asks them. */
  basicConditions: BasicCondition[];
  /** Whether a Level 1 grade about to expire may be extended directly (直接延期), and from how many months before its end. */
  directExtension: boolean;
  directExtensionWindowMonths: number;
  /** Source and status per parameter key (lib/domain/rule-sources.ts); absent in hand-made test sets. */
  sources?: Record<string, ParameterSource>;
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
