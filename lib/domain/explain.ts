// "Why this grade" and "distance to downgrade" for the mine manager (product.md, capability 2:
// "what rule decided it and what would move it up or down"). Pure: no I/O, no clock.
//
// Every met/missed verdict comes from the grading engine (computeGrade), so it is exact; margins
// are score − required on the engine's reported scores (truncated to 12 decimals) and rounded to
// 12 decimals to drop floating-point noise, so a met floor never shows a negative margin and a
// missed one never shows a margin of 0. Round for display only (roundForDisplay).
import {
  addMonths,
  computeGrade,
  roundForDisplay,
  vetoEvents,
  type ElementInput,
  type GradeResult,
  type PartResult,
  type Reason,
  type VetoFacts,
} from "./grading";
import { daysBetween } from "./dates";
import { sourceOf, thresholdKey, vetoKey, weightKey } from "./rule-sources";
import {
  elementsFor,
  LEVELS,
  type AccidentClass,
  type Level,
  type MineType,
  type ParameterStatus,
  type RuleSet,
} from "./rules";
import {
  hiddenDangerCounts,
  hiddenDangersFire,
  stoppageFiresOn,
  stoppageOn,
  type HiddenDangerFact,
  type StatusPeriod,
} from "./triggers";

type ThresholdReason = Extract<Reason, { code: "THRESHOLD_MET" | "THRESHOLD_MISSED" | "PART_NOT_ASSESSED" }>;
type VetoReason = Extract<Reason, { code: "VETO" }>;

export interface Floor {
  level: Level;
  required: number;
  met: boolean;
  /** score − required; null when the score is null (not assessed: counts as missed). */
  margin: number | null;
}

export interface ShortFall {
  /** null = the total (or, with elementCode, an element floor). */
  partCode: string | null;
  elementCode?: string;
  score: number | null;
  required: number;
  /** required − score (> 0); equals `required` when the score is null (the part or sheet was not assessed). */
  shortBy: number;
}

export interface GradeExplanation {
  result: GradeResult;
  /** The total against the total threshold of every level. */
  total: { score: number | null; floors: Floor[] };
  /** Every part (rule-set order) against its floor at every level (best level first). */
  parts: { code: string; score: number | null; floors: Floor[] }[];
  /**
   * Every element of the mine type: weight is the rule-set weight; effectiveWeight is its share of
   * the total after not-applicable elements are left out (0 for an N/A element), i.e. the points
   * of total that one point on this element is worth.
   */
  elements: { code: string; partCode: string; score: number | null; weight: number; effectiveWeight: number }[];
  /**
   * The nearest better / worse level that the rule set defines thresholds for, relative to
   * result.level. Ungraded (null): levelAbove is the worst defined level (Level 3), levelBelow null.
   * Level 3: levelBelow null (below Level 3 is "unstandardized").
   */
  levelAbove: Level | null;
  levelBelow: Level | null;
  /** The thresholds of levelAbove that are still missed, total first, then parts in rule-set order. */
  toReachAbove: ShortFall[];
  /** The vetoes that exclude levelAbove on asOf (each lifts on its `until`), even when its thresholds are met. */
  vetoesAbove: VetoReason[];
  /**
   * The one reason that settled the level:
   * - levelAbove null (the best level was reached): the LEVEL_REACHED reason;
   * - otherwise, what kept the mine out of levelAbove: its first missed threshold in engine order
   *   (THRESHOLD_MISSED or PART_NOT_ASSESSED; the total first, then parts in rule-set order); when all
   *   its thresholds are met, the veto that excludes it longest (latest `until`; the first such on ties);
   * - NO_LEVEL_REACHED when the rule set defines no level at all.
   */
  decidedBy: Reason;
  /** Where the rule that decided comes from: the version's document and the parameter's source. */
  decidedBySource: { key: string; documentNo: string | null; source: string; status: ParameterStatus } | null;
  /**
   * Parameters without a source (PLACEHOLDER) that decide this grade: the floors of the level reached
   * and the one that kept the level above out, the deciding veto, and the weights (one entry,
   * "weights", when any weight of the mine type is a placeholder).
   */
  decidingPlaceholders: { key: string; source: string }[];
}

