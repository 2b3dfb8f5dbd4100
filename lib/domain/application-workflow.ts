// Grading applications (domain.md "Who grades, and the procedure"): the state machine, who may take
// each step, the public-notice calendar and the level an assessment results in. Pure functions, no
// I/O and no clock: the caller passes `today` and the facts it has read.
//
// DRAFT → SUBMITTED → INITIAL_REVIEW_PASSED → ASSESSED → PUBLIC_NOTICE → ANNOUNCED
// REJECTED from SUBMITTED, INITIAL_REVIEW_PASSED, ASSESSED or PUBLIC_NOTICE;
// WITHDRAWN (by the mine's manager) from DRAFT, SUBMITTED, INITIAL_REVIEW_PASSED or ASSESSED.
// A direct extension (直接延期) of a Level 1 grade skips the assessment:
// SUBMITTED → INITIAL_REVIEW_PASSED → PUBLIC_NOTICE → ANNOUNCED.
import { addMonths, vetoEvents, type VetoFacts } from "./grading";
import { LEVELS, type Level, type RuleVeto } from "./rules";
import { addWorkingDays, assertDate, NO_CALENDAR, uncoveredYears, type WorkingCalendar } from "./working-days";
// The schema's enums (plain constants, no client): the domain speaks the database's values.
import { ApplicationKind, ApplicationState, type AuthorityKind, type Role } from "../generated/prisma/enums";
import {
  actsFor,
  gradingBody,
  handlingLevel,
  levelAuthority,
  reviewingBody,
  type Actor,
  type AuthorityConfig,
  type Body,
  type MinePlace,
} from "./authority-config";
import { grantedAtOrBelow } from "./consequences";

export type { ApplicationKind, ApplicationState, AuthorityKind, Role };
export const APPLICATION_STATES = Object.values(ApplicationState);
export const APPLICATION_KINDS = Object.values(ApplicationKind);

/** States in which an application is still being processed: a mine has at most one such application. */
export const OPEN_STATES: readonly ApplicationState[] = [
  "SUBMITTED",
  "INITIAL_REVIEW_PASSED",
  "ASSESSED",
  "PUBLIC_NOTICE",
];

export type Step = "SUBMIT" | "PASS_REVIEW" | "REJECT" | "ASSESS" | "START_NOTICE" | "ANNOUNCE" | "WITHDRAW";
/** Everything someone may do to an application: the steps, and resolving an objection (no state change by itself). */
export type Act = Step | "RESOLVE_OBJECTION";

export const STEPS: Record<Step, { from: readonly ApplicationState[]; to: ApplicationState }> = {
  SUBMIT: { from: ["DRAFT"], to: "SUBMITTED" },
  PASS_REVIEW: { from: ["SUBMITTED"], to: "INITIAL_REVIEW_PASSED" },
  REJECT: { from: ["SUBMITTED", "INITIAL_REVIEW_PASSED", "ASSESSED", "PUBLIC_NOTICE"], to: "REJECTED" },
  ASSESS: { from: ["INITIAL_REVIEW_PASSED"], to: "ASSESSED" },
  START_NOTICE: { from: ["ASSESSED"], to: "PUBLIC_NOTICE" },
  ANNOUNCE: { from: ["PUBLIC_NOTICE"], to: "ANNOUNCED" },
  WITHDRAW: { from: ["DRAFT", "SUBMITTED", "INITIAL_REVIEW_PASSED", "ASSESSED"], to: "WITHDRAWN" },
};

/** A direct extension has no assessment: the grading body puts it under notice after the initial review. */
export const EXTENSION_STEPS: Record<Step, { from: readonly ApplicationState[]; to: ApplicationState }> = {
  ...STEPS,
  ASSESS: { from: [], to: "ASSESSED" },
  START_NOTICE: { from: ["INITIAL_REVIEW_PASSED"], to: "PUBLIC_NOTICE" },
  REJECT: { from: ["SUBMITTED", "INITIAL_REVIEW_PASSED", "PUBLIC_NOTICE"], to: "REJECTED" },
  WITHDRAW: { from: ["DRAFT", "SUBMITTED", "INITIAL_REVIEW_PASSED"], to: "WITHDRAWN" },
};

