// Grading applications (domain.md "Who grades, and the procedure"): the state machine, who may take
// each step, the public-notice calendar and the level an assessment results in. Pure functions, no
// I/O and no clock: the caller passes `today` and the facts it has read.
//
// DRAFT → SUBMITTED → INITIAL_REVIEW_PASSED → ASSESSED → PUBLIC_NOTICE → ANNOUNCED
// REJECTED from SUBMITTED, INITIAL_REVIEW_PASSED, ASSESSED or PUBLIC_NOTICE;
// WITHDRAWN (by the mine's manager) from DRAFT, SUBMITTED, INITIAL_REVIEW_PASSED or ASSESSED.
import { addMonths } from "./grading";
import { LEVELS, type Level } from "./rules";
import { addWorkingDays, assertDate, NO_CALENDAR, uncoveredYears, type WorkingCalendar } from "./working-days";
// The schema's enums (plain constants, no client): the domain speaks the database's values.
import { ApplicationState, type AuthorityKind, type Role } from "../generated/prisma/enums";

export type { ApplicationState, AuthorityKind, Role };
export const APPLICATION_STATES = Object.values(ApplicationState);

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

/** The state a step leads to from `from`, or null when the step is not possible in that state. */
export function nextState(from: ApplicationState, step: Step): ApplicationState | null {
  return STEPS[step].from.includes(from) ? STEPS[step].to : null;
}

// ---------------------------------------------------------------------------------------------
// Who may act

export interface Actor {
  role: Role;
  /** GB/T 2260 prefix; "" for national users. */
  jurisdiction: string;
  mineId: number | null;
}

export interface MinePlace {
  provinceCode: string;
  prefectureCode: string;
  countyCode: string;
}

/** The ProvinceGradingConfig rows of the mine's province: who reviews and grades Levels 2 and 3. */
export type GradingConfig = readonly { level: number; graderKind: AuthorityKind }[];

/** A body that acts on an application: the authority of a kind governing a region ("" for NMSA). */
export interface Body {
  kind: AuthorityKind;
  regionCode: string;
}

function bodyFor(kind: AuthorityKind, mine: MinePlace): Body {
  switch (kind) {
    case "NATIONAL":
      return { kind, regionCode: "" };
    case "PROVINCIAL":
      return { kind, regionCode: mine.provinceCode };
    case "PREFECTURE":
      return { kind, regionCode: mine.prefectureCode };
    case "COUNTY":
      return { kind, regionCode: mine.countyCode };
  }
}

/**
 * Who reviews and grades Levels 2 and 3 in the mine's province. Without a configuration row the
 * province does it (domain.md: "often province for Level 2").
 */
function configuredKind(level: Level, config: GradingConfig): AuthorityKind {
  return config.find((c) => c.level === level)?.graderKind ?? "PROVINCIAL";
}

/** Who does the initial review (初审): the province for Level 1 (fixed by the rules); the configured body for 2 and 3. */
export function reviewingBody(appliedLevel: Level, mine: MinePlace, config: GradingConfig): Body {
  return bodyFor(appliedLevel === 1 ? "PROVINCIAL" : configuredKind(appliedLevel, config), mine);
}

/**
 * Who assesses, runs the public notice, resolves objections and announces: NMSA for Level 1; the
 * configured body for Levels 2 and 3. The body of the APPLIED level keeps the application to the end,
 * also when the scores only reach a lower level.
 */
export function gradingBody(appliedLevel: Level, mine: MinePlace, config: GradingConfig): Body {
  return bodyFor(appliedLevel === 1 ? "NATIONAL" : configuredKind(appliedLevel, config), mine);
}

/** Whether a user acts for a body: the regulator role of its kind, with exactly its region as jurisdiction. */
export function actsFor(actor: Actor, body: Body): boolean {
  switch (body.kind) {
    case "NATIONAL":
      return actor.role === "NATIONAL_REGULATOR" && actor.jurisdiction === "";
    case "PROVINCIAL":
      return actor.role === "PROVINCIAL_REGULATOR" && actor.jurisdiction === body.regionCode;
    case "PREFECTURE":
    case "COUNTY":
      return actor.role === "LOCAL_REGULATOR" && actor.jurisdiction === body.regionCode;
  }
}

/** Who is responsible for an act on an application in `state`: the mine's manager or a body. */
export function responsibleFor(
  act: Act,
  app: { state: ApplicationState; appliedLevel: Level },
  mine: MinePlace,
  config: GradingConfig,
): "MANAGER" | Body {
  switch (act) {
    case "SUBMIT":
    case "WITHDRAW":
      return "MANAGER";
    case "PASS_REVIEW":
      return reviewingBody(app.appliedLevel, mine, config);
    case "REJECT":
      // Turning an application back at the initial review is the reviewer's; afterwards the grader's.
      return app.state === "SUBMITTED"
        ? reviewingBody(app.appliedLevel, mine, config)
        : gradingBody(app.appliedLevel, mine, config);
    case "ASSESS":
    case "START_NOTICE":
    case "ANNOUNCE":
    case "RESOLVE_OBJECTION":
      return gradingBody(app.appliedLevel, mine, config);
  }
}

/** Whether `actor` is the one who may take `act` on the application (its state is checked separately). */
export function mayAct(
  actor: Actor,
  act: Act,
  app: { state: ApplicationState; appliedLevel: Level; mineId: number },
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
  app: {
    state: ApplicationState;
    appliedLevel: Level;
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
    if (nextState(app.state, step) === null) continue;
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
  { state: "ASSESSED"; resultLevel: Level } | { state: "REJECTED"; reason: "NO_LEVEL_REACHED" };

export function assessmentOutcome(engineLevel: Level | null, appliedLevel: Level): AssessmentOutcome {
  const level = resultLevel(engineLevel, appliedLevel);
  return level === null ? { state: "REJECTED", reason: "NO_LEVEL_REACHED" } : { state: "ASSESSED", resultLevel: level };
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