/** The parameter key of a threshold or veto reason (rule-sources.ts); null for other reasons. */
export function reasonKey(r: Reason): string | null {
  switch (r.code) {
    case "THRESHOLD_MET":
    case "THRESHOLD_MISSED":
    case "PART_NOT_ASSESSED":
      return thresholdKey({
        level: r.level,
        partCode: r.partCode,
        elementCode: "elementCode" in r ? r.elementCode : null,
      });
    case "VETO":
      return vetoKey(r);
    case "LEVEL_REACHED":
      return thresholdKey({ level: r.level, partCode: null });
    default:
      return null;
  }
}

function sourcesDeciding(
  rules: RuleSet,
  mineType: MineType,
  level: Level | null,
  decidedBy: Reason,
): Pick<GradeExplanation, "decidedBySource" | "decidingPlaceholders"> {
  const key = reasonKey(decidedBy);
  const decidedBySource = key ? { key, documentNo: rules.documentNo, ...sourceOf(rules, key) } : null;
  const keys = new Set<string>();
  if (key) keys.add(key);
  if (level !== null) for (const t of rules.thresholds) if (t.level === level) keys.add(thresholdKey(t));
  const placeholders = [...keys]
    .filter((k) => sourceOf(rules, k).status === "PLACEHOLDER")
    .map((k) => ({ key: k, source: sourceOf(rules, k).source }));
  const weights = elementsFor(rules, mineType).map((e) => sourceOf(rules, weightKey(mineType, e.code)));
  const placeholderWeight = weights.find((w) => w.status === "PLACEHOLDER");
  if (placeholderWeight) placeholders.push({ key: "weights", source: placeholderWeight.source });
  return { decidedBySource, decidingPlaceholders: placeholders };
}

/** 12 decimals, the engine's output precision: removes floating-point noise from a difference. */
function diff(a: number, b: number): number {
  const d = roundForDisplay(a - b, 12);
  return d === 0 ? 0 : d; // no −0
}

function definedLevels(rules: RuleSet): Level[] {
  return [...LEVELS].filter((lv) => rules.thresholds.some((t) => t.level === lv)).sort((a, b) => a - b);
}

/**
 * The engine's threshold and veto reasons for one level, whatever level was reached: computeGrade
 * on a rule set holding only that level's thresholds examines exactly that level.
 */
function reasonsForLevel(
  rules: RuleSet,
  mineType: MineType,
  scores: Record<string, ElementInput>,
  asOf: string,
  facts: VetoFacts,
  level: Level,
): { thresholds: ThresholdReason[]; vetoes: VetoReason[] } {
  const only: RuleSet = { ...rules, thresholds: rules.thresholds.filter((t) => t.level === level) };
  const r = computeGrade({ rules: only, mineType, scores, asOf, facts });
  const thresholds = r.reasons.filter(
    (x): x is ThresholdReason =>
      (x.code === "THRESHOLD_MET" || x.code === "THRESHOLD_MISSED" || x.code === "PART_NOT_ASSESSED") &&
      x.level === level,
  );
  const vetoes = r.reasons.filter((x): x is VetoReason => x.code === "VETO" && x.level === level);
  return { thresholds, vetoes };
}

function toFloor(r: ThresholdReason): Floor {
  if (r.code === "PART_NOT_ASSESSED") return { level: r.level, required: r.required, met: false, margin: null };
  return { level: r.level, required: r.required, met: r.code === "THRESHOLD_MET", margin: diff(r.score, r.required) };
}

/**
 * Why the score sheet gets its grade on `asOf` with these veto facts, and what is missing for the
 * level above. Throws like computeGrade (ScoreInputError, RangeError).
 */
