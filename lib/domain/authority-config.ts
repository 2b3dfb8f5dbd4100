// Who decides, per province and level (ProvinceGradingConfig): the national defaults (provinceCode "")
// and a province's own rows, which replace them for that level. Pure: the rows are passed in. The
// application workflow, the decision services, permissions and the reads all ask these functions.
import type { AuthorityKind, FailedApplicationRoute, Role } from "../generated/prisma/enums";
import { LEVELS, type Level } from "./rules";

export type { AuthorityKind, FailedApplicationRoute };

/** One ProvinceGradingConfig row. */
export interface LevelAuthority {
  provinceCode: string;
  level: number;
  granted: boolean;
  reviewerKind: AuthorityKind;
  graderKind: AuthorityKind;
  proposerKind: AuthorityKind;
  confirmerKind: AuthorityKind;
  publisherKind: AuthorityKind;
  failedRoute: FailedApplicationRoute;
  /** Working days of the public notice at this level; null or absent: the rule version's. */
  publicNoticeWorkingDays?: number | null;
}

/** The rows that apply to a mine: the national defaults and its province's rows (more rows are harmless). */
export type AuthorityConfig = readonly LevelAuthority[];

/** The row for a level in a province: the province's own, else the national default; null when neither exists. */
export function levelAuthority(config: AuthorityConfig, provinceCode: string, level: number): LevelAuthority | null {
  return (
    config.find((c) => c.provinceCode === provinceCode && c.level === level) ??
    config.find((c) => c.provinceCode === "" && c.level === level) ??
    null
  );
}

/** The levels a province grants (a level without any row is not granted). */
export function grantedLevels(config: AuthorityConfig, provinceCode: string): Level[] {
  return LEVELS.filter((l) => levelAuthority(config, provinceCode, l)?.granted === true);
}

// ---------------------------------------------------------------------------------------------
// Bodies

export interface MinePlace {
  provinceCode: string;
  prefectureCode: string;
  countyCode: string;
}

/** A body that acts: the authority of a kind governing a region ("" for NMSA). */
export interface Body {
  kind: AuthorityKind;
  regionCode: string;
}

export function bodyFor(kind: AuthorityKind, mine: MinePlace): Body {
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

export interface Actor {
  role: Role;
  /** GB/T 2260 prefix; "" for national users. */
  jurisdiction: string;
  mineId: number | null;
}

/** Whether a user acts for a body: the regulator role of its kind, with exactly its region as jurisdiction. */
export function actsFor(actor: Actor, body: Body | null): boolean {
  if (body === null) return false;
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

// ---------------------------------------------------------------------------------------------
// Decisions

export interface DecisionBodies {
  proposer: Body;
  confirmer: Body;
  publisher: Body;
}

/** Who proposes, confirms and publishes a downgrade or revocation of a grade of `level` at the mine. */
export function decisionBodies(config: AuthorityConfig, mine: MinePlace, level: number): DecisionBodies | null {
  const row = levelAuthority(config, mine.provinceCode, level);
  if (!row) return null;
  return {
    proposer: bodyFor(row.proposerKind, mine),
    confirmer: bodyFor(row.confirmerKind, mine),
    publisher: bodyFor(row.publisherKind, mine),
  };
}

/**
 * Whether `actor` proposes decisions on a grade of `level` at the mine: the configuration's proposer
 * (by default the prefecture), a regulator of that kind acting in exactly the region that covers the mine.
 */
export function mayProposeDecision(actor: Actor, config: AuthorityConfig, mine: MinePlace, level: number): boolean {
  return actsFor(actor, decisionBodies(config, mine, level)?.proposer ?? null);
}

/** The kind of body a user acts for, by role and jurisdiction (null: none, e.g. ADMIN or a manager). */
export function actorKind(actor: Actor): AuthorityKind | null {
  switch (actor.role) {
    case "NATIONAL_REGULATOR":
      return actor.jurisdiction === "" ? "NATIONAL" : null;
    case "PROVINCIAL_REGULATOR":
      return actor.jurisdiction.length === 2 ? "PROVINCIAL" : null;
    case "LOCAL_REGULATOR":
      return actor.jurisdiction.length === 4 ? "PREFECTURE" : actor.jurisdiction.length === 6 ? "COUNTY" : null;
    default:
      return null;
  }
}

/**
 * Whether `actor` proposes decisions on some level somewhere in its jurisdiction: its kind is the proposer
 * of a level in its province (a national user: in any province the configuration names, or by default).
 * What the decision queue offers (the stopped-mine scan); each proposal is still checked per mine and level.
 */
export function proposesAnywhere(actor: Actor, config: AuthorityConfig): boolean {
  const kind = actorKind(actor);
  if (kind === null) return false;
  const provinces =
    kind === "NATIONAL" ? [...new Set(["", ...config.map((c) => c.provinceCode)])] : [actor.jurisdiction.slice(0, 2)];
  return provinces.some((p) => LEVELS.some((l) => levelAuthority(config, p, l)?.proposerKind === kind));
}

/** Whether `actor` confirms (or withdraws) decisions on a grade of `level` at the mine. */
export function mayConfirmDecision(actor: Actor, config: AuthorityConfig, mine: MinePlace, level: number): boolean {
  return actsFor(actor, decisionBodies(config, mine, level)?.confirmer ?? null);
}

// ---------------------------------------------------------------------------------------------
// Applications

/**
 * How many working days the public notice of an application graded at `level` lasts: the province's own
 * (or the national default row's) override, else the rule version's `versionDays`.
 */
export function publicNoticeWorkingDays(
  config: AuthorityConfig,
  provinceCode: string,
  level: number,
  versionDays: number,
): number {
  return levelAuthority(config, provinceCode, level)?.publicNoticeWorkingDays ?? versionDays;
}

/** The public notice of an application: for the level its assessment reached (else the level applied for). */
export function applicationNoticeDays(
  config: AuthorityConfig,
  app: { appliedLevel: number; resultLevel?: number | null },
  mine: { provinceCode: string },
  versionDays: number,
): number {
  return publicNoticeWorkingDays(config, mine.provinceCode, app.resultLevel ?? app.appliedLevel, versionDays);
}

/** Who does the initial review (初审) of an application for `level`: one tier below the grader by default. */
export function reviewingBody(level: number, mine: MinePlace, config: AuthorityConfig): Body | null {
  const row = levelAuthority(config, mine.provinceCode, level);
  return row ? bodyFor(row.reviewerKind, mine) : null;
}

/** Who grades `level` at the mine: assesses, runs the public notice, resolves objections and announces. */
export function gradingBody(level: number, mine: MinePlace, config: AuthorityConfig): Body | null {
  const row = levelAuthority(config, mine.provinceCode, level);
  return row ? bodyFor(row.graderKind, mine) : null;
}

/**
 * The level whose grader handles an application after its assessment: a mine that misses the level it
 * applied for goes to the body that grades the level its scores reach (LOWER_LEVEL_GRADER, rules-evidence.md
 * [P][H]); with SAME_GRADER the body of the applied level keeps it. Before an assessment: the applied level.
 */
export function handlingLevel(
  app: { appliedLevel: number; resultLevel?: number | null },
  mine: MinePlace,
  config: AuthorityConfig,
): number {
  const result = app.resultLevel ?? null;
  if (result === null || result <= app.appliedLevel) return app.appliedLevel;
  const route = levelAuthority(config, mine.provinceCode, app.appliedLevel)?.failedRoute;
  return route === "LOWER_LEVEL_GRADER" ? result : app.appliedLevel;
}