/** The state a step leads to from `from`, or null when the step is not possible in that state (for that kind). */
export function nextState(
  from: ApplicationState,
  step: Step,
  kind: ApplicationKind = "GRADING",
): ApplicationState | null {
  const steps = kind === "DIRECT_EXTENSION" ? EXTENSION_STEPS : STEPS;
  return steps[step].from.includes(from) ? steps[step].to : null;
}

// ---------------------------------------------------------------------------------------------
// Who may act (authority-config.ts: the configuration per province and level)

export type { Actor, Body, MinePlace };
export { actsFor, gradingBody, handlingLevel, reviewingBody };

/** The configuration rows that apply to the mine: national defaults and its province's rows. */
export type GradingConfig = AuthorityConfig;

/** An application as far as who acts on it: its state, the level applied for and, once assessed, the result. */
export interface AppRef {
  state: ApplicationState;
  /** GRADING when absent. */
  kind?: ApplicationKind;
  appliedLevel: Level;
  resultLevel?: number | null;
}

/**
 * Who is responsible for an act on an application in `state`: the mine's manager or a body (null when
 * the configuration names none). The reviewer of the applied level reviews and turns back at review;
 * the grader of the applied level assesses; afterwards the grader of the level the application is
 * handled at (handlingLevel: a mine that missed the level applied for goes to the lower level's grader).
 */
export function responsibleFor(act: Act, app: AppRef, mine: MinePlace, config: GradingConfig): "MANAGER" | Body | null {
  switch (act) {
    case "SUBMIT":
    case "WITHDRAW":
      return "MANAGER";
    case "PASS_REVIEW":
      return reviewingBody(app.appliedLevel, mine, config);
    case "ASSESS":
      return gradingBody(app.appliedLevel, mine, config);
    case "REJECT":
      if (app.state === "SUBMITTED") return reviewingBody(app.appliedLevel, mine, config);
      return gradingBody(handlingLevel(app, mine, config), mine, config);
    case "START_NOTICE":
    case "ANNOUNCE":
    case "RESOLVE_OBJECTION":
      return gradingBody(handlingLevel(app, mine, config), mine, config);
  }
}

/** Whether `actor` is the one who may take `act` on the application (its state is checked separately). */
export function mayAct(
  actor: Actor,
  act: Act,
  app: AppRef & { mineId: number },
  mine: MinePlace,
  config: GradingConfig,
): boolean {
  const who = responsibleFor(act, app, mine, config);
  if (who === "MANAGER") return actor.role === "MINE_MANAGER" && actor.mineId === app.mineId;
  return actsFor(actor, who);
}

/**
 * The acts `actor` may take now: the state allows the step and the actor is responsible for it.
 * RESOLVE_OBJECTION is listed while an objection is open; ANNOUNCE only once the notice has ended and
 * no objection is open (see announceBlocker).
 */
export function availableActs(
  actor: Actor,
  app: AppRef & {
    mineId: number;
    noticeEndsOn: string | null;
    openObjections: number;
  },
  mine: MinePlace,
  config: GradingConfig,
  today: string,
): Act[] {
  const acts: Act[] = [];
  for (const step of Object.keys(STEPS) as Step[]) {
    if (step === "SUBMIT") continue;
    if (nextState(app.state, step, app.kind) === null) continue;
    if (step === "ANNOUNCE" && announceBlocker(app, today) !== null) continue;
    if (mayAct(actor, step, app, mine, config)) acts.push(step);
  }
  if (app.state === "PUBLIC_NOTICE" && app.openObjections > 0 && mayAct(actor, "RESOLVE_OBJECTION", app, mine, config))
    acts.push("RESOLVE_OBJECTION");
  return acts;
}

// ---------------------------------------------------------------------------------------------
// Applying

/** A grade of the same or a lower level may be re-applied for only when it ends within this many months (复查). */
export const REGRADE_WINDOW_MONTHS = 6;

export type ApplyProblem = "OPEN_APPLICATION" | "ALREADY_GRADED" | "SELF_ASSESSMENT_BELOW_LEVEL";