export function explainGrade(
  rules: RuleSet,
  mineType: MineType,
  scores: Record<string, ElementInput>,
  asOf: string,
  facts: VetoFacts,
): GradeExplanation {
  const result = computeGrade({ rules, mineType, scores, asOf, facts });
  const levels = definedLevels(rules);
  const byLevel = new Map(levels.map((lv) => [lv, reasonsForLevel(rules, mineType, scores, asOf, facts, lv)]));

  // Element floors (2017) are not part or total floors: they show among the reasons, not in these columns.
  const floorsOf = (partCode: string | null): Floor[] =>
    levels.flatMap((lv) =>
      (byLevel.get(lv)?.thresholds ?? [])
        .filter((t) => t.partCode === partCode && !("elementCode" in t && t.elementCode))
        .map(toFloor),
    );

  const parts = result.parts.map((p) => ({ code: p.code, score: p.score, floors: floorsOf(p.code) }));

  const ruleElements = elementsFor(rules, mineType);
  const applicableWeight = ruleElements.reduce((s, e) => (scores[e.code] === null ? s : s + e.weight), 0);
  const elements = ruleElements.map((e) => {
    const score = scores[e.code] ?? null;
    return {
      code: e.code,
      partCode: e.partCode,
      score,
      weight: e.weight,
      effectiveWeight: score === null || applicableWeight <= 0 ? 0 : roundForDisplay(e.weight / applicableWeight, 12),
    };
  });

  const level = result.level;
  const levelAbove =
    level === null ? (levels[levels.length - 1] ?? null) : ([...levels].reverse().find((lv) => lv < level) ?? null);
  const levelBelow = level === null ? null : (levels.find((lv) => lv > level) ?? null);

  const above = levelAbove === null ? undefined : byLevel.get(levelAbove);
  const missedAbove = (above?.thresholds ?? []).filter((t) => t.code !== "THRESHOLD_MET");
  const toReachAbove: ShortFall[] = missedAbove.map((t) =>
    t.code === "PART_NOT_ASSESSED"
      ? { partCode: t.partCode, score: null, required: t.required, shortBy: t.required }
      : {
          partCode: t.partCode,
          ...(t.elementCode ? { elementCode: t.elementCode } : {}),
          score: t.score,
          required: t.required,
          shortBy: diff(t.required, t.score),
        },
  );
  const vetoesAbove = above?.vetoes ?? [];

  let decidedBy: Reason;
  if (levelAbove === null) {
    decidedBy = level === null ? { code: "NO_LEVEL_REACHED" } : { code: "LEVEL_REACHED", level };
  } else if (missedAbove.length > 0) {
    decidedBy = missedAbove[0];
  } else if (vetoesAbove.length > 0) {
    decidedBy = vetoesAbove.reduce((best, v) => (v.until > best.until ? v : best));
  } else {
    // Unreachable with a consistent engine: levelAbove was neither missed nor vetoed.
    decidedBy = level === null ? { code: "NO_LEVEL_REACHED" } : { code: "LEVEL_REACHED", level };
  }

  return {
    result,
    total: { score: result.total, floors: floorsOf(null) },
    parts,
    elements,
    levelAbove,
    levelBelow,
    toReachAbove,
    vetoesAbove,
    decidedBy,
    ...sourcesDeciding(rules, mineType, level, decidedBy),
  };
}

// ---------------------------------------------------------------------------------------------
// Distance to downgrade

/** CLOSE thresholds (documented in distanceToDowngrade). */
export const CLOSE_DANGERS = 1;
export const CLOSE_DAYS = 30;
export const CLOSE_POINTS = 3;

export type DowngradeTrigger = "HIDDEN_DANGERS" | "FATAL_ACCIDENT" | "PRODUCTION_STOPPED" | "MANAGEMENT_SLIDE";
export type DistanceStatus = "FIRED" | "CLOSE" | "OK";

export interface DistanceItem {
  trigger: DowngradeTrigger;
  status: DistanceStatus;
  detail: Record<string, number | string | null>;
}

export interface DistanceInput {
  level: Level | null;
  asOf: string;
  dangers: HiddenDangerFact[];
  accidents: { occurredOn: string; deaths: number }[];
  statusPeriods: StatusPeriod[];
  /** The part closest to (or below) its floor for the current level; see weakestPartFloor. */
  lowestPart: { code: string; score: number | null; floor: number } | null;
}

const STATUS_RANK: Record<DistanceStatus, number> = { FIRED: 0, CLOSE: 1, OK: 2 };
const TRIGGER_RANK: Record<DowngradeTrigger, number> = {
  HIDDEN_DANGERS: 0,
  FATAL_ACCIDENT: 1,
  PRODUCTION_STOPPED: 2,
  MANAGEMENT_SLIDE: 3,
};

const CLASS_KEY: Record<AccidentClass, string> = {
  ORDINARY: "ordinary",
  LARGER: "larger",
  MAJOR: "major",
  EXTRAORDINARY: "extraordinary",
};

