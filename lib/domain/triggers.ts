// Dynamic-management triggers (domain.md "Dynamic management: downgrade and revocation"): pure
// functions, events in, proposed decisions out. No I/O and no clock: the caller passes `asOf`.
// Every parameter a regulator may change (the hidden-danger window, the stoppage limit, and what each
// trigger does to a grade: RuleSet.consequences, resolved by consequences.ts for the mine's province)
// is read from the RuleSet; accident classes come from rules.ts (accidentClass).
//
// Conventions shared by every trigger:
// - Dates are "YYYY-MM-DD" calendar dates; a malformed date throws RangeError.
// - A grade is in force on D when announcedOn <= D < validUntil (product.md). A trigger only
//   proposes a decision against a grade that is in force on the date of the event (the accident,
//   the spot-check) or on `asOf` (hidden dangers, stoppage); otherwise it returns null.
// - A trigger returns null when it does not fire. A decision it proposes is a proposal: an
//   authorised official confirms it, and applyDecision then computes the change to the grades.
// - triggerKey is the idempotency key stored in Decision.triggerKey (unique): the same events give
//   the same key, so re-running a trigger never proposes the same decision twice.
import { accidentClass, LEVELS, type AccidentClass, type ConsequenceTrigger, type Level, type RuleSet } from "./rules";
import {
  accidentConsequenceTrigger,
  consequenceOf,
  grantedAtOrBelow,
  type Consequence,
  type ConsequencePlace,
} from "./consequences";
import { addMonths, type GradeResult, type Reason } from "./grading";
import { daysBetween, dateValue, isIsoDate, isoDate } from "./dates";
import { isInForce } from "./grade-validity";
// The schema's enums (plain constants, no client): the domain speaks the database's values.
import type { DecisionReason, DecisionType, HiddenDangerSource, ProductionStatus } from "../generated/prisma/enums";

export type { DecisionReason, DecisionType, HiddenDangerSource, ProductionStatus };
export type { ConsequencePlace };

export interface ProposedDecision {
  triggerKey: string;
  reason: DecisionReason;
  type: DecisionType;
  fromLevel: Level;
  /** The level after a downgrade; null for a revocation. */
  toLevel: Level | null;
  /** The effective date the rules give (the event's date), or null when the official sets it. */
  effectiveOn: string | null;
  /** JSON-serialisable facts that made the trigger fire (stored in Decision.evidence). */
  evidence: Record<string, unknown>;
}

export interface CurrentGrade {
  id: number;
  level: Level;
  announcedOn: string;
  validUntil: string;
}

export interface HiddenDangerFact {
  foundOn: string;
  source: HiddenDangerSource;
}

/** One period of a production status: startedOn <= D < endedOn; open when endedOn is null (MineStatusPeriod). */
export interface StatusPeriod {
  status: ProductionStatus;
  startedOn: string;
  endedOn: string | null;
}

// ---------------------------------------------------------------------------------------------
// Dates

function assertDate(value: string, what: string): void {
  if (typeof value !== "string" || !isIsoDate(value)) {
    throw new RangeError(`${what} is not a YYYY-MM-DD date: ${value}`);
  }
}

/** `date` plus `days` calendar days (may be negative). */
export function addDays(date: string, days: number): string {
  assertDate(date, "date");
  if (!Number.isInteger(days)) throw new RangeError(`Days must be an integer: ${days}`);
  return isoDate(new Date(dateValue(date).getTime() + days * 86_400_000));
}

function assertGrade(grade: CurrentGrade): void {
  assertDate(grade.announcedOn, "grade.announcedOn");
  assertDate(grade.validUntil, "grade.validUntil");
}

/** The engine's grade is the one in force (not ended by a decision), so the rule is isInForce's with no end date. */
export function gradeInForceOn(grade: CurrentGrade, date: string): boolean {
  return isInForce({ ...grade, endedOn: null }, date);
}