/**
 * Whether a mine may apply for `appliedLevel` today. One application at a time. A mine may always
 * apply for a better level than the grade in force (an upgrade); for the same or a worse level only
 * when that grade ends within REGRADE_WINDOW_MONTHS (the re-review before expiry). The mine's own
 * self-assessment (engine level, vetoes included) must reach the level applied for.
 */
export function applyProblem(input: {
  appliedLevel: Level;
  today: string;
  hasOpenApplication: boolean;
  currentGrade: { level: Level; endsOn: string } | null;
  selfAssessedLevel: Level | null;
}): ApplyProblem | null {
  const { appliedLevel, today, currentGrade, selfAssessedLevel } = input;
  if (input.hasOpenApplication) return "OPEN_APPLICATION";
  if (
    currentGrade &&
    appliedLevel >= currentGrade.level &&
    addMonths(today, REGRADE_WINDOW_MONTHS) < currentGrade.endsOn
  )
    return "ALREADY_GRADED";
  if (selfAssessedLevel === null || selfAssessedLevel > appliedLevel) return "SELF_ASSESSMENT_BELOW_LEVEL";
  return null;
}

export type ExtensionProblem =
  | "EXTENSION_NOT_PROVIDED"
  | "OPEN_APPLICATION"
  | "NOT_LEVEL_1"
  | "TOO_EARLY"
  | "VETO_EVENT"
  | "SPOT_CHECK_BELOW_LEVEL_1";

/**
 * Whether a mine may have its Level 1 grade extended directly (直接延期, rules-evidence.md [H][J]) today:
 * the rule version provides it (directExtension); the mine holds Level 1 today and that grade ends
 * within directExtensionWindowMonths; no Level 1 veto event (fatal accident, failed Level 1 assessment,
 * confirmed decision) happened while the grade was in force, nor does one still veto Level 1 today; and
 * no spot-check since the grade started fell below Level 1 (a null level: below Level 3).
 */
export function directExtensionProblem(input: {
  rules: { directExtension: boolean; directExtensionWindowMonths: number; vetoes: readonly RuleVeto[] };
  today: string;
  hasOpenApplication: boolean;
  currentGrade: { level: Level; announcedOn: string; endsOn: string } | null;
  facts: VetoFacts;
  /** The levels the mine's spot-checks reached, each with its date. */
  spotChecks: readonly { checkedOn: string; level: number | null }[];
}): ExtensionProblem | null {
  const { rules, today, currentGrade: grade, facts } = input;
  if (!rules.directExtension) return "EXTENSION_NOT_PROVIDED";
  if (input.hasOpenApplication) return "OPEN_APPLICATION";
  if (!grade || grade.level !== 1) return "NOT_LEVEL_1";
  if (addMonths(today, rules.directExtensionWindowMonths) < grade.endsOn) return "TOO_EARLY";
  const during = (on: string) => grade.announcedOn <= on && on <= today;
  if (
    facts.accidents.some((a) => a.deaths > 0 && during(a.occurredOn)) ||
    facts.failedLevel1AssessmentsOn.some(during) ||
    // A confirmed decision since the grade started, even one taking effect later, ends or lowers it.
    facts.decisionsOn.some((on) => grade.announcedOn <= on) ||
    rules.vetoes.some((v) => v.level === 1 && vetoEvents(v, facts, today).length > 0)
  )
    return "VETO_EVENT";
  if (input.spotChecks.some((c) => during(c.checkedOn) && (c.level === null || c.level > 1)))
    return "SPOT_CHECK_BELOW_LEVEL_1";
  return null;
}

/**
 * The extended grade starts on the day after the current one's last day, that is on its (exclusive)
 * end, and is valid for `validityYears` from there: the two grades touch and never overlap.
 */
export function extendedGradePeriod(
  currentEnd: string,
  validityYears: number,
): { startsOn: string; validUntil: string } {
  return { startsOn: currentEnd, validUntil: gradeValidUntil(currentEnd, validityYears) };
}

export function isLevel(value: unknown): value is Level {
  return typeof value === "number" && (LEVELS as readonly number[]).includes(value);
}

// ---------------------------------------------------------------------------------------------
// Assessment result

/**
 * The level an assessment grants: the engine's level of the assessed scores (vetoes included),
 * capped at the level applied for, since a mine is never granted more than it asked for. A mine that
 * misses the level applied for gets the level its scores reach (domain.md). Null: no level reached.
 */