/** Whole calendar months from `from` to `to` (addMonths(from, n) <= to), 0 when to < from. */
function wholeMonths(from: string, to: string): number {
  if (to < from) return 0;
  let n =
    (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + (Number(to.slice(5, 7)) - Number(from.slice(5, 7)));
  while (n > 0 && addMonths(from, n) > to) n--;
  return n;
}

function hiddenDangerItem(rules: RuleSet, input: DistanceInput): DistanceItem {
  const c = hiddenDangerCounts(rules, input.dangers, input.asOf);
  const fired = hiddenDangersFire(c);
  // Regulator findings still needed: regulator > self-reported and regulator >= 1.
  const more = fired ? 0 : Math.max(c.selfReported + 1, 1) - c.regulator;
  const status: DistanceStatus = fired ? "FIRED" : more <= CLOSE_DANGERS && c.regulator >= 1 ? "CLOSE" : "OK";
  return {
    trigger: "HIDDEN_DANGERS",
    status,
    detail: {
      regulator: c.regulator,
      selfReported: c.selfReported,
      moreRegulatorFindingsToFire: more,
      windowMonths: c.windowMonths,
      windowStart: c.windowStart,
      windowEnd: c.windowEnd,
    },
  };
}

function accidentItem(rules: RuleSet, input: DistanceInput): DistanceItem {
  const { asOf } = input;
  const fatal = input.accidents
    .filter((a) => a.deaths > 0 && a.occurredOn <= asOf)
    .sort((a, b) => (a.occurredOn < b.occurredOn ? -1 : a.occurredOn > b.occurredOn ? 1 : 0));
  const last = fatal[fatal.length - 1] ?? null;
  const detail: Record<string, number | string | null> = {
    lastFatalOn: last?.occurredOn ?? null,
    lastFatalDeaths: last?.deaths ?? null,
    daysSinceLastFatal: last ? daysBetween(last.occurredOn, asOf) : null,
  };
  const facts: VetoFacts = { accidents: fatal, failedLevel1AssessmentsOn: [], decisionsOn: [] };
  let excludedUntil: string | null = null;
  for (const veto of rules.vetoes.filter((v) => v.level === 1 && v.kind === "FATAL_ACCIDENT")) {
    const key = veto.accidentClass === null ? "anyFatal" : CLASS_KEY[veto.accidentClass];
    const events = vetoEvents(veto, facts, asOf);
    const latest = events[events.length - 1] ?? null;
    detail[`${key}WindowMonths`] = veto.windowMonths;
    detail[`${key}VetoUntil`] = latest?.until ?? null;
    detail[`${key}DaysLeft`] = latest ? daysBetween(asOf, latest.until) : null;
    if (latest && (excludedUntil === null || latest.until > excludedUntil)) excludedUntil = latest.until;
  }
  detail.level1ExcludedUntil = excludedUntil;
  detail.daysUntilLevel1Possible = excludedUntil === null ? 0 : daysBetween(asOf, excludedUntil);
  return { trigger: "FATAL_ACCIDENT", status: excludedUntil === null ? "OK" : "FIRED", detail };
}

function stoppedItem(rules: RuleSet, input: DistanceInput): DistanceItem {
  const { asOf } = input;
  const stoppage = stoppageOn(input.statusPeriods, asOf);
  const limitMonths = rules.stoppedMonthsLimit;
  if (stoppage === null) {
    return {
      trigger: "PRODUCTION_STOPPED",
      status: "OK",
      detail: {
        stoppedSince: null,
        daysStopped: 0,
        monthsStopped: 0,
        limitMonths,
        firesOn: null,
        daysUntilFires: null,
      },
    };
  }
  const firesOn = stoppageFiresOn(stoppage.since, limitMonths);
  const daysUntilFires = Math.max(0, daysBetween(asOf, firesOn));
  const status: DistanceStatus = asOf >= firesOn ? "FIRED" : daysUntilFires <= CLOSE_DAYS ? "CLOSE" : "OK";
  return {
    trigger: "PRODUCTION_STOPPED",
    status,
    detail: {
      stoppedSince: stoppage.since,
      daysStopped: daysBetween(stoppage.since, asOf),
      monthsStopped: wholeMonths(stoppage.since, asOf),
      limitMonths,
      firesOn,
      daysUntilFires,
    },
  };
}

function slideItem(lowestPart: NonNullable<DistanceInput["lowestPart"]>): DistanceItem {
  const margin = lowestPart.score === null ? null : diff(lowestPart.score, lowestPart.floor);
  const status: DistanceStatus = margin === null || margin < 0 ? "FIRED" : margin <= CLOSE_POINTS ? "CLOSE" : "OK";
  return {
    trigger: "MANAGEMENT_SLIDE",
    status,
    detail: { partCode: lowestPart.code, score: lowestPart.score, floor: lowestPart.floor, margin },
  };
}

/**
 * How far a graded mine is from each downgrade/revocation trigger on `asOf`, most urgent first
 * (FIRED, then CLOSE, then OK; ties in the order HIDDEN_DANGERS, FATAL_ACCIDENT, PRODUCTION_STOPPED,
 * MANAGEMENT_SLIDE). An ungraded mine (level null) has nothing to lose: no items.
 *
 * - HIDDEN_DANGERS: regulator and self-reported counts in the rule set's window (asOf − window, asOf]
 *   (see hiddenDangerCounts) and moreRegulatorFindingsToFire = max(selfReported + 1, 1) − regulator.
 *   FIRED when the trigger fires; CLOSE when CLOSE_DANGERS (1) more regulator finding would fire it
 *   and the regulator has already found at least one in the window (a window with no finding at all
 *   is OK even though one finding would fire it); OK otherwise.
 * - FATAL_ACCIDENT: days since the last fatal accident on or before asOf and, for each Level-1
 *   FATAL_ACCIDENT veto of the rule set (keys `<class>WindowMonths`, `<class>VetoUntil`,
 *   `<class>DaysLeft`, class ordinary / larger / major / extraordinary, or anyFatal for a veto
 *   without class), the end of that veto. Any fatal accident fires the accident trigger, so there is
 *   no CLOSE: FIRED while a fatal accident is still inside its Level-1 veto window (Level 1 excluded
 *   until level1ExcludedUntil), OK otherwise.
 * - PRODUCTION_STOPPED: the STOPPED run containing asOf (see stoppageOn), days and whole months
 *   stopped against the rule set's limit, and firesOn = addMonths(since, limit) + 1 day. FIRED on or
 *   after firesOn; CLOSE when firesOn is at most CLOSE_DAYS (30) days away; OK otherwise or when not stopped.
 * - MANAGEMENT_SLIDE: margin = lowestPart.score − lowestPart.floor. FIRED below the floor or when the
 *   part has no score (not assessed counts as missed, as in the engine); CLOSE when
 *   0 <= margin <= CLOSE_POINTS (3); OK above. Left out when lowestPart is null (no sheet to compare).
 *
 * Throws RangeError for a malformed date or a non-positive window/limit in the rule set.
 */
export function distanceToDowngrade(rules: RuleSet, input: DistanceInput): { items: DistanceItem[] } {
  const hidden = hiddenDangerItem(rules, input); // validates asOf and the dates of the dangers
  if (input.level === null) return { items: [] };
  const items = [hidden, accidentItem(rules, input), stoppedItem(rules, input)];
  if (input.lowestPart !== null) items.push(slideItem(input.lowestPart));
  items.sort(
    (a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status] || TRIGGER_RANK[a.trigger] - TRIGGER_RANK[b.trigger],
  );
  return { items };
}

/**
 * The part floor of `level` with the smallest margin (a part with no score first, as it counts as
 * missed; ties: rule-set order of the thresholds), as distanceToDowngrade's lowestPart; null when the
 * level has no part floor or level is null.
 */
export function weakestPartFloor(
  rules: RuleSet,
  level: Level | null,
  parts: Pick<PartResult, "code" | "score">[],
): { code: string; score: number | null; floor: number } | null {
  if (level === null) return null;
  let best: { code: string; score: number | null; floor: number; margin: number } | null = null;
  for (const t of rules.thresholds) {
    if (t.level !== level || t.partCode === null) continue;
    const score = parts.find((p) => p.code === t.partCode)?.score ?? null;
    const margin = score === null ? Number.NEGATIVE_INFINITY : score - t.minScore;
    if (best === null || margin < best.margin) best = { code: t.partCode, score, floor: t.minScore, margin };
  }
  return best === null ? null : { code: best.code, score: best.score, floor: best.floor };
}