/** The row of the consequence table that decided, as stored in a proposal's evidence. */
function consequenceEvidence(c: Consequence, trigger: ConsequenceTrigger) {
  return {
    trigger,
    provinceCode: c.provinceCode,
    source: c.source,
    status: c.status,
    notGranted: c.notGranted,
  };
}

function positiveMonths(value: number, what: string): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${what} must be a positive integer: ${value}`);
  return value;
}

// ---------------------------------------------------------------------------------------------
// Fatal accident

/**
 * A fatal accident during the grade: the rule version's consequence for the accident's class and the
 * grade's level, in the mine's province (consequences.ts; e.g. 2020: Level 1 → Level 3 after an
 * ordinary accident, revoked in Shanxi; larger or worse revokes). Where the row says so, the decision
 * takes effect from the accident date (effectiveOn). Null when nobody died, when the grade was not in
 * force on the accident date (before its announcement, or on/after validUntil), or when the table has
 * no row for the case. triggerKey `ACCIDENT:<accidentId>:GRADE:<gradeId>`.
 */
export function accidentTrigger(
  rules: RuleSet,
  grade: CurrentGrade,
  accident: { id: number; occurredOn: string; deaths: number },
  place: ConsequencePlace,
): ProposedDecision | null {
  assertGrade(grade);
  assertDate(accident.occurredOn, "accident.occurredOn");
  if (!Number.isInteger(accident.deaths) || accident.deaths < 0) {
    throw new RangeError(`Deaths must be a non-negative integer: ${accident.deaths}`);
  }
  const cls = accidentClass(accident.deaths);
  if (cls === null) return null;
  if (!gradeInForceOn(grade, accident.occurredOn)) return null;
  const trigger = accidentConsequenceTrigger(cls);
  const consequence = consequenceOf(rules, place, grade.level, trigger);
  if (consequence === null) return null;
  const toLevel = consequence.toLevel;
  return {
    triggerKey: `ACCIDENT:${accident.id}:GRADE:${grade.id}`,
    reason: "FATAL_ACCIDENT",
    type: toLevel === null ? "REVOCATION" : "DOWNGRADE",
    fromLevel: grade.level,
    toLevel,
    effectiveOn: consequence.effectiveFromEvent ? accident.occurredOn : null,
    evidence: {
      accidentId: accident.id,
      occurredOn: accident.occurredOn,
      deaths: accident.deaths,
      accidentClass: cls satisfies AccidentClass,
      consequence: consequenceEvidence(consequence, trigger),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Hidden dangers

export interface HiddenDangerCounts {
  regulator: number;
  selfReported: number;
  windowMonths: number;
  /** First day counted: addMonths(asOf, −windowMonths) + 1 day. */
  windowStart: string;
  /** Last day counted: asOf. */
  windowEnd: string;
}

/**
 * Major hidden dangers found in the window (asOf − windowMonths, asOf], i.e. windowStart <= foundOn <= asOf,
 * by source. A danger found after asOf is not counted.
 */
export function hiddenDangerCounts(rules: RuleSet, dangers: HiddenDangerFact[], asOf: string): HiddenDangerCounts {
  assertDate(asOf, "asOf");
  const windowMonths = positiveMonths(rules.hiddenDangerWindowMonths, "hiddenDangerWindowMonths");
  const windowStart = addDays(addMonths(asOf, -windowMonths), 1);
  let regulator = 0;
  let selfReported = 0;
  for (const d of dangers) {
    assertDate(d.foundOn, "danger.foundOn");
    if (d.foundOn < windowStart || d.foundOn > asOf) continue;
    if (d.source === "REGULATOR") regulator++;
    else if (d.source === "SELF_REPORTED") selfReported++;
  }
  return { regulator, selfReported, windowMonths, windowStart, windowEnd: asOf };
}

/** The hidden-danger rule: regulator-found dangers outnumber self-reported ones, and there is at least one. */
export function hiddenDangersFire(counts: { regulator: number; selfReported: number }): boolean {
  return counts.regulator >= 1 && counts.regulator > counts.selfReported;
}

/**
 * Major hidden dangers found by regulators in the last `rules.hiddenDangerWindowMonths` months
 * outnumber those the mine reported itself (domain.md): the rule version's HIDDEN_DANGERS consequence
 * (shipped: one level down, Level 3 revoked). Counts both sources with foundOn in (asOf − window, asOf].
 * Where the row says the decision takes effect from the event, effectiveOn is the latest regulator
 * finding in the window. Null when the grade is not in force on asOf or the table has no row.
 * triggerKey `HIDDEN_DANGERS:GRADE:<gradeId>:<YYYY-MM of asOf>`: at most one proposal per grade per month.
 */
export function hiddenDangerTrigger(
  rules: RuleSet,
  grade: CurrentGrade,
  dangers: HiddenDangerFact[],
  asOf: string,
  place: ConsequencePlace,
): ProposedDecision | null {
  assertGrade(grade);
  const counts = hiddenDangerCounts(rules, dangers, asOf);
  if (!gradeInForceOn(grade, asOf)) return null;
  if (!hiddenDangersFire(counts)) return null;
  const consequence = consequenceOf(rules, place, grade.level, "HIDDEN_DANGERS");
  if (consequence === null) return null;
  const toLevel = consequence.toLevel;
  const lastFinding = dangers
    .filter((d) => d.source === "REGULATOR" && d.foundOn >= counts.windowStart && d.foundOn <= asOf)
    .reduce((max, d) => (d.foundOn > max ? d.foundOn : max), counts.windowStart);
  return {
    triggerKey: `HIDDEN_DANGERS:GRADE:${grade.id}:${asOf.slice(0, 7)}`,
    reason: "HIDDEN_DANGERS",
    type: toLevel === null ? "REVOCATION" : "DOWNGRADE",
    fromLevel: grade.level,
    toLevel,
    effectiveOn: consequence.effectiveFromEvent ? lastFinding : null,
    evidence: {
      regulatorCount: counts.regulator,
      selfReportedCount: counts.selfReported,
      windowMonths: counts.windowMonths,
      windowStart: counts.windowStart,
      windowEnd: counts.windowEnd,
      consequence: consequenceEvidence(consequence, "HIDDEN_DANGERS"),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Production stopped

/** A continuous stoppage: since <= D < until (until null = still stopped as far as the periods say). */
export interface Stoppage {
  since: string;
  until: string | null;
}

/**
 * The continuous stoppage the mine is in on `asOf`, or null when its status on asOf is not STOPPED.
 * Only STOPPED counts: NORMAL_CONSTRUCTION is not a stoppage, and ANNOUNCED_CLOSURE / CLOSED are
 * handled by the closure process, not by this trigger. STOPPED periods that touch or overlap
 * (one starts on or before the day the previous one ends) merge into one stoppage.
 */
export function stoppageOn(statusPeriods: StatusPeriod[], asOf: string): Stoppage | null {
  assertDate(asOf, "asOf");
  const stopped: StatusPeriod[] = [];
  for (const p of statusPeriods) {
    assertDate(p.startedOn, "period.startedOn");
    if (p.endedOn !== null) {
      assertDate(p.endedOn, "period.endedOn");
      if (p.endedOn < p.startedOn) throw new RangeError(`Period ends before it starts: ${p.startedOn}–${p.endedOn}`);
    }
    if (p.status === "STOPPED") stopped.push(p);
  }
  stopped.sort((a, b) => (a.startedOn < b.startedOn ? -1 : a.startedOn > b.startedOn ? 1 : 0));
  const runs: Stoppage[] = [];
  for (const p of stopped) {
    const last = runs[runs.length - 1];
    if (last && (last.until === null || p.startedOn <= last.until)) {
      if (last.until !== null && (p.endedOn === null || p.endedOn > last.until)) last.until = p.endedOn;
    } else {
      runs.push({ since: p.startedOn, until: p.endedOn });
    }
  }
  return runs.find((r) => r.since <= asOf && (r.until === null || asOf < r.until)) ?? null;
}

/** The first day on which a stoppage since `since` is MORE than `limitMonths` months long: addMonths(since, limit) + 1 day. */
export function stoppageFiresOn(since: string, limitMonths: number): string {
  return addDays(addMonths(since, positiveMonths(limitMonths, "stoppedMonthsLimit")), 1);
}

/**
 * Production stopped for more than `rules.stoppedMonthsLimit` months (domain.md): the rule version's
 * PRODUCTION_STOPPED consequence (shipped: revoked; the mine re-applies when it resumes). Where the row
 * says so, the decision takes effect on the day the limit was passed (firesOn). Fires when the mine's status on asOf is STOPPED (see stoppageOn for what
 * counts and how periods merge) continuously since S and asOf >= addMonths(S, limit) + 1 day. The
 * stoppage may have begun before the grade was announced; the grade must be in force on asOf.
 * triggerKey `STOPPED:<S>:GRADE:<gradeId>`: one proposal per stoppage and grade.
 */
export function stoppedTrigger(
  rules: RuleSet,
  grade: CurrentGrade,
  statusPeriods: StatusPeriod[],
  asOf: string,
  place: ConsequencePlace,
): ProposedDecision | null {
  assertGrade(grade);
  const stoppage = stoppageOn(statusPeriods, asOf);
  if (stoppage === null || !gradeInForceOn(grade, asOf)) return null;
  const firesOn = stoppageFiresOn(stoppage.since, rules.stoppedMonthsLimit);
  if (asOf < firesOn) return null;
  const consequence = consequenceOf(rules, place, grade.level, "PRODUCTION_STOPPED");
  if (consequence === null) return null;
  const toLevel = consequence.toLevel;
  return {
    triggerKey: `STOPPED:${stoppage.since}:GRADE:${grade.id}`,
    reason: "PRODUCTION_STOPPED",
    type: toLevel === null ? "REVOCATION" : "DOWNGRADE",
    fromLevel: grade.level,
    toLevel,
    effectiveOn: consequence.effectiveFromEvent && firesOn >= grade.announcedOn ? firesOn : null,
    evidence: {
      stoppedSince: stoppage.since,
      asOf,
      daysStopped: daysBetween(stoppage.since, asOf),
      stoppedMonthsLimit: rules.stoppedMonthsLimit,
      firesOn,
      consequence: consequenceEvidence(consequence, "PRODUCTION_STOPPED"),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Management slide

type MissedReason = Extract<Reason, { code: "THRESHOLD_MISSED" | "PART_NOT_ASSESSED" }>;
type VetoReason = Extract<Reason, { code: "VETO" }>;

/**
 * A spot-check or re-review finds the mine no longer meets its level (管理滑坡): when the engine's
 * level for the spot-check sheet (result.level, computed by the caller with computeGrade, veto facts
 * included if the caller passes them) is worse than the grade's level, the grade is downgraded to
 * result.level, or revoked when result.level is null (below Level 3). Equal or better: null. Null too
 * when the grade was not in force on the check date. A level the province does not grant becomes the
 * next worse level it grants, or revocation. The official sets the effective date (effectiveOn null).
 * triggerKey `SPOT_CHECK:<spotCheckId>`.
 * Evidence: total, parts, level, levelsByScore, and the missed thresholds and vetoes of result.reasons
 * at the grade's level and below it (levels better than the grade's are irrelevant).
 */
export function managementSlideTrigger(
  grade: CurrentGrade,
  spotCheck: { id: number; checkedOn: string },
  result: GradeResult,
  place: ConsequencePlace,
): ProposedDecision | null {
  assertGrade(grade);
  assertDate(spotCheck.checkedOn, "spotCheck.checkedOn");
  if (!gradeInForceOn(grade, spotCheck.checkedOn)) return null;
  if (result.level !== null && result.level <= grade.level) return null;
  const toLevel = result.level === null ? null : grantedAtOrBelow(result.level, place.grantedLevels);
  const missed = result.reasons.filter(
    (r): r is MissedReason =>
      (r.code === "THRESHOLD_MISSED" || r.code === "PART_NOT_ASSESSED") && r.level >= grade.level,
  );
  const vetoes = result.reasons.filter((r): r is VetoReason => r.code === "VETO" && r.level >= grade.level);
  return {
    triggerKey: `SPOT_CHECK:${spotCheck.id}`,
    reason: "MANAGEMENT_SLIDE",
    type: toLevel === null ? "REVOCATION" : "DOWNGRADE",
    fromLevel: grade.level,
    toLevel,
    effectiveOn: null,
    evidence: {
      spotCheckId: spotCheck.id,
      checkedOn: spotCheck.checkedOn,
      total: result.total,
      parts: result.parts.map((p) => ({ code: p.code, score: p.score })),
      level: result.level,
      levelsByScore: result.levelsByScore,
      missed,
      vetoes,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Confirming a decision

export type DecisionErrorCode =
  "EFFECTIVE_BEFORE_ANNOUNCEMENT" | "EFFECTIVE_AFTER_VALIDITY" | "NOT_LOWER" | "TYPE_MISMATCH";

/** Thrown by applyDecision when the decision cannot apply to the grade; `code` is stable for messages. */
export class DecisionError extends Error {
  readonly code: DecisionErrorCode;
  constructor(code: DecisionErrorCode, message: string) {
    super(message);
    this.name = "DecisionError";
    this.code = code;
  }
}

/**
 * What confirming a decision does to the grades: the current grade ends on effectiveOn (its endedOn;
 * it is in force up to the day before); a downgrade starts a grade of toLevel on effectiveOn that keeps
 * the OLD validUntil (a downgrade does not extend the validity); a revocation starts none.
 *
 * Throws RangeError for a malformed date, and DecisionError when effectiveOn is before announcedOn
 * (EFFECTIVE_BEFORE_ANNOUNCEMENT) or on/after validUntil (EFFECTIVE_AFTER_VALIDITY: the grade has
 * already lapsed), when a downgrade's toLevel is null or not worse than the grade's level (NOT_LOWER,
 * e.g. Level 2 → Level 2 or → Level 1), or when a revocation carries a toLevel (TYPE_MISMATCH).
 */
export function applyDecision(
  grade: CurrentGrade,
  decision: { type: DecisionType; toLevel: Level | null; effectiveOn: string },
): { endCurrentOn: string; newGrade: { level: Level; announcedOn: string; validUntil: string } | null } {
  assertGrade(grade);
  assertDate(decision.effectiveOn, "decision.effectiveOn");
  const { type, toLevel, effectiveOn } = decision;
  if (effectiveOn < grade.announcedOn) {
    throw new DecisionError(
      "EFFECTIVE_BEFORE_ANNOUNCEMENT",
      `Effective date ${effectiveOn} is before the grade's announcement ${grade.announcedOn}`,
    );
  }
  if (effectiveOn >= grade.validUntil) {
    throw new DecisionError(
      "EFFECTIVE_AFTER_VALIDITY",
      `Effective date ${effectiveOn} is not before the grade's valid-until date ${grade.validUntil}`,
    );
  }
  if (type === "REVOCATION") {
    if (toLevel !== null) throw new DecisionError("TYPE_MISMATCH", `A revocation has no level (got ${toLevel})`);
    return { endCurrentOn: effectiveOn, newGrade: null };
  }
  if (type !== "DOWNGRADE") throw new DecisionError("TYPE_MISMATCH", `Unknown decision type: ${String(type)}`);
  if (toLevel === null || !LEVELS.includes(toLevel) || !(toLevel > grade.level)) {
    throw new DecisionError("NOT_LOWER", `A downgrade must go below Level ${grade.level} (got ${toLevel})`);
  }
  return {
    endCurrentOn: effectiveOn,
    newGrade: { level: toLevel, announcedOn: effectiveOn, validUntil: grade.validUntil },
  };
}