export function resultLevel(engineLevel: Level | null, appliedLevel: Level): Level | null {
  if (engineLevel === null) return null;
  return engineLevel < appliedLevel ? appliedLevel : engineLevel;
}

export type AssessmentOutcome =
  | { state: "ASSESSED"; resultLevel: Level }
  | { state: "REJECTED"; reason: "NO_LEVEL_REACHED" | "APPLIED_LEVEL_MISSED" };

/**
 * What an assessment leads to. The level is resultLevel's, then the best level the province grants at
 * or below it (a province without Level 3 grants nothing below Level 2). No level: rejected
 * (NO_LEVEL_REACHED). A level below the one applied for where the province rejects such applications
 * (failedRoute REJECTED): rejected (APPLIED_LEVEL_MISSED). Without `place` every level is granted.
 */
export function assessmentOutcome(
  engineLevel: Level | null,
  appliedLevel: Level,
  place?: { mine: MinePlace; config: GradingConfig; grantedLevels: readonly Level[] },
): AssessmentOutcome {
  const reached = resultLevel(engineLevel, appliedLevel);
  const level = reached === null || !place ? reached : grantedAtOrBelow(reached, place.grantedLevels);
  if (level === null) return { state: "REJECTED", reason: "NO_LEVEL_REACHED" };
  if (
    place &&
    level > appliedLevel &&
    levelAuthority(place.config, place.mine.provinceCode, appliedLevel)?.failedRoute === "REJECTED"
  )
    return { state: "REJECTED", reason: "APPLIED_LEVEL_MISSED" };
  return { state: "ASSESSED", resultLevel: level };
}

// ---------------------------------------------------------------------------------------------
// Public notice

/**
 * A notice that starts on `startsOn` ends `publicNoticeDays` working days later, counted on China's
 * working-day calendar (lib/domain/working-days.ts). Objections are accepted from the first to the last
 * day inclusive, so at least that many whole working days follow the (possibly partial) first day.
 * `uncoveredYears`: years of the period the calendar does not cover, counted Monday to Friday.
 */
export function noticePeriod(
  startsOn: string,
  publicNoticeDays: number,
  calendar: WorkingCalendar = NO_CALENDAR,
): { startsOn: string; endsOn: string; uncoveredYears: number[] } {
  const endsOn = addWorkingDays(startsOn, publicNoticeDays, calendar);
  return { startsOn, endsOn, uncoveredYears: uncoveredYears(startsOn, endsOn, calendar) };
}

/** Whether objections may be lodged on `today`: the application is under public notice and today is within it. */
export function noticeOpenOn(
  app: { state: ApplicationState; noticeStartsOn: string | null; noticeEndsOn: string | null },
  today: string,
): boolean {
  return (
    app.state === "PUBLIC_NOTICE" &&
    app.noticeStartsOn !== null &&
    app.noticeEndsOn !== null &&
    app.noticeStartsOn <= today &&
    today <= app.noticeEndsOn
  );
}

export type AnnounceBlocker = "NOT_IN_NOTICE" | "NOTICE_RUNNING" | "OPEN_OBJECTIONS";

/** Why the grade cannot be announced today, or null: the notice must have ended and every objection be resolved. */
export function announceBlocker(
  app: { state: ApplicationState; noticeEndsOn: string | null; openObjections: number },
  today: string,
): AnnounceBlocker | null {
  if (app.state !== "PUBLIC_NOTICE" || app.noticeEndsOn === null) return "NOT_IN_NOTICE";
  if (today <= app.noticeEndsOn) return "NOTICE_RUNNING";
  if (app.openObjections > 0) return "OPEN_OBJECTIONS";
  return null;
}

// ---------------------------------------------------------------------------------------------
// The grade

/** A grade announced on `announcedOn` is valid for `validityYears` years (domain.md: 3), to the same calendar day. */
export function gradeValidUntil(announcedOn: string, validityYears: number): string {
  assertDate(announcedOn, "announcedOn");
  if (!Number.isInteger(validityYears) || validityYears < 1)
    throw new RangeError(`validityYears must be a positive integer: ${validityYears}`);
  return addMonths(announcedOn, 12 * validityYears);
}
