// Every server action of the portal as data, for the authorization matrix
// (tests/e2e/security/authorization-actions.spec.ts): where it runs, what product.md requires of
// the caller (a capability of roles.ts, limited to the caller's scope), how that depends on the
// target (the mine's scope; a decision's level; an application's step, level and province; an open
// public notice), and a fixture builder that writes a FRESH valid target for one case directly in
// the database, with the valid form fields for it, so that a denial can only come from authorization.
//
// The expectations are computed from product.md and domain.md (through roles.ts), never from the
// portal's own permission code: the matrix checks the running portal against the specification.
import pg from "pg";
import {
  ACCOUNTS,
  DEMO_PASSWORD,
  MANAGER_MINE_CODE,
  inScope,
  may,
  mayManageAccountOf,
  type Capability,
  type Role,
} from "./roles";
import type { ActionResponse } from "../support/server-actions";
import { formData } from "../support/server-actions";

// ---------------------------------------------------------------------------------------------
// Database access for fixtures: one pooled connection, closed by closeFixtures().

let pool: pg.Pool | null = null;

async function sql<T extends pg.QueryResultRow>(text: string, params: unknown[] = []): Promise<T[]> {
  pool ??= new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  return (await pool.query<T>(text, params)).rows;
}

async function one<T extends pg.QueryResultRow>(text: string, params: unknown[] = []): Promise<T> {
  const rows = await sql<T>(text, params);
  if (rows.length !== 1) throw new Error(`fixture query returned ${rows.length} rows: ${text}`);
  return rows[0];
}

export async function closeFixtures(): Promise<void> {
  await pool?.end();
  pool = null;
}

// ---------------------------------------------------------------------------------------------
// The world the cases run in: target mines picked from the seeded database at test start.

export type Level = 1 | 2 | 3;
export type AuthorityKind = "NATIONAL" | "PROVINCIAL" | "PREFECTURE" | "COUNTY";

export interface MineRef {
  id: number;
  code: string;
  name: string;
  nameEn: string | null;
  provinceCode: string;
  prefectureCode: string;
  countyCode: string;
}

export interface World {
  /** Today in China (the portal's calendar), YYYY-MM-DD. */
  today: string;
  mines: {
    /** The demo manager's own mine (1402260001). */
    manager: MineRef;
    /** Another producing mine of the manager's county (140226): in scope of every regulator, not of the manager. */
    datong: MineRef;
    /** A producing Shanxi mine outside Datong (1402): out of the local regulator's scope. */
    shanxi: MineRef;
    /** A producing mine outside Shanxi (14): out of the provincial regulator's scope. */
    outside: MineRef;
  };
  /** Mines stopped for more than the rule's limit, for the stopped-mines scan: same three places. */
  stopped: { datong: MineRef; shanxi: MineRef; outside: MineRef };
  /** The rule version in force today and its underground elements (every target mine is underground). */
  ruleVersionId: number;
  elementCodes: string[];
  /** The basic conditions (基本条件) of the rule version the fixtures use. */
  conditionCodes: string[];
  /** A province's own ProvinceGradingConfig rows: province → level → who reviews and who grades it. */
  gradingConfig: Map<string, Map<number, Bodies>>;
  authorities: { national: number; byProvince: Map<string, number> };
  managerUserId: number;
}

const MINE_COLUMNS = `m.id, m.code, m.name, m."nameEn", m."provinceCode", m."prefectureCode", m."countyCode"`;

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function todayInChina(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
}

async function pickMine(where: string, params: unknown[], what: string): Promise<MineRef> {
  const rows = await sql<MineRef>(
    `SELECT ${MINE_COLUMNS} FROM "Mine" m WHERE m.type = 'UNDERGROUND' AND ${where} ORDER BY m.code DESC LIMIT 1`,
    params,
  );
  if (!rows[0]) throw new Error(`no seeded mine for the matrix: ${what}`);
  return rows[0];
}

/** A producing mine matching `where`. */
function producing(where: string, params: unknown[], what: string) {
  return pickMine(`m.status = 'NORMAL_PRODUCTION' AND ${where}`, params, what);
}

/** A mine stopped since more than 7 months (the rules' limit is 6), whose stoppage is its open status period. */
function stoppedLong(where: string, params: unknown[], what: string, today: string) {
  return pickMine(
    `m.status = 'STOPPED' AND ${where} AND EXISTS (SELECT 1 FROM "MineStatusPeriod" p WHERE p."mineId" = m.id
       AND p."endedOn" IS NULL AND p.status = 'STOPPED' AND p."startedOn" < $${params.length + 1}::date)`,
    [...params, addDays(today, -215)],
    what,
  );
}

export async function loadWorld(): Promise<World> {
  const today = todayInChina();
  const manager = await pickMine(`m.code = $1`, [MANAGER_MINE_CODE], "the manager's mine");
  const mines = {
    manager,
    datong: await producing(`m."countyCode" = $1 AND m.code <> $2`, [manager.countyCode, manager.code], "Datong"),
    shanxi: await producing(`m."provinceCode" = '14' AND m."prefectureCode" <> '1402'`, [], "Shanxi outside 1402"),
    outside: await producing(`m."provinceCode" <> '14'`, [], "outside Shanxi"),
  };
  const stopped = {
    datong: await stoppedLong(`m."prefectureCode" = '1402' AND m.code <> $1`, [manager.code], "stopped, 1402", today),
    shanxi: await stoppedLong(`m."provinceCode" = '14' AND m."prefectureCode" <> '1402'`, [], "stopped, 14", today),
    outside: await stoppedLong(`m."provinceCode" <> '14'`, [], "stopped, not 14", today),
  };
  const rule = await one<{ id: number }>(
    `SELECT id FROM "RuleVersion" WHERE "effectiveFrom" <= $1::date AND "publishedAt" IS NOT NULL ORDER BY "effectiveFrom" DESC LIMIT 1`,
    [addDays(today, -40)],
  );
  const elements = await sql<{ code: string }>(
    `SELECT code FROM "RuleElement" WHERE "ruleVersionId" = $1 AND "mineType" = 'UNDERGROUND' ORDER BY "sortOrder"`,
    [rule.id],
  );
  const config: World["gradingConfig"] = new Map();
  for (const r of await sql<{
    provinceCode: string;
    level: number;
    reviewerKind: AuthorityKind;
    graderKind: AuthorityKind;
    proposerKind: AuthorityKind;
  }>(
    `SELECT "provinceCode", level, "reviewerKind", "graderKind", "proposerKind" FROM "ProvinceGradingConfig" WHERE "provinceCode" <> ''`,
  )) {
    if (!config.has(r.provinceCode)) config.set(r.provinceCode, new Map());
    config
      .get(r.provinceCode)!
      .set(r.level, { reviewerKind: r.reviewerKind, graderKind: r.graderKind, proposerKind: r.proposerKind });
  }
  const authorities = await sql<{ id: number; kind: AuthorityKind; regionCode: string }>(
    `SELECT id, kind, "regionCode" FROM "Authority" WHERE kind IN ('NATIONAL', 'PROVINCIAL')`,
  );
  const national = authorities.find((a) => a.kind === "NATIONAL");
  if (!national) throw new Error("no national authority");
  const managerUser = await one<{ id: number }>(`SELECT id FROM "User" WHERE email = $1`, [
    ACCOUNTS.MINE_MANAGER.email,
  ]);
  return {
    today,
    mines,
    stopped,
    ruleVersionId: rule.id,
    elementCodes: elements.map((e) => e.code),
    conditionCodes: (
      await sql<{ code: string }>(
        `SELECT code FROM "RuleBasicCondition" WHERE "ruleVersionId" = $1 ORDER BY "sortOrder"`,
        [rule.id],
      )
    ).map((c) => c.code),
    gradingConfig: config,
    authorities: {
      national: national.id,
      byProvince: new Map(authorities.filter((a) => a.kind === "PROVINCIAL").map((a) => [a.regionCode, a.id])),
    },
    managerUserId: managerUser.id,
  };
}

// ---------------------------------------------------------------------------------------------
// Cases

export type Scope = "in" | "out";

/** A target variant of an action (a decision's level, an application's level, a notice open or closed…). */
export interface Variant {
  label: string;
  level?: Level;
  /** Public objection: whether the notice is open today. */
  open?: boolean;
  /** Reply: what is replied to. */
  replyTo?: "finding" | "decision";
  /** Issue 15.5, evidence files: the record a file is added to; an objection lodged with a file. */
  evidenceOn?: "finding" | "accident" | "hiddenDanger" | "application";
  withFile?: boolean;
}

export interface Case {
  role: Role;
  scope: Scope;
  variant: Variant;
  /** The mine the target belongs to (null: the action takes no mine). */
  mine: MineRef | null;
}

export type Expectation =
  /** Succeeds; `writes`: rows must change (false: the action writes nothing by design, e.g. setLocale). */
  | { allowed: true; writes: boolean }
  /** An anonymous caller is sent to sign in. */
  | { allowed: false; via: "login" }
  /** A form error naming the refusal, one of `keys`. */
  | { allowed: false; via: "denial"; keys: readonly string[] }
  /** An action without a result (scan) completes and writes nothing. */
  | { allowed: false; via: "noop" };

export type Outcome =
  | { kind: "success" }
  | { kind: "login" }
  | { kind: "denied"; key: string }
  | { kind: "validation"; detail: string }
  | { kind: "noop" }
  | { kind: "error"; detail: string };

export interface Fixture {
  /** The page the action is posted to (one of the action's routes). */
  page: string;
  /** The action's arguments (form actions: previous state and the FormData). */
  args: unknown[];
  /** Everything the caller submitted, as text: the result may echo it (e.g. the mine code typed in). */
  submitted: string;
  /** Removes or restores fixture rows after the case (only where other specs could notice them). */
  teardown?: () => Promise<void>;
  /**
   * Restores at once, right after the action answered and its row changes were read (issue 12: a
   * demo account's own password, which the role's later cases sign in with).
   */
  after?: () => Promise<void>;
}

export interface ActionEntry {
  file: string;
  name: string;
  /** The route (as in the build's manifest) whose page the case posts to. */
  route: string;
  /** What product.md requires ("any": every caller, signed in or not, with its own expectation). */
  capability: Capability | "any" | ((v: Variant) => Capability);
  /** Whether the action takes a mine (directly or through its target); false: it acts on the caller's own. */
  scoped: boolean;
  /** How the expectation depends on the target, in words (printed in the JSON report). */
  rule: string;
  variants: Variant[];
  /** The mine of the target for a role and scope (default: targetMine). */
  mineFor?: (w: World, role: Role, scope: Scope) => MineRef | null;
  expect: (w: World, c: Case) => Expectation;
  /** Runs before the fixture is built, with a way to invoke the action as the case's caller (no arguments). */
  settle?: (invoke: () => Promise<ActionResponse>, c: Case) => Promise<void>;
  build: (w: World, c: Case) => Promise<Fixture>;
  read: (r: ActionResponse) => Outcome;
  /** The action returns nothing: allowed, it completes ("noop" outcome) and writes. */
  voidResult?: boolean;
}

/** product.md: national roles (no prefix) have every mine in scope, so no out-of-scope target exists. */
export function isNational(role: Role): boolean {
  return role !== "PUBLIC" && role !== "MINE_MANAGER" && ACCOUNTS[role].jurisdiction === "";
}

/**
 * The target mine of a case: in scope, the role's own (the manager's mine, else the Datong mine every
 * regulator covers); out of scope, one just outside the role's jurisdiction. The public has no scope:
 * its two cases target the Datong mine and a mine outside Shanxi.
 */
export function targetMine(w: World, role: Role, scope: Scope): MineRef | null {
  if (scope === "in") return role === "MINE_MANAGER" ? w.mines.manager : w.mines.datong;
  switch (role) {
    case "LOCAL_REGULATOR":
      return w.mines.shanxi;
    case "PROVINCIAL_REGULATOR":
      return w.mines.outside;
    case "MINE_MANAGER":
      return w.mines.datong;
    case "PUBLIC":
      return w.mines.outside;
    default:
      return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Reading a response

const DENIAL_KEYS = ["forbidden", "notFound"] as const;

/** A redirect target as a path and query (Next gives some as absolute URLs). */
export function redirectPath(r: ActionResponse): string | null {
  if (!r.redirect) return null;
  const url = new URL(r.redirect, "http://portal.invalid");
  return `${url.pathname}${url.search}`;
}

function formOutcome(r: ActionResponse, success?: RegExp): Outcome {
  if (r.status >= 500) return { kind: "error", detail: `HTTP ${r.status}` };
  const to = redirectPath(r);
  if (to) {
    if (to.startsWith("/login")) return { kind: "login" };
    if (success?.test(to)) return { kind: "success" };
    return { kind: "error", detail: `unexpected redirect to ${to}` };
  }
  const state = r.result as { ok?: boolean; formError?: string; fieldErrors?: Record<string, string> } | undefined;
  if (!state || typeof state !== "object") return { kind: "error", detail: `HTTP ${r.status}, no result` };
  if (state.ok === true) return { kind: "success" };
  const fields = Object.keys(state.fieldErrors ?? {});
  if (state.formError === "validation" || fields.length)
    return { kind: "validation", detail: JSON.stringify(state.fieldErrors ?? {}) };
  if (state.formError) return { kind: "denied", key: state.formError };
  return { kind: "error", detail: JSON.stringify(state) };
}

const form =
  (success?: RegExp) =>
  (r: ActionResponse): Outcome =>
    formOutcome(r, success);

function voidOutcome(r: ActionResponse): Outcome {
  if (r.status >= 500) return { kind: "error", detail: `HTTP ${r.status}` };
  const to = redirectPath(r);
  if (to?.startsWith("/login")) return { kind: "login" };
  if (to) return { kind: "error", detail: `unexpected redirect to ${to}` };
  return r.status === 200 ? { kind: "noop" } : { kind: "error", detail: `HTTP ${r.status}` };
}

// ---------------------------------------------------------------------------------------------
// Expectations

/** The usual rule: the public signs in first; otherwise the capability and, when the action takes a mine, the scope. */
function byCapability(
  capability: (v: Variant) => Capability,
  scoped: boolean,
  extra: (w: World, c: Case) => boolean = () => true,
  keys: readonly string[] = DENIAL_KEYS,
) {
  return (w: World, c: Case): Expectation => {
    if (c.role === "PUBLIC") return { allowed: false, via: "login" };
    const ok =
      may(c.role, capability(c.variant)) &&
      (!scoped || (c.mine !== null && inScope(c.role, c.mine.code))) &&
      extra(w, c);
    return ok ? { allowed: true, writes: true } : { allowed: false, via: "denial", keys };
  };
}

const fixed = (capability: Capability) => () => capability;

/** The decision-authority defaults (roles.ts): the province confirms at every level; NMSA only publishes Level 1. */
function decisionCapability(v: Variant): Capability {
  return v.level === 1 ? "write.confirmDecision.level1" : "write.confirmDecision.level23";
}

// domain.md "Who grades, and the procedure" and rules-evidence.md, restated for the matrix (not read from
// our code): by default Level 1 is reviewed by the province and graded by NMSA, Level 2 reviewed by the
// prefecture and graded by the province, Level 3 reviewed by the county and graded by the prefecture (the
// reviewer one tier below the grader); a province's own ProvinceGradingConfig row replaces the default.
// The fixtures' result level is the applied level, so the grader of the applied level acts throughout.
type AppAct = "PASS_REVIEW" | "REJECT_AT_REVIEW" | "ASSESS" | "START_NOTICE" | "REJECT" | "ANNOUNCE" | "RESOLVE";

// Who proposes a downgrade or revocation: by default the prefecture, at every level (product.md; the
// evidence names no proposer); a province's own row replaces it for its level.
interface Bodies {
  reviewerKind: AuthorityKind;
  graderKind: AuthorityKind;
  proposerKind: AuthorityKind;
}

const DEFAULT_BODIES: Record<Level, Bodies> = {
  1: { reviewerKind: "PROVINCIAL", graderKind: "NATIONAL", proposerKind: "PREFECTURE" },
  2: { reviewerKind: "PREFECTURE", graderKind: "PROVINCIAL", proposerKind: "PREFECTURE" },
  3: { reviewerKind: "COUNTY", graderKind: "PREFECTURE", proposerKind: "PREFECTURE" },
};

const configuredBodies = (w: World, provinceCode: string, level: Level): Bodies =>
  w.gradingConfig.get(provinceCode)?.get(level) ?? DEFAULT_BODIES[level];

function bodyOf(kind: AuthorityKind, mine: MineRef): { kind: AuthorityKind; region: string } {
  const region =
    kind === "NATIONAL"
      ? ""
      : kind === "PROVINCIAL"
        ? mine.provinceCode
        : kind === "PREFECTURE"
          ? mine.prefectureCode
          : mine.countyCode;
  return { kind, region };
}

function responsibleBody(w: World, act: AppAct, level: Level, mine: MineRef): { kind: AuthorityKind; region: string } {
  const configured = configuredBodies(w, mine.provinceCode, level);
  const review = act === "PASS_REVIEW" || act === "REJECT_AT_REVIEW";
  return bodyOf(review ? configured.reviewerKind : configured.graderKind, mine);
}

/** The kind of body a demo account acts for (its role and the length of its jurisdiction). */
function accountKind(role: Role): AuthorityKind | null {
  if (role === "NATIONAL_REGULATOR") return "NATIONAL";
  if (role === "PROVINCIAL_REGULATOR") return "PROVINCIAL";
  if (role === "LOCAL_REGULATOR") return ACCOUNTS.LOCAL_REGULATOR.jurisdiction.length === 4 ? "PREFECTURE" : "COUNTY";
  return null;
}

/** Whether a demo account proposes at some level in its jurisdiction (NMSA: in any configured province). */
function proposesSomewhere(w: World, role: Role): boolean {
  const kind = accountKind(role);
  if (kind === null) return false;
  const provinces =
    kind === "NATIONAL" ? ["", ...w.gradingConfig.keys()] : [ACCOUNTS[role as "ADMIN"].jurisdiction.slice(0, 2)];
  return provinces.some((p) => LEVELS.some((v) => configuredBodies(w, p, v.level!).proposerKind === kind));
}

/** Whether a demo account acts for a body: the regulator role of its kind, with exactly its region. */
function actsFor(role: Role, body: { kind: AuthorityKind; region: string }): boolean {
  if (role === "PUBLIC" || role === "MINE_MANAGER" || role === "ADMIN" || role === "OFFICIAL") return false;
  const roleOfKind: Record<AuthorityKind, Role> = {
    NATIONAL: "NATIONAL_REGULATOR",
    PROVINCIAL: "PROVINCIAL_REGULATOR",
    PREFECTURE: "LOCAL_REGULATOR",
    COUNTY: "LOCAL_REGULATOR",
  };
  return roleOfKind[body.kind] === role && ACCOUNTS[role].jurisdiction === body.region;
}

function stepExpectation(act: AppAct) {
  return byCapability(
    fixed("write.processApplication"),
    true,
    (w, c) => actsFor(c.role, responsibleBody(w, act, c.variant.level!, c.mine!)),
    [...DENIAL_KEYS, "notYourStep"],
  );
}

// ---------------------------------------------------------------------------------------------
// Fixture rows

/** The application form's basic-condition fields, every condition met with evidence. */
function conditionsMet(w: World): Record<string, string> {
  return Object.fromEntries(
    w.conditionCodes.flatMap((c) => [
      [`conditions.${c}.met`, "yes"],
      [`conditions.${c}.evidence`, "证照齐全有效（授权矩阵）"],
    ]),
  );
}

function scoresOf(w: World, score = 95): Record<string, number> {
  return Object.fromEntries(w.elementCodes.map((c) => [c, score]));
}

async function insertScoresheet(w: World, mineId: number, kind: string, score = 95): Promise<number> {
  const sheet = await one<{ id: number }>(
    `INSERT INTO "Scoresheet" ("mineId", "ruleVersionId", kind, "mineType", total, level)
     VALUES ($1, $2, $3::"ScoresheetKind", 'UNDERGROUND', $4, 1) RETURNING id`,
    [mineId, w.ruleVersionId, kind, score],
  );
  await sql(
    `INSERT INTO "ElementScore" ("scoresheetId", "elementCode", score, "notApplicable")
     SELECT $1, code, $3, false FROM unnest($2::text[]) AS code`,
    [sheet.id, w.elementCodes, score],
  );
  return sheet.id;
}

function decidingAuthority(w: World, level: number, mine: MineRef): number {
  return level === 1
    ? w.authorities.national
    : (w.authorities.byProvince.get(mine.provinceCode) ?? w.authorities.national);
}

/**
 * A fresh grade in force (announced 200 days ago, valid 3 years) of `level`. It supersedes whatever grade
 * of the mine covers those days, as announcing does: a mine holds one grade a day (Grade_no_overlap).
 */
async function insertGrade(w: World, mine: MineRef, level: number, announcedOn = addDays(w.today, -200)) {
  const validUntil = addDays(announcedOn, 3 * 365);
  await sql(
    `UPDATE "Grade" SET "endedOn" = GREATEST("announcedOn", $2::date), "endReason" = 'SUPERSEDED', "endedByDecisionId" = NULL
      WHERE "mineId" = $1 AND grade_span("announcedOn", "validUntil", "endedOn") && daterange($2::date, NULL)`,
    [mine.id, announcedOn],
  );
  return one<{ id: number }>(
    `INSERT INTO "Grade" ("mineId", level, "ruleVersionId", "authorityId", "announcementNo", "announcedOn", "validUntil")
     VALUES ($1, $2, $3, $4, 'AUTHZ-MATRIX', $5::date, $6::date) RETURNING id`,
    [mine.id, level, w.ruleVersionId, decidingAuthority(w, level, mine), announcedOn, validUntil],
  );
}

/** The manager's mine keeps its grade: fixtures there hang on the grade in force instead of a new one. */
async function currentGradeId(mine: MineRef, today: string): Promise<number> {
  const g = await one<{ id: number }>(
    `SELECT id FROM "Grade" WHERE "mineId" = $1 AND "announcedOn" <= $2::date AND "validUntil" > $2::date
       AND ("endedOn" IS NULL OR "endedOn" > $2::date) ORDER BY "announcedOn" DESC, id DESC LIMIT 1`,
    [mine.id, today],
  );
  return g.id;
}

async function insertDecision(w: World, mine: MineRef, level: Level, status: "PROPOSED" | "CONFIRMED") {
  const isManagers = mine.code === MANAGER_MINE_CODE;
  const gradeId = isManagers ? await currentGradeId(mine, w.today) : (await insertGrade(w, mine, level)).id;
  const type = level === 3 ? "REVOCATION" : "DOWNGRADE";
  const decision = await one<{ id: number; version: number }>(
    `INSERT INTO "Decision" ("mineId", "gradeId", type, reason, "fromLevel", "toLevel", status, evidence, "authorityId",
       number, "legalBasis", "effectiveOn", "decidedAt")
     VALUES ($1, $2, $3::"DecisionType", 'MANAGEMENT_SLIDE', $4, $5, $6::"DecisionStatus", '{}', $7,
       $8, $9, $10::date, $11)
     RETURNING id, version`,
    [
      mine.id,
      gradeId,
      type,
      level,
      level === 3 ? null : level + 1,
      status,
      decidingAuthority(w, level, mine),
      status === "CONFIRMED" ? "AUTHZ-MATRIX-D" : null,
      status === "CONFIRMED" ? "authorization matrix fixture" : null,
      status === "CONFIRMED" ? w.today : null,
      status === "CONFIRMED" ? new Date() : null,
    ],
  );
  const teardown = isManagers
    ? async () => {
        await sql(`DELETE FROM "Reply" WHERE "decisionId" = $1`, [decision.id]);
        await sql(`DELETE FROM "Decision" WHERE id = $1 AND status = $2`, [decision.id, status]);
      }
    : undefined;
  return { ...decision, teardown };
}

/** A completed spot-check with one finding, checked 30 days ago by the province. */
async function insertSpotCheck(w: World, mine: MineRef) {
  const sheet = await insertScoresheet(w, mine.id, "SPOT_CHECK");
  const check = await one<{ id: number; version: number }>(
    `INSERT INTO "SpotCheck" ("mineId", "checkedOn", type, status, "authorityId", team, "scoresheetId", conclusion)
     VALUES ($1, $2::date, 'ROUTINE', 'COMPLETED', $3, 'Authorization matrix team', $4, 'GRADE_MAINTAINED')
     RETURNING id, version`,
    [mine.id, addDays(w.today, -30), decidingAuthority(w, 2, mine), sheet],
  );
  const finding = await one<{ id: number }>(
    `INSERT INTO "Finding" ("spotCheckId", "elementCode", text, severity) VALUES ($1, $2, 'Fixture finding', 'GENERAL')
     RETURNING id`,
    [check.id, w.elementCodes[6] ?? w.elementCodes[0]],
  );
  const teardown =
    mine.code === MANAGER_MINE_CODE
      ? async () => {
          await sql(`DELETE FROM "Reply" WHERE "findingId" = $1`, [finding.id]);
          await sql(`DELETE FROM "Finding" WHERE "spotCheckId" = $1`, [check.id]);
          await sql(`DELETE FROM "SpotCheck" WHERE id = $1`, [check.id]);
          await sql(`DELETE FROM "Scoresheet" WHERE id = $1`, [sheet]);
        }
      : undefined;
  return { spotCheckId: check.id, version: check.version, findingId: finding.id, teardown };
}

type AppState = "SUBMITTED" | "INITIAL_REVIEW_PASSED" | "ASSESSED" | "PUBLIC_NOTICE";

/**
 * An application of `level` in `state`, with its self-assessment (and, from ASSESSED on, the assessment
 * and its result level). notice: "open" (started yesterday, ends in a week) or "ended" (ended 10 days ago).
 */
async function insertApplication(
  w: World,
  mine: MineRef,
  level: Level,
  state: AppState,
  notice?: "open" | "ended",
  objection = false,
) {
  const self = await insertScoresheet(w, mine.id, "SELF_ASSESSMENT");
  const assessed =
    state === "ASSESSED" || state === "PUBLIC_NOTICE" ? await insertScoresheet(w, mine.id, "ASSESSMENT") : null;
  const [starts, ends] =
    notice === "open"
      ? [addDays(w.today, -1), addDays(w.today, 7)]
      : notice === "ended"
        ? [addDays(w.today, -20), addDays(w.today, -10)]
        : [null, null];
  const app = await one<{ id: number; version: number }>(
    `INSERT INTO "GradeApplication" ("mineId", "ruleVersionId", "appliedLevel", state, "selfScoresheetId",
       "assessedScoresheetId", "resultLevel", "submittedOn", "noticeStartsOn", "noticeEndsOn")
     VALUES ($1, $2, $3, $4::"ApplicationState", $5, $6, $7, $8::date, $9::date, $10::date) RETURNING id, version`,
    [
      mine.id,
      w.ruleVersionId,
      level,
      state,
      self,
      assessed,
      assessed ? level : null,
      addDays(w.today, -40),
      starts,
      ends,
    ],
  );
  await sql(
    `INSERT INTO "ApplicationEvent" ("applicationId", "fromState", "toState", "actorId") VALUES ($1, NULL, 'SUBMITTED', $2)`,
    [app.id, w.managerUserId],
  );
  // Every basic condition answered as met, as submitting requires (a review or an assessment checks them).
  await sql(
    `INSERT INTO "ApplicationCondition" ("applicationId", "conditionCode", met, evidence)
     SELECT $1, code, true, 'authorization matrix' FROM "RuleBasicCondition" WHERE "ruleVersionId" = $2`,
    [app.id, w.ruleVersionId],
  );
  const objectionId = objection
    ? (
        await one<{ id: number }>(
          `INSERT INTO "Objection" ("applicationId", name, contact, text) VALUES ($1, 'Fixture', 'fixture@example.test',
             'An objection made for the authorization matrix.') RETURNING id`,
          [app.id],
        )
      ).id
    : null;
  return {
    id: app.id,
    version: app.version,
    objectionId,
    teardown: applicationTeardown(mine, app.id, [self, assessed]),
  };
}

/** Applications of the manager's mine are removed after the case; others are closed, so no notice stays open. */
function applicationTeardown(mine: MineRef, id: number, sheets: (number | null)[]) {
  if (mine.code !== MANAGER_MINE_CODE)
    return async () => {
      await sql(
        `UPDATE "GradeApplication" SET state = 'REJECTED', "rejectionReason" = 'authorization matrix fixture'
         WHERE id = $1 AND state IN ('SUBMITTED', 'INITIAL_REVIEW_PASSED', 'ASSESSED', 'PUBLIC_NOTICE')`,
        [id],
      );
    };
  return async () => {
    await sql(`DELETE FROM "Objection" WHERE "applicationId" = $1`, [id]);
    await sql(`DELETE FROM "GradeApplication" WHERE id = $1`, [id]);
    await sql(`DELETE FROM "Scoresheet" WHERE id = ANY($1::int[])`, [sheets.filter((s) => s !== null)]);
  };
}

// A 64×48 JPEG (a red square): an evidence photo for the cases that upload one (issue 15.5).
const MATRIX_PHOTO_BASE64 =
  "/9j/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAAwAEADASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAb/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFgEBAQEAAAAAAAAAAAAAAAAAAAUG/8QAFBEBAAAAAAAAAAAAAAAAAAAAAP/aAAwDAQACEQMRAD8AnQE9rwAAAAAAAAAAAAAAAAAAAAAH/9k=";
function matrixPhoto(): File {
  return new File([Buffer.from(MATRIX_PHOTO_BASE64, "base64")], "matrix.jpg", { type: "image/jpeg" });
}

function fields(page: string, values: Record<string, string>, teardown?: () => Promise<void>): Fixture {
  return { page, args: [{ ok: false }, formData(values)], submitted: JSON.stringify(values), teardown };
}

/** A fresh draft rule version per case, cloned in SQL from the 2024 version; its teardown removes it. */
let draftSerial = 0;
export async function makeRuleDraft(
  code = `M${process.pid % 10000}-${draftSerial++}`,
): Promise<{ code: string; teardown: () => Promise<void> }> {
  const [{ id }] = await sql<{ id: number }>(
    `INSERT INTO "RuleVersion" (code, "nameZh", "nameEn", "documentNo", "effectiveFrom", "validityYears",
       "publicNoticeDays", "placeholderWeights", "hiddenDangerWindowMonths", "stoppedMonthsLimit",
       "gradeRequiredToProduce", "level1ShiftHeadcountCap", "publishedAt")
     SELECT $1, '矩阵草稿', 'Matrix draft', "documentNo", "effectiveFrom", "validityYears", "publicNoticeDays",
       "placeholderWeights", "hiddenDangerWindowMonths", "stoppedMonthsLimit", "gradeRequiredToProduce",
       "level1ShiftHeadcountCap", NULL
     FROM "RuleVersion" WHERE code = '2024' RETURNING id`,
    [code],
  );
  await sql(
    `INSERT INTO "RulePart" ("ruleVersionId", code, "nameZh", "nameEn", "sortOrder")
     SELECT $1, code, "nameZh", "nameEn", "sortOrder" FROM "RulePart" WHERE "ruleVersionId" = (SELECT id FROM "RuleVersion" WHERE code = '2024')`,
    [id],
  );
  await sql(
    `INSERT INTO "RuleElement" ("ruleVersionId", "mineType", code, "partCode", "nameZh", "nameEn", weight, "sortOrder")
     SELECT $1, "mineType", code, "partCode", "nameZh", "nameEn", weight, "sortOrder" FROM "RuleElement"
     WHERE "ruleVersionId" = (SELECT id FROM "RuleVersion" WHERE code = '2024')`,
    [id],
  );
  await sql(
    `INSERT INTO "RuleLevelThreshold" ("ruleVersionId", level, "partCode", "elementCode", "minScore")
     SELECT $1, level, "partCode", "elementCode", "minScore" FROM "RuleLevelThreshold"
     WHERE "ruleVersionId" = (SELECT id FROM "RuleVersion" WHERE code = '2024')`,
    [id],
  );
  await sql(
    `INSERT INTO "RuleVeto" ("ruleVersionId", level, kind, "accidentClass", "windowMonths")
     SELECT $1, level, kind, "accidentClass", "windowMonths" FROM "RuleVeto"
     WHERE "ruleVersionId" = (SELECT id FROM "RuleVersion" WHERE code = '2024')`,
    [id],
  );
  return { code, teardown: () => sql(`DELETE FROM "RuleVersion" WHERE code = $1`, [code]).then(() => undefined) };
}

/** A calendar date of its own for each case (2039: far from any notice the specs start). */
let calendarSerial = 0;
const nextCalendarDate = () => addDays("2039-01-01", calendarSerial++);

const minePage = (m: MineRef, rest = "") => `/mines/${encodeURIComponent(m.code)}${rest}`;

function needMine(c: Case): MineRef {
  if (!c.mine) throw new Error("this case needs a target mine");
  return c.mine;
}

// ---------------------------------------------------------------------------------------------
// Issue 12: the mine register's fixtures (fresh mines and enterprises, removed after the run)

let registerSerial = 0;
/** A name no other row has, for the rows a register case creates. */
const registerNonce = (what: string) => `Matrix ${what} ${Date.now()}-${++registerSerial}`;

/** A fresh producing mine (since 2015) in `countyCode`, with the county's next free code; removed after the run. */
async function insertFreshMine(countyCode: string) {
  const mine = await one<MineRef & { version: number }>(
    `INSERT INTO "Mine" (code, name, "provinceCode", "prefectureCode", "countyCode", type, capacity, "gasGrade",
       "hydroType", "combustionClass", status)
     SELECT $1 || lpad((coalesce(max(substring(code FROM 7)::int), 0) + 1)::text, 4, '0'), $2, substr($1, 1, 2),
            substr($1, 1, 4), $1, 'UNDERGROUND', 90, 'LOW', 'SIMPLE', 'II', 'NORMAL_PRODUCTION'
       FROM "Mine" WHERE "countyCode" = $1 AND code ~ '^[0-9]{10}$'
     RETURNING id, code, name, "nameEn", "provinceCode", "prefectureCode", "countyCode", version`,
    [countyCode, registerNonce("mine")],
  );
  await sql(
    `INSERT INTO "MineStatusPeriod" ("mineId", status, "startedOn") VALUES ($1, 'NORMAL_PRODUCTION', '2015-01-01')`,
    [mine.id],
  );
  return { mine, teardown: () => deleteMinesNamed(mine.name) };
}

/** Removes the mines a case registered or made (their periods go with them). */
async function deleteMinesNamed(name: string) {
  await sql(`DELETE FROM "Mine" WHERE name = $1`, [name]);
}

/** The attributes a register form posts for a plain underground mine. */
function mineAttributes(name: string): Record<string, string> {
  return {
    name,
    nameEn: "",
    enterpriseId: "",
    type: "UNDERGROUND",
    capacity: "90",
    gasGrade: "LOW",
    hydroType: "SIMPLE",
    rockBurst: "false",
    combustionClass: "II",
  };
}

/** A county outside the caller's jurisdiction is refused next to the county field: the register's scope denial. */
function registerForm(success: RegExp) {
  return (r: ActionResponse): Outcome => {
    const o = formOutcome(r, success);
    if (o.kind === "validation" && o.detail === JSON.stringify({ countyCode: "countyNotFound" }))
      return { kind: "denied", key: "countyNotFound" };
    return o;
  };
}

// ---------------------------------------------------------------------------------------------
// The inventory

const LEVELS: Variant[] = [
  { label: "Level 1", level: 1 },
  { label: "Level 2", level: 2 },
  { label: "Level 3", level: 3 },
];
const ONE: Variant[] = [{ label: "" }];

function applicationStep(
  name: string,
  act: AppAct,
  state: AppState,
  values: (app: { id: number; version: number; objectionId: number | null }, w: World) => Record<string, string>,
  notice?: "open" | "ended",
): ActionEntry {
  return {
    file: "app/(portal)/applications/[id]/actions.ts",
    name,
    route: "app/(portal)/applications/[id]/page",
    capability: "write.processApplication",
    scoped: true,
    rule:
      `application in ${state}${notice ? ` (notice ${notice})` : ""}: only the body responsible for ${act} ` +
      `(defaults: the reviewer one tier below the grader; Level 1 graded by NMSA, 2 by the province, 3 by the prefecture), ` +
      `acting in its own region`,
    variants: LEVELS,
    expect: stepExpectation(act),
    build: async (w, c) => {
      const app = await insertApplication(w, needMine(c), c.variant.level!, state, notice, act === "RESOLVE");
      return fields(`/applications/${app.id}`, values(app, w), app.teardown);
    },
    read: form(),
  };
}

export const ACTIONS: ActionEntry[] = [
  // --- Any caller ---------------------------------------------------------------------------
  {
    file: "app/(auth)/login/actions.ts",
    name: "login",
    route: "app/(auth)/login/page",
    capability: "any",
    scoped: false,
    rule: "everybody may sign in (each role with its own account; the public with a demo account); LoginAttempt is not counted",
    variants: ONE,
    expect: () => ({ allowed: true, writes: false }),
    build: async (_w, c) => {
      const email = c.role === "PUBLIC" ? ACCOUNTS.OFFICIAL.email : ACCOUNTS[c.role].email;
      return {
        page: "/login",
        args: [{ ok: false }, formData({ email, password: DEMO_PASSWORD })],
        submitted: email,
      };
    },
    read: form(/^\/home/),
  },
  {
    file: "app/actions.ts",
    name: "setLocale",
    route: "app/(public)/register/page",
    capability: "any",
    scoped: false,
    rule: "everybody may choose the language (a cookie, no row)",
    variants: ONE,
    expect: () => ({ allowed: true, writes: false }),
    build: async () => ({ page: "/register", args: ["en"], submitted: "en" }),
    read: (r) => {
      const o = voidOutcome(r);
      if (o.kind !== "noop") return o;
      return r.headers.getSetCookie().some((c) => c.startsWith("NEXT_LOCALE=en"))
        ? { kind: "success" }
        : { kind: "error", detail: "no NEXT_LOCALE cookie" };
    },
  },
  {
    file: "app/(portal)/actions.ts",
    name: "signOutAction",
    route: "app/(portal)/home/page",
    capability: "any",
    scoped: false,
    rule: "everybody may sign out (to /login); it writes only session bookkeeping (RevokedSession), no domain row",
    variants: ONE,
    expect: () => ({ allowed: true, writes: false }),
    build: async () => ({ page: "/home", args: [], submitted: "" }),
    read: (r) => (redirectPath(r)?.startsWith("/login") ? { kind: "success" } : voidOutcome(r)),
  },

  // --- Spot-checks and accidents (write.spotCheck) ------------------------------------------
  {
    file: "app/(portal)/mines/[code]/spot-checks/new/actions.ts",
    name: "saveSpotCheck",
    route: "app/(portal)/mines/[code]/spot-checks/new/page",
    capability: "write.spotCheck",
    scoped: true,
    rule: "regulators (national, provincial, local) on mines in their scope",
    variants: ONE,
    expect: byCapability(fixed("write.spotCheck"), true),
    build: async (w, c) => {
      const mine = needMine(c);
      const payload = JSON.stringify({
        mineCode: mine.code,
        checkedOn: addDays(w.today, -1),
        type: "ROUTINE",
        team: "Authorization matrix team",
        findings: [],
        majorHiddenDangers: [],
        conclusion: "GRADE_MAINTAINED",
        notes: "authorization matrix",
      });
      return fields(minePage(mine, "/spot-checks/new"), { payload, scores: JSON.stringify(scoresOf(w)) });
    },
    read: form(/^\/mines\/[^/]+\/spot-checks\/\d+\?saved=recorded/),
  },
  {
    file: "app/(portal)/spot-checks/import/actions.ts",
    name: "importSpotChecksAction",
    route: "app/(portal)/spot-checks/import/page",
    capability: "write.spotCheck",
    scoped: true,
    rule: "regulators, for rows of mines in their scope (an out-of-scope mine reads as unknown)",
    variants: ONE,
    expect: byCapability(fixed("write.spotCheck"), true, undefined, ["problems.forbidden", "problems.mineNotFound"]),
    build: async (w, c) => {
      const mine = needMine(c);
      const header = [
        "mine_code",
        "checked_on",
        "type",
        "team",
        "conclusion",
        "major_hidden_dangers",
        ...w.elementCodes,
      ];
      const row = [mine.code, addDays(w.today, -2), "ROUTINE", "Matrix import", "GRADE_MAINTAINED", "0"];
      const csv = `${header.join(",")}\n${[...row, ...w.elementCodes.map(() => "95")].join(",")}\n`;
      const fd = new FormData();
      fd.append("file", new File([csv], "authz-matrix.csv", { type: "text/csv" }));
      return { page: "/spot-checks/import", args: [{ status: "idle" }, fd], submitted: csv };
    },
    read: (r) => {
      if (r.status >= 500) return { kind: "error", detail: `HTTP ${r.status}` };
      if (redirectPath(r)?.startsWith("/login")) return { kind: "login" };
      const state = r.result as { status?: string; errors?: { message: string }[] } | undefined;
      if (state?.status === "done") return { kind: "success" };
      const message = state?.errors?.[0]?.message;
      if (state?.status === "failed" && message) {
        return message === "problems.forbidden" || message === "problems.mineNotFound"
          ? { kind: "denied", key: message }
          : { kind: "validation", detail: JSON.stringify(state.errors) };
      }
      return { kind: "error", detail: JSON.stringify(r.result ?? null) };
    },
  },
  {
    file: "app/(portal)/mines/[code]/spot-checks/[id]/edit/actions.ts",
    name: "amendSpotCheckAction",
    route: "app/(portal)/mines/[code]/spot-checks/[id]/edit/page",
    capability: "write.spotCheck",
    scoped: true,
    rule: "regulators amend spot-checks of mines in their scope (roles.ts: write.spotCheck includes amending)",
    variants: ONE,
    expect: byCapability(fixed("write.spotCheck"), true),
    build: async (w, c) => {
      const mine = needMine(c);
      const check = await insertSpotCheck(w, mine);
      return fields(
        minePage(mine, `/spot-checks/${check.spotCheckId}/edit`),
        {
          mineCode: mine.code,
          spotCheckId: String(check.spotCheckId),
          version: String(check.version),
          team: "Amended by the matrix",
          notes: "",
          [`rectifiedOn.${check.findingId}`]: w.today,
        },
        check.teardown,
      );
    },
    read: form(/^\/mines\/[^/]+\/spot-checks\/\d+\?saved=amended/),
  },
  {
    file: "app/(portal)/mines/[code]/actions.ts",
    name: "recordAccidentAction",
    route: "app/(portal)/mines/[code]/accidents/new/page",
    capability: "write.spotCheck",
    scoped: true,
    rule: "regulators record accidents of mines in their scope (roles.ts: accidents found on inspection)",
    variants: ONE,
    expect: byCapability(fixed("write.spotCheck"), true),
    build: async (w, c) => {
      const mine = needMine(c);
      return fields(minePage(mine, "/accidents/new"), {
        mineCode: mine.code,
        occurredOn: addDays(w.today, -1),
        deaths: "0",
        injuries: "1",
        description: "Authorization matrix: a non-fatal accident",
      });
    },
    read: form(/^\/mines\/[^/?]+\?saved=accident/),
  },

  // --- Decisions ----------------------------------------------------------------------------
  {
    file: "app/(portal)/decisions/actions.ts",
    name: "confirmAction",
    route: "app/(portal)/decisions/page",
    capability: decisionCapability,
    scoped: true,
    rule: "a proposal on a grade of any level: the province, in its province (configuration defaults; NMSA only publishes Level 1)",
    variants: LEVELS,
    expect: byCapability(decisionCapability, true, undefined, [...DENIAL_KEYS, "levelNotYours"]),
    build: async (w, c) => {
      const d = await insertDecision(w, needMine(c), c.variant.level!, "PROPOSED");
      return fields(
        "/decisions",
        {
          decisionId: String(d.id),
          version: String(d.version),
          number: `AUTHZ-${d.id}`,
          legalBasis: "Authorization matrix",
          effectiveOn: w.today,
        },
        d.teardown,
      );
    },
    read: form(/^\/decisions\?done=confirmed/),
  },
  {
    file: "app/(portal)/decisions/actions.ts",
    name: "withdrawAction",
    route: "app/(portal)/decisions/page",
    capability: decisionCapability,
    scoped: true,
    // product.md names confirming only; withdrawing a proposal is the other half of deciding on it.
    rule: "as confirming (product.md is silent on withdrawing: it is treated as deciding on the proposal)",
    variants: LEVELS,
    expect: byCapability(decisionCapability, true, undefined, [...DENIAL_KEYS, "levelNotYours"]),
    build: async (w, c) => {
      const d = await insertDecision(w, needMine(c), c.variant.level!, "PROPOSED");
      return fields(
        "/decisions",
        { decisionId: String(d.id), version: String(d.version), reason: "Authorization matrix" },
        d.teardown,
      );
    },
    read: form(/^\/decisions\?done=withdrawn/),
  },
  {
    file: "app/(portal)/decisions/actions.ts",
    name: "scanStoppedAction",
    route: "app/(portal)/decisions/page",
    capability: "write.proposeDecision",
    scoped: true,
    rule:
      "the configuration's proposer (by default the prefecture) proposes revocations for mines in its scope stopped " +
      "too long; a regulator of another tier is refused and writes nothing; out of scope: the scan runs but proposes " +
      "nothing for the other mine (writes nothing at all once in-scope proposals are settled)",
    variants: ONE,
    mineFor: (w, role, scope) => {
      if (scope === "in") return w.stopped.datong;
      if (role === "LOCAL_REGULATOR") return w.stopped.shanxi;
      if (role === "PROVINCIAL_REGULATOR" || role === "PUBLIC") return w.stopped.outside;
      if (role === "MINE_MANAGER") return w.stopped.datong;
      return null;
    },
    expect: (w, c) => {
      if (c.role === "PUBLIC") return { allowed: false, via: "login" };
      // The fixture's grade is Level 2 (build): its proposer is the configured one for the mine's province.
      const proposer = c.mine && bodyOf(configuredBodies(w, c.mine.provinceCode, 2).proposerKind, c.mine);
      if (!may(c.role, "write.proposeDecision")) return { allowed: false, via: "noop" };
      // A regulator who proposes at no level (by default the province and NMSA) is told so.
      if (!proposesSomewhere(w, c.role)) return { allowed: false, via: "denial", keys: ["notProposer"] };
      if (c.mine && proposer && inScope(c.role, c.mine.code) && actsFor(c.role, proposer))
        return { allowed: true, writes: true };
      return { allowed: false, via: "noop" };
    },
    // Out of scope: first settle what is already due in the caller's own scope (before the fixture
    // exists), so that the case's scan has nothing left to do but the out-of-scope mine.
    settle: async (invoke, c) => {
      // (A caller who proposes nowhere is refused: settling writes nothing for it either.)
      if (c.role !== "PUBLIC" && may(c.role, "write.proposeDecision") && c.mine && !inScope(c.role, c.mine.code))
        await invoke();
    },
    build: async (w, c) => {
      // A fresh grade on a long-stopped mine: the scan's trigger fires for it (once per stoppage and grade).
      await insertGrade(w, needMine(c), 2, addDays(w.today, -20));
      return { page: "/decisions", args: [], submitted: "" };
    },
    // No result: completing is its success (the rows it wrote show that it proposed); a regulator of
    // another tier is sent back to the queue with the reason.
    read: (r) =>
      redirectPath(r) === "/decisions?refused=notProposer" ? { kind: "denied", key: "notProposer" } : voidOutcome(r),
    voidResult: true,
  },

  // --- The mine manager ---------------------------------------------------------------------
  {
    file: "app/(portal)/mines/[code]/actions.ts",
    name: "reportHiddenDangerAction",
    route: "app/(portal)/mines/[code]/page",
    capability: "write.selfAssessment",
    scoped: false,
    rule: "the mine manager reports a hidden danger of its own mine (the action takes no mine)",
    variants: ONE,
    expect: byCapability(fixed("write.selfAssessment"), false),
    // Removed after the case: an open major hidden danger bars grading in Shanxi (ProvinceRule), and the
    // manager's application case must find the mine as the seed left it.
    build: async (w) =>
      fields(
        minePage(w.mines.manager),
        { foundOn: addDays(w.today, -1), description: "Authorization matrix: self-reported danger" },
        () =>
          sql(`DELETE FROM "HiddenDanger" WHERE description = $1`, ["Authorization matrix: self-reported danger"]).then(
            () => undefined,
          ),
      ),
    read: form(),
  },
  {
    file: "app/(portal)/applications/new/actions.ts",
    name: "submitApplicationAction",
    route: "app/(portal)/applications/new/page",
    capability: "write.selfAssessment",
    scoped: false,
    rule: "the mine manager applies for its own mine (the action takes no mine)",
    variants: ONE,
    expect: byCapability(fixed("write.selfAssessment"), false),
    build: async (w) => {
      // Shanxi bars grading while a major hidden danger is open (ProvinceRule): the dangers earlier cases
      // reported for the manager's mine count as rectified for this case, and open again afterwards.
      const reopened = await sql<{ id: number }>(
        `UPDATE "HiddenDanger" SET "rectifiedOn" = "foundOn" WHERE "mineId" = $1 AND "rectifiedOn" IS NULL RETURNING id`,
        [w.mines.manager.id],
      );
      // The manager's Level-1 grade runs to 2029: a re-application is only possible in its last six
      // months, so for this case the grade's end is brought within them, and put back afterwards.
      const grade = await one<{ id: number; validUntil: string }>(
        `SELECT id, "validUntil"::text AS "validUntil" FROM "Grade" WHERE id = $1`,
        [await currentGradeId(w.mines.manager, w.today)],
      );
      const before = await one<{ max: number | null }>(`SELECT max(id) AS max FROM "GradeApplication"`);
      await sql(`UPDATE "Grade" SET "validUntil" = $2::date WHERE id = $1`, [grade.id, addDays(w.today, 90)]);
      return fields(
        "/applications/new",
        // Level 2: the manager's mine is in Shanxi, which grants Levels 1 and 2 only (rules-evidence.md [H]).
        {
          appliedLevel: "2",
          scores: JSON.stringify(scoresOf(w)),
          note: "Authorization matrix",
          ...conditionsMet(w),
        },
        async () => {
          await sql(`UPDATE "HiddenDanger" SET "rectifiedOn" = NULL WHERE id = ANY($1::int[])`, [
            reopened.map((r) => r.id),
          ]);
          await sql(`UPDATE "Grade" SET "validUntil" = $2::date WHERE id = $1`, [grade.id, grade.validUntil]);
          const made = await sql<{ id: number; selfScoresheetId: number | null }>(
            `SELECT id, "selfScoresheetId" FROM "GradeApplication" WHERE "mineId" = $1 AND id > $2`,
            [w.mines.manager.id, before.max ?? 0],
          );
          for (const a of made) await applicationTeardown(w.mines.manager, a.id, [a.selfScoresheetId])();
        },
      );
    },
    read: form(/^\/applications\/\d+$/),
  },
  {
    file: "app/(portal)/mines/[code]/reply-actions.ts",
    name: "addReplyAction",
    route: "app/(portal)/mines/[code]/page",
    capability: "write.reply",
    scoped: true,
    rule: "the mine manager replies to findings and confirmed decisions of its own mine",
    variants: [
      { label: "to a finding", replyTo: "finding" },
      { label: "to a decision", replyTo: "decision" },
    ],
    expect: byCapability(fixed("write.reply"), true),
    build: async (w, c) => {
      const mine = needMine(c);
      if (c.variant.replyTo === "finding") {
        const check = await insertSpotCheck(w, mine);
        return fields(
          minePage(mine),
          { target: "finding", targetId: String(check.findingId), text: "Rectified, see the attached report." },
          check.teardown,
        );
      }
      const d = await insertDecision(w, mine, 2, "CONFIRMED");
      return fields(
        minePage(mine),
        { target: "decision", targetId: String(d.id), text: "We contest the evidence." },
        d.teardown,
      );
    },
    read: form(),
  },
  {
    file: "app/(portal)/applications/[id]/actions.ts",
    name: "withdrawAction",
    route: "app/(portal)/applications/[id]/page",
    capability: "write.selfAssessment",
    scoped: true,
    rule: "the manager of the application's mine withdraws it (before the public notice)",
    variants: LEVELS,
    expect: byCapability(fixed("write.selfAssessment"), true, undefined, [...DENIAL_KEYS, "notYourStep"]),
    build: async (w, c) => {
      const app = await insertApplication(w, needMine(c), c.variant.level!, "SUBMITTED");
      return fields(
        `/applications/${app.id}`,
        { applicationId: String(app.id), version: String(app.version), reason: "Withdrawn by the matrix" },
        app.teardown,
      );
    },
    read: form(),
  },

  // --- Grading applications: the responsible body ----------------------------------------------
  applicationStep("reviewAction", "PASS_REVIEW", "SUBMITTED", (a) => ({
    applicationId: String(a.id),
    version: String(a.version),
    outcome: "PASS",
    reason: "",
  })),
  applicationStep("assessAction", "ASSESS", "INITIAL_REVIEW_PASSED", (a, w) => ({
    applicationId: String(a.id),
    version: String(a.version),
    scores: JSON.stringify(scoresOf(w)),
    note: "Assessed by the matrix",
  })),
  applicationStep("startNoticeAction", "START_NOTICE", "ASSESSED", (a) => ({
    applicationId: String(a.id),
    version: String(a.version),
  })),
  applicationStep("rejectAction", "REJECT", "ASSESSED", (a) => ({
    applicationId: String(a.id),
    version: String(a.version),
    reason: "Rejected by the matrix",
  })),
  applicationStep(
    "announceAction",
    "ANNOUNCE",
    "PUBLIC_NOTICE",
    (a) => ({ applicationId: String(a.id), version: String(a.version), announcementNo: `AUTHZ-A-${a.id}` }),
    "ended",
  ),
  applicationStep(
    "resolveObjectionAction",
    "RESOLVE",
    "PUBLIC_NOTICE",
    (a) => ({
      applicationId: String(a.id),
      objectionId: String(a.objectionId),
      version: String(a.version),
      outcome: "DISMISSED",
      reason: "Dismissed by the matrix",
    }),
    "open",
  ),

  // --- The public ---------------------------------------------------------------------------
  {
    file: "app/(public)/notices/[id]/actions.ts",
    name: "lodgeObjectionAction",
    route: "app/(public)/notices/[id]/page",
    capability: "write.objection",
    scoped: true,
    rule: "anyone, signed in or not, any mine, but only while the public notice is open",
    variants: [
      { label: "notice open", open: true },
      { label: "notice ended", open: false },
      // Issue 15.5: a photo sent with the objection is stored in the same transaction, or nothing is.
      { label: "notice open, with a photo", open: true, withFile: true },
      { label: "notice ended, with a photo", open: false, withFile: true },
    ],
    expect: (_w, c) =>
      c.variant.open && may(c.role, "write.objection")
        ? { allowed: true, writes: true }
        : { allowed: false, via: "denial", keys: ["noticeClosed"] },
    build: async (w, c) => {
      const app = await insertApplication(w, needMine(c), 2, "PUBLIC_NOTICE", c.variant.open ? "open" : "ended");
      const fixture = fields(
        `/notices/${app.id}`,
        {
          applicationId: String(app.id),
          name: "Matrix objector",
          contact: "objector@example.test",
          text: "The site assessment missed the ventilation records.",
        },
        app.teardown,
      );
      if (c.variant.withFile) (fixture.args[1] as FormData).append("files", matrixPhoto());
      return fixture;
    },
    read: form(),
  },

  // --- Issue 15.5: evidence files, added by exactly who may write the record ---------------------
  {
    file: "app/(portal)/evidence-actions.ts",
    name: "attachEvidenceAction",
    route: "app/(portal)/mines/[code]/spot-checks/[id]/page",
    capability: (v) =>
      v.evidenceOn === "hiddenDanger" || v.evidenceOn === "application" ? "write.selfAssessment" : "write.spotCheck",
    scoped: true,
    rule: "a finding's or an accident's files: the regulators who record them, in their scope; a self-reported hidden danger's and an application's: the mine's manager",
    variants: [
      { label: "on a finding", evidenceOn: "finding" },
      { label: "on an accident", evidenceOn: "accident" },
      { label: "on a self-reported hidden danger", evidenceOn: "hiddenDanger" },
      { label: "on an application", evidenceOn: "application" },
    ],
    expect: (w, c) =>
      byCapability(
        () =>
          c.variant.evidenceOn === "hiddenDanger" || c.variant.evidenceOn === "application"
            ? "write.selfAssessment"
            : "write.spotCheck",
        true,
      )(w, c),
    build: async (w, c) => {
      const mine = needMine(c);
      let ownerId: number;
      let page = minePage(mine);
      let teardown: (() => Promise<void>) | undefined;
      switch (c.variant.evidenceOn) {
        case "finding": {
          const check = await insertSpotCheck(w, mine);
          ownerId = check.findingId;
          page = minePage(mine, `/spot-checks/${check.spotCheckId}`);
          teardown = check.teardown;
          break;
        }
        case "accident":
          ownerId = (
            await one<{ id: number }>(
              `INSERT INTO "Accident" ("mineId", "occurredOn", deaths, injuries, description)
               VALUES ($1, $2::date, 0, 0, 'Authorization matrix accident') RETURNING id`,
              [mine.id, addDays(w.today, -3)],
            )
          ).id;
          teardown = () => sql(`DELETE FROM "Accident" WHERE id = $1`, [ownerId]).then(() => undefined);
          break;
        case "hiddenDanger":
          ownerId = (
            await one<{ id: number }>(
              `INSERT INTO "HiddenDanger" ("mineId", source, "foundOn", description, "rectifiedOn")
               VALUES ($1, 'SELF_REPORTED', $2::date, 'Authorization matrix danger', $2::date) RETURNING id`,
              [mine.id, addDays(w.today, -3)],
            )
          ).id;
          teardown = () => sql(`DELETE FROM "HiddenDanger" WHERE id = $1`, [ownerId]).then(() => undefined);
          break;
        default: {
          const app = await insertApplication(w, mine, 2, "SUBMITTED");
          ownerId = app.id;
          page = `/applications/${app.id}`;
          teardown = app.teardown;
        }
      }
      const fixture = fields(page, { ownerKind: c.variant.evidenceOn!, ownerId: String(ownerId) }, teardown);
      (fixture.args[1] as FormData).append("files", matrixPhoto());
      return fixture;
    },
    read: form(),
  },

  // --- ADMIN: the working-day calendar (issue 13.9) ----------------------------------------------
  {
    file: "app/(portal)/admin/calendar/actions.ts",
    name: "saveCalendarDayAction",
    route: "app/(portal)/admin/calendar/page",
    capability: "write.calendar",
    scoped: false,
    rule: "ADMIN adds a day to the working-day calendar (a date of its own per case)",
    variants: ONE,
    expect: byCapability(fixed("write.calendar"), false),
    build: async () => {
      const date = nextCalendarDate();
      return fields(
        "/admin/calendar",
        { date, kind: "HOLIDAY", nameZh: "矩阵假日", nameEn: "Matrix holiday", version: "" },
        () => sql(`DELETE FROM "CalendarDay" WHERE date = $1::date`, [date]).then(() => undefined),
      );
    },
    read: form(),
  },
  {
    file: "app/(portal)/admin/calendar/actions.ts",
    name: "deleteCalendarDayAction",
    route: "app/(portal)/admin/calendar/page",
    capability: "write.calendar",
    scoped: false,
    rule: "ADMIN removes a day from the working-day calendar, at the version seen",
    variants: ONE,
    expect: byCapability(fixed("write.calendar"), false),
    build: async () => {
      const date = nextCalendarDate();
      await sql(
        `INSERT INTO "CalendarDay" (date, kind, "nameZh", "nameEn", "updatedAt") VALUES ($1::date, 'HOLIDAY', '矩阵', 'Matrix', now())`,
        [date],
      );
      return fields("/admin/calendar", { date, version: "0" }, () =>
        sql(`DELETE FROM "CalendarDay" WHERE date = $1::date`, [date]).then(() => undefined),
      );
    },
    read: form(),
  },
  {
    file: "app/(portal)/admin/calendar/actions.ts",
    name: "coverCalendarYearAction",
    route: "app/(portal)/admin/calendar/page",
    capability: "write.calendar",
    scoped: false,
    rule: "ADMIN marks a year of the working-day calendar as covered (a year the seed does not cover)",
    variants: ONE,
    expect: byCapability(fixed("write.calendar"), false),
    build: async () => {
      const year = 2040;
      await sql(`DELETE FROM "CalendarYear" WHERE year = $1`, [year]);
      return fields("/admin/calendar", { year: String(year), source: "矩阵通知" }, () =>
        sql(`DELETE FROM "CalendarYear" WHERE year = $1`, [year]).then(() => undefined),
      );
    },
    read: form(),
  },
  // --- ADMIN: the scheduled jobs (issue 15.3) ------------------------------------------------------
  {
    file: "app/(portal)/admin/jobs/actions.ts",
    name: "runJobNowAction",
    route: "app/(portal)/admin/jobs/page",
    capability: "run.jobs",
    scoped: false,
    rule: "ADMIN queues a run of the housekeeping job now (the queued run is removed again)",
    variants: ONE,
    expect: byCapability(fixed("run.jobs"), false),
    build: async () =>
      fields("/admin/jobs", { job: "housekeeping" }, () =>
        sql(`SELECT graphile_worker.remove_job('run-now:housekeeping')::text`).then(() => undefined),
      ),
    read: form(),
  },
  // ---- issue 15: notifications (each user's own) -------------------------------------------------
  ...notificationEntries(),
  // ---- end of issue 15, notifications -----------------------------------------------------------
  // ---- issue 12: administration, user accounts -------------------------------------------------
  // Each case makes a FRESH mine manager's account in the target mine's county (so the account is
  // in or out of the caller's reach exactly as the mine is in or out of its scope), then acts on it.
  ...userAccountEntries(),
  // ---- end of issue 12, user accounts ----------------------------------------------------------
  // ---- issue 12: administration, authorities and spot-check targets ----------------------------
  ...authorityAndTargetEntries(),
  // ---- end of issue 12, authorities and spot-check targets --------------------------------------
  // --- Issue 12: the mine register (write.register) -----------------------------------------
  {
    file: "app/(portal)/mines/new/actions.ts",
    name: "registerMineAction",
    route: "app/(portal)/mines/new/page",
    capability: "write.register",
    scoped: true,
    rule: "national, provincial and local regulators register mines in counties of their jurisdiction (not ADMIN)",
    variants: ONE,
    expect: byCapability(fixed("write.register"), true, undefined, [...DENIAL_KEYS, "countyNotFound"]),
    build: async (w, c) => {
      const mine = needMine(c);
      const name = registerNonce("registered mine");
      return fields(
        "/mines/new",
        {
          countyCode: mine.countyCode,
          sequence: "",
          ...mineAttributes(name),
          status: "NORMAL_PRODUCTION",
          effectiveOn: w.today,
          reason: "",
          documentNo: "",
        },
        () => deleteMinesNamed(name),
      );
    },
    read: registerForm(/^\/mines\/\d{10}\?saved=registered$/),
  },
  {
    file: "app/(portal)/mines/[code]/edit/actions.ts",
    name: "editMineAction",
    route: "app/(portal)/mines/[code]/edit/page",
    capability: "write.register",
    scoped: true,
    rule: "register keepers edit the attributes of mines in their jurisdiction (version-checked)",
    variants: ONE,
    expect: byCapability(fixed("write.register"), true),
    build: async (_w, c) => {
      const { mine, teardown } = await insertFreshMine(needMine(c).countyCode);
      return fields(
        minePage(mine, "/edit"),
        { mineCode: mine.code, version: String(mine.version), ...mineAttributes(mine.name), capacity: "150" },
        teardown,
      );
    },
    read: form(/^\/mines\/\d{10}\?saved=edited$/),
  },
  {
    file: "app/(portal)/mines/[code]/status/actions.ts",
    name: "changeStatusAction",
    route: "app/(portal)/mines/[code]/status/page",
    capability: "write.register",
    scoped: true,
    rule: "register keepers record production-status changes (closure too) of mines in their jurisdiction",
    variants: ONE,
    expect: byCapability(fixed("write.register"), true),
    build: async (w, c) => {
      const { mine, teardown } = await insertFreshMine(needMine(c).countyCode);
      return fields(
        minePage(mine, "/status"),
        { mineCode: mine.code, status: "STOPPED", effectiveOn: w.today, reason: "Matrix", documentNo: "" },
        teardown,
      );
    },
    read: form(/^\/mines\/\d{10}\/status\?saved=status$/),
  },
  {
    file: "app/(portal)/mines/import/actions.ts",
    name: "importRegisterAction",
    route: "app/(portal)/mines/import/page",
    capability: "write.register",
    scoped: true,
    rule: "register keepers import mines into counties of their jurisdiction (an out-of-scope county reads as unknown)",
    variants: ONE,
    expect: byCapability(fixed("write.register"), true, undefined, [
      "problems.registerForbidden",
      "problems.countyNotFound",
    ]),
    build: async (w, c) => {
      const mine = needMine(c);
      const name = registerNonce("imported mine");
      const csv =
        "county_code,sequence,name,name_en,enterprise,type,capacity,gas_grade,hydro_type,rock_burst,combustion_class,status,effective_on,reason,document_no\n" +
        `${mine.countyCode},,${name},,,UNDERGROUND,90,LOW,SIMPLE,false,II,NORMAL_PRODUCTION,${w.today},,\n`;
      const fd = new FormData();
      fd.append("kind", "mines");
      fd.append("file", new File([csv], "authz-register.csv", { type: "text/csv" }));
      return {
        page: "/mines/import",
        args: [{ status: "idle" }, fd],
        submitted: csv,
        teardown: () => deleteMinesNamed(name),
      };
    },
    read: (r) => {
      if (r.status >= 500) return { kind: "error", detail: `HTTP ${r.status}` };
      if (redirectPath(r)?.startsWith("/login")) return { kind: "login" };
      const state = r.result as { status?: string; errors?: { message: string }[] } | undefined;
      if (state?.status === "done") return { kind: "success" };
      const message = state?.errors?.[0]?.message;
      if (state?.status === "failed" && message) {
        return message === "problems.registerForbidden" || message === "problems.countyNotFound"
          ? { kind: "denied", key: message }
          : { kind: "validation", detail: JSON.stringify(state.errors) };
      }
      return { kind: "error", detail: JSON.stringify(r.result ?? null) };
    },
  },
  {
    file: "app/(portal)/enterprises/actions.ts",
    name: "createEnterpriseAction",
    route: "app/(portal)/enterprises/page",
    capability: "write.register",
    scoped: false,
    rule: "register keepers create enterprises",
    variants: ONE,
    expect: byCapability(fixed("write.register"), false),
    build: async () => {
      const name = registerNonce("enterprise");
      return fields("/enterprises", { name, nameEn: "" }, async () => {
        await sql(`DELETE FROM "Enterprise" WHERE name = $1`, [name]);
      });
    },
    read: form(),
  },
  {
    file: "app/(portal)/enterprises/[id]/edit/actions.ts",
    name: "editEnterpriseAction",
    route: "app/(portal)/enterprises/[id]/edit/page",
    capability: "write.register",
    scoped: false,
    rule: "register keepers rename enterprises whose mines all lie in their jurisdiction (here: one without mines)",
    variants: ONE,
    expect: byCapability(fixed("write.register"), false),
    build: async () => {
      const e = await one<{ id: number }>(`INSERT INTO "Enterprise" (name) VALUES ($1) RETURNING id`, [
        registerNonce("enterprise to rename"),
      ]);
      return fields(
        `/enterprises/${e.id}/edit`,
        { enterpriseId: String(e.id), version: "0", name: registerNonce("renamed enterprise"), nameEn: "" },
        async () => {
          await sql(`DELETE FROM "Enterprise" WHERE id = $1`, [e.id]);
        },
      );
    },
    read: form(/^\/enterprises\/\d+\/edit\?saved=1$/),
  },
  // --- ADMIN: rule versions (issue 12.3, 13.6) ------------------------------------------------------
  {
    file: "app/(portal)/admin/rules/actions.ts",
    name: "cloneRuleVersionAction",
    route: "app/(portal)/admin/rules/page",
    capability: "write.ruleVersion",
    scoped: false,
    rule: "ADMIN clones a rule version to a new draft (a code of its own per case)",
    variants: ONE,
    expect: byCapability(fixed("write.ruleVersion"), false),
    build: async () => {
      const code = `C${process.pid % 10000}-${draftSerial++}`;
      return fields("/admin/rules", { from: "2024", code, nameZh: "矩阵副本", nameEn: "Matrix copy" }, () =>
        sql(`DELETE FROM "RuleVersion" WHERE code = $1`, [code]).then(() => undefined),
      );
    },
    read: form(),
  },
  {
    file: "app/(portal)/admin/rules/actions.ts",
    name: "saveRuleDraftAction",
    route: "app/(portal)/admin/rules/[code]/page",
    capability: "write.ruleVersion",
    scoped: false,
    rule: "ADMIN edits a draft rule version at the version seen (a fresh draft per case)",
    variants: ONE,
    expect: byCapability(fixed("write.ruleVersion"), false),
    build: async () => {
      const draft = await makeRuleDraft();
      return fields(
        `/admin/rules/${draft.code}`,
        { code: draft.code, version: "0", "threshold:3:TOTAL": "71" },
        draft.teardown,
      );
    },
    read: form(),
  },
  {
    file: "app/(portal)/admin/rules/actions.ts",
    name: "publishRuleVersionAction",
    route: "app/(portal)/admin/rules/[code]/page",
    capability: "write.ruleVersion",
    scoped: false,
    rule: "ADMIN publishes a draft rule version with an effective date far ahead (a fresh draft per case)",
    variants: ONE,
    expect: byCapability(fixed("write.ruleVersion"), false),
    build: async () => {
      const draft = await makeRuleDraft();
      const effectiveFrom = addDays("2090-01-01", draftSerial);
      return fields(`/admin/rules/${draft.code}`, { code: draft.code, version: "0", effectiveFrom }, draft.teardown);
    },
    read: form(),
  },
];

/** The capability an entry needs for a variant ("any" for the sign-in, language and sign-out actions). */
export function capabilityOf(entry: ActionEntry, v: Variant): Capability | "any" {
  return typeof entry.capability === "function" ? entry.capability(v) : entry.capability;
}

/** Why a case is not run, or null: national roles have nothing out of scope; an action without a mine has no out-of-scope target. */
export function skipReason(entry: ActionEntry, role: Role, scope: Scope): string | null {
  if (scope === "in") return null;
  if (!entry.scoped)
    return "the action takes no mine (it acts on the caller's own mine or on nothing), so nothing is out of scope";
  if (isNational(role)) return `${role} has national scope: no mine is out of its scope`;
  return null;
}

// ---------------------------------------------------------------------------------------------
// Issue 12: administration (user accounts)

let accountSerial = 0;

/** A fresh account for one case (a mine manager of `county` unless told), not signed in anywhere. */
async function insertAccount(
  county: string,
  opts: { role?: string; active?: boolean } = {},
): Promise<{ id: number; version: number; email: string }> {
  const email = `authz-${Date.now()}-${++accountSerial}@matrix.test`;
  return one<{ id: number; version: number; email: string }>(
    `INSERT INTO "User" (email, name, "passwordHash", role, jurisdiction, active)
     VALUES ($1, 'Matrix account', 'not-a-login', $2::"Role", $3, $4) RETURNING id, version, email`,
    [email, opts.role ?? "MINE_MANAGER", county, opts.active ?? true],
  );
}

/** Refusals of reach come back as a field error next to the role or region (or mine): read them as denials. */
const REACH_KEYS = ["beyondReach", "targetNotYours"];
function adminForm(r: ActionResponse): Outcome {
  const outcome = formOutcome(r);
  if (outcome.kind !== "validation") return outcome;
  const errors = Object.values(JSON.parse(outcome.detail) as Record<string, string>);
  const reach = errors.find((k) => REACH_KEYS.includes(k));
  return reach ? { kind: "denied", key: reach } : outcome;
}

// Functions, not constants: the inventory above calls userAccountEntries() while this module is still loading.
function usersRoute(): string {
  return "app/(portal)/admin/users/[id]/page";
}
function usersFile(): string {
  return "app/(portal)/admin/users/[id]/actions.ts";
}

/** The accounts a case may ask for, as product.md names them, for the target mine's place. */
type AccountKind = "manager" | "local" | "provincial" | "national";
function accountFor(kind: AccountKind, m: MineRef): { role: Exclude<Role, "PUBLIC">; jurisdiction: string } {
  switch (kind) {
    case "manager":
      return { role: "MINE_MANAGER", jurisdiction: m.countyCode };
    case "local":
      return { role: "LOCAL_REGULATOR", jurisdiction: m.prefectureCode };
    case "provincial":
      return { role: "PROVINCIAL_REGULATOR", jurisdiction: m.provinceCode };
    case "national":
      return { role: "NATIONAL_REGULATOR", jurisdiction: "" };
  }
}

function reachExpectation(check: (c: Case) => boolean) {
  return (_w: World, c: Case): Expectation => {
    if (c.role === "PUBLIC") return { allowed: false, via: "login" };
    return check(c)
      ? { allowed: true, writes: true }
      : { allowed: false, via: "denial", keys: [...DENIAL_KEYS, ...REACH_KEYS] };
  };
}

/** An operation on a fresh manager's account of the target mine's county: allowed within reach only. */
function accountOperation(
  name: string,
  rule: string,
  values: (account: { id: number; version: number }, m: MineRef) => Record<string, string>,
  opts: { active?: boolean } = {},
): ActionEntry {
  return {
    file: usersFile(),
    name,
    route: usersRoute(),
    capability: "manage.users",
    scoped: true,
    rule,
    variants: ONE,
    expect: reachExpectation((c) => mayManageAccountOf(c.role, "MINE_MANAGER", c.mine!.countyCode)),
    build: async (_w, c) => {
      const m = needMine(c);
      const account = await insertAccount(m.countyCode, { active: opts.active });
      return fields(`/admin/users/${account.id}`, values(account, m));
    },
    read: adminForm,
  };
}

function userAccountEntries(): ActionEntry[] {
  const ref = (a: { id: number; version: number }) => ({ userId: String(a.id), version: String(a.version) });
  const kinds: { label: string; kind: AccountKind }[] = [
    { label: "a manager of the mine's county", kind: "manager" },
    { label: "a local regulator of the mine's prefecture", kind: "local" },
    { label: "a provincial regulator of the mine's province", kind: "provincial" },
    { label: "a national regulator", kind: "national" },
  ];
  const kindOf = (v: Variant) => kinds.find((k) => k.label === v.label)!.kind;
  return [
    {
      file: "app/(portal)/admin/users/new/actions.ts",
      name: "createUserAction",
      route: "app/(portal)/admin/users/new/page",
      capability: "manage.users",
      scoped: true,
      rule:
        "ADMIN creates any account; a province local regulators, officials and managers in its province; a local " +
        "regulator managers in its area; nobody an account reaching beyond their own (role or region)",
      variants: kinds.map((k) => ({ label: k.label })),
      expect: reachExpectation((c) => {
        const a = accountFor(kindOf(c.variant), c.mine!);
        return mayManageAccountOf(c.role, a.role, a.jurisdiction);
      }),
      build: async (_w, c) => {
        const a = accountFor(kindOf(c.variant), needMine(c));
        return fields("/admin/users/new", {
          email: `authz-new-${Date.now()}-${++accountSerial}@matrix.test`,
          name: "Matrix new account",
          role: a.role,
          jurisdiction: a.jurisdiction,
        });
      },
      read: adminForm,
    },
    {
      file: usersFile(),
      name: "updateUserAction",
      route: usersRoute(),
      capability: "manage.users",
      scoped: true,
      rule: "an account within reach, changed to one still within reach (a manager renamed; or widened to the province)",
      variants: [{ label: "rename" }, { label: "widen to a provincial regulator" }],
      expect: reachExpectation((c) => {
        const before = mayManageAccountOf(c.role, "MINE_MANAGER", c.mine!.countyCode);
        const after =
          c.variant.label === "rename"
            ? before
            : mayManageAccountOf(c.role, "PROVINCIAL_REGULATOR", c.mine!.provinceCode);
        return before && after;
      }),
      build: async (_w, c) => {
        const m = needMine(c);
        const account = await insertAccount(m.countyCode);
        const after = c.variant.label === "rename" ? accountFor("manager", m) : accountFor("provincial", m);
        return fields(`/admin/users/${account.id}`, {
          ...ref(account),
          name: "Matrix renamed",
          role: after.role,
          jurisdiction: after.jurisdiction,
        });
      },
      read: adminForm,
    },
    accountOperation("disableUserAction", "disable an account within reach", (a) => ref(a)),
    accountOperation("enableUserAction", "enable an account within reach", (a) => ref(a), { active: false }),
    accountOperation("resetPasswordAction", "reset the password of an account within reach", (a) => ref(a)),
    accountOperation("liftLockoutAction", "lift the sign-in lockout of an account within reach", (a) => ref(a)),
    accountOperation("endSessionsAction", "end the sessions of an account within reach", (a) => ref(a)),
    accountOperation("linkMineAction", "link a manager's account within reach to a mine in scope", (a, m) => ({
      ...ref(a),
      mineId: String(m.id),
    })),
    {
      file: "app/(auth)/password/actions.ts",
      name: "changePasswordAction",
      route: "app/(auth)/password/page",
      capability: "any",
      scoped: false,
      rule: "every signed-in user changes their own password (the current one asked for); the public signs in first",
      variants: ONE,
      expect: (_w, c) => (c.role === "PUBLIC" ? { allowed: false, via: "login" } : { allowed: true, writes: true }),
      build: async (_w, c) => {
        const values = {
          current: DEMO_PASSWORD,
          password: "Matrix-Changed-Pass-2026",
          confirm: "Matrix-Changed-Pass-2026",
        };
        if (c.role === "PUBLIC") return fields("/password", values);
        const email = ACCOUNTS[c.role].email;
        // The demo account gets its password and sessions back at once (after), so the role's other cases run on.
        const [before] = await sql<{ passwordHash: string; sessionsValidFrom: Date | null }>(
          `SELECT "passwordHash", "sessionsValidFrom" FROM "User" WHERE email = $1`,
          [email],
        );
        return {
          ...fields("/password", values),
          after: async () => {
            await sql(
              `UPDATE "User" SET "passwordHash" = $2, "sessionsValidFrom" = $3, "mustChangePassword" = false WHERE email = $1`,
              [email, before.passwordHash, before.sessionsValidFrom],
            );
          },
        };
      },
      // Success signs in afresh and goes home.
      read: form(/^\/home$/),
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// Issue 12: administration (authorities, spot-check targets)

/**
 * A county no county authority names (one per kind and region), for a fresh authority. Setup ships one
 * for every county, so the last one that nothing refers to is removed first.
 */
async function freeCounty(): Promise<string> {
  const [free] = await sql<{ code: string }>(
    `SELECT r.code FROM "Region" r WHERE r.level = 'COUNTY'
       AND NOT EXISTS (SELECT 1 FROM "Authority" a WHERE a.kind = 'COUNTY' AND a."regionCode" = r.code)
     ORDER BY r.code DESC LIMIT 1`,
  );
  if (free) return free.code;
  const row = await one<{ code: string }>(
    `DELETE FROM "Authority" WHERE id = (
       SELECT a.id FROM "Authority" a WHERE a.kind = 'COUNTY'
          AND NOT EXISTS (SELECT 1 FROM "Grade" g WHERE g."authorityId" = a.id)
          AND NOT EXISTS (SELECT 1 FROM "Decision" d WHERE d."authorityId" = a.id)
          AND NOT EXISTS (SELECT 1 FROM "SpotCheck" s WHERE s."authorityId" = a.id)
        ORDER BY a."regionCode" DESC LIMIT 1)
     RETURNING "regionCode" AS code`,
  );
  return row.code;
}

/** A year no target uses yet (2040 on), so each case's target is new. */
let targetYear = 2040;
async function freeTargetYear(): Promise<number> {
  for (;;) {
    const year = targetYear++;
    const [used] = await sql(`SELECT 1 FROM "SpotCheckTarget" WHERE year = $1 LIMIT 1`, [year]);
    if (!used) return year;
  }
}

/** product.md: ADMIN sets any target; a provincial regulator its own province's (and its prefectures'). */
function maySetTarget(role: Role, regionCode: string): boolean {
  if (role === "PUBLIC" || !may(role, "manage.targets")) return false;
  if (role === "ADMIN") return true;
  const own = ACCOUNTS[role].jurisdiction;
  return own !== "" && regionCode.startsWith(own);
}

type TargetPlace = "province" | "prefecture" | "national";
function targetRegion(place: TargetPlace, m: MineRef): string {
  return place === "province" ? m.provinceCode : place === "prefecture" ? m.prefectureCode : "";
}

function authorityAndTargetEntries(): ActionEntry[] {
  const places: { label: string; place: TargetPlace }[] = [
    { label: "the mine's province", place: "province" },
    { label: "the mine's prefecture", place: "prefecture" },
    { label: "national", place: "national" },
  ];
  const placeOf = (v: Variant) => places.find((p) => p.label === v.label)!.place;
  const adminOnly = (_w: World, c: Case): Expectation =>
    c.role === "PUBLIC"
      ? { allowed: false, via: "login" }
      : may(c.role, "manage.authorities")
        ? { allowed: true, writes: true }
        : { allowed: false, via: "denial", keys: DENIAL_KEYS };
  return [
    {
      file: "app/(portal)/admin/authorities/actions.ts",
      name: "createAuthorityAction",
      route: "app/(portal)/admin/authorities/new/page",
      capability: "manage.authorities",
      scoped: false,
      rule: "ADMIN only (product.md: ADMIN writes authorities)",
      variants: ONE,
      expect: adminOnly,
      build: async () =>
        fields("/admin/authorities/new", {
          nameZh: "矩阵测试县应急管理局",
          nameEn: "Matrix County Bureau",
          kind: "COUNTY",
          regionCode: await freeCounty(),
        }),
      read: adminForm,
    },
    {
      file: "app/(portal)/admin/authorities/actions.ts",
      name: "updateAuthorityAction",
      route: "app/(portal)/admin/authorities/[id]/page",
      capability: "manage.authorities",
      scoped: false,
      rule: "ADMIN only (product.md: ADMIN writes authorities)",
      variants: ONE,
      expect: adminOnly,
      build: async () => {
        const county = await freeCounty();
        const a = await one<{ id: number; version: number }>(
          `INSERT INTO "Authority" (kind, "regionCode", "nameZh", "nameEn") VALUES ('COUNTY', $1, '矩阵局', 'Matrix Bureau')
           RETURNING id, version`,
          [county],
        );
        return fields(`/admin/authorities/${a.id}`, {
          authorityId: String(a.id),
          version: String(a.version),
          nameZh: "矩阵局（改）",
          nameEn: "Matrix Bureau (renamed)",
          kind: "COUNTY",
          regionCode: county,
        });
      },
      read: adminForm,
    },
    {
      file: "app/(portal)/admin/targets/actions.ts",
      name: "createTargetAction",
      route: "app/(portal)/admin/targets/page",
      capability: "manage.targets",
      scoped: true,
      rule: "ADMIN any region; a provincial regulator its own province and its prefectures, never national or another's",
      variants: places.map((p) => ({ label: p.label })),
      expect: reachExpectation((c) => maySetTarget(c.role, targetRegion(placeOf(c.variant), c.mine!))),
      build: async (_w, c) =>
        fields("/admin/targets", {
          year: String(await freeTargetYear()),
          regionCode: targetRegion(placeOf(c.variant), needMine(c)),
          level: "",
          ratio: "12.5",
        }),
      read: adminForm,
    },
    {
      file: "app/(portal)/admin/targets/actions.ts",
      name: "updateTargetAction",
      route: "app/(portal)/admin/targets/page",
      capability: "manage.targets",
      scoped: true,
      rule: "a target of the mine's province: ADMIN, or that province's regulator",
      variants: ONE,
      expect: reachExpectation((c) => maySetTarget(c.role, c.mine!.provinceCode)),
      build: async (_w, c) => {
        const t = await one<{ id: number; version: number }>(
          `INSERT INTO "SpotCheckTarget" (year, "regionCode", level, ratio) VALUES ($1, $2, NULL, 0.1) RETURNING id, version`,
          [await freeTargetYear(), needMine(c).provinceCode],
        );
        return fields("/admin/targets", { targetId: String(t.id), version: String(t.version), ratio: "20" });
      },
      read: adminForm,
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// Issue 15: notifications. Every signed-in user reads and marks their own notifications and sets their
// own preferences; a notification of another user reads as absent; the public signs in first.

/** The demo account's user id of a role. */
async function demoUserId(role: Exclude<Role, "PUBLIC">): Promise<number> {
  return (await one<{ id: number }>(`SELECT id FROM "User" WHERE email = $1`, [ACCOUNTS[role].email])).id;
}

/** A fresh unread notification of the user, removed by the returned teardown. */
async function unreadNotification(userId: number): Promise<{ id: number; teardown: () => Promise<void> }> {
  const { id } = await one<{ id: number }>(
    `INSERT INTO "Notification" ("userId", kind, params, link)
     VALUES ($1, 'GRADE_EXPIRING', '{"mine":"矩阵煤矿","code":"0","validUntil":"2040-01-01","days":30}', '/mines')
     RETURNING id`,
    [userId],
  );
  return { id, teardown: () => sql(`DELETE FROM "Notification" WHERE id = $1`, [id]).then(() => undefined) };
}

/** Another user than the demo accounts: whose notification nobody else may touch. */
async function strangerId(): Promise<number> {
  const [row] = await sql<{ id: number }>(`SELECT id FROM "User" WHERE email = 'matrix-stranger@matrix.test'`);
  if (row) return row.id;
  return (
    await one<{ id: number }>(
      `INSERT INTO "User" (email, name, "passwordHash", role, jurisdiction, active)
       VALUES ('matrix-stranger@matrix.test', 'Matrix stranger', 'not-a-login', 'OFFICIAL', '', true) RETURNING id`,
    )
  ).id;
}

const NOTIFICATION_KINDS = [
  "DECISION_PROPOSED",
  "DECISION_CONFIRMED",
  "DECISION_WITHDRAWN",
  "SPOT_CHECK_FINDINGS",
  "APPLICATION_STATE",
  "REPLY_POSTED",
  "GRADE_EXPIRING",
  "FINDING_OVERDUE",
];

function notificationEntries(): ActionEntry[] {
  const file = "app/(portal)/notifications/actions.ts";
  const own: Variant = { label: "own notification" };
  const other: Variant = { label: "another user's notification" };
  const signedIn = (_w: World, c: Case): Expectation =>
    c.role === "PUBLIC" ? { allowed: false, via: "login" } : { allowed: true, writes: true };
  return [
    {
      file,
      name: "markReadAction",
      route: "app/(portal)/notifications/page",
      capability: "any",
      scoped: false,
      rule: "every signed-in user marks their own notification read; another user's reads as absent; the public signs in first",
      variants: [own, other],
      expect: (_w, c) =>
        c.role === "PUBLIC"
          ? { allowed: false, via: "login" }
          : c.variant.label === own.label
            ? { allowed: true, writes: true }
            : { allowed: false, via: "denial", keys: ["notFound"] },
      build: async (_w, c) => {
        const owner =
          c.role === "PUBLIC" || c.variant.label === other.label ? await strangerId() : await demoUserId(c.role);
        const n = await unreadNotification(owner);
        return fields("/notifications", { notificationId: String(n.id) }, n.teardown);
      },
      read: form(),
    },
    {
      file,
      name: "markAllReadAction",
      route: "app/(portal)/notifications/page",
      capability: "any",
      scoped: false,
      rule: "every signed-in user marks all their own notifications read (and only theirs); the public signs in first",
      variants: ONE,
      expect: signedIn,
      build: async (_w, c) => {
        // The stranger's unread notification must stay unread: a write to it would show as a changed row
        // only in the Notification table, which the caller's own change also touches, so it is checked here.
        const stranger = await unreadNotification(await strangerId());
        const mine = c.role === "PUBLIC" ? null : await unreadNotification(await demoUserId(c.role));
        return {
          ...fields("/notifications", {}),
          after: async () => {
            const [row] = await sql<{ readAt: Date | null }>(`SELECT "readAt" FROM "Notification" WHERE id = $1`, [
              stranger.id,
            ]);
            if (row?.readAt) throw new Error("markAllReadAction marked another user's notification read");
          },
          teardown: async () => {
            await stranger.teardown();
            await mine?.teardown();
          },
        };
      },
      read: form(),
    },
    {
      file,
      name: "savePreferencesAction",
      route: "app/(portal)/notifications/preferences/page",
      capability: "any",
      scoped: false,
      rule: "every signed-in user sets their own notification channels and email language; the public signs in first",
      variants: ONE,
      expect: signedIn,
      build: async (_w, c) => {
        const values = Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, "IN_APP_AND_EMAIL"]));
        const fixture = fields("/notifications/preferences", { ...values, emailLocale: "en" });
        if (c.role === "PUBLIC") return fixture;
        const email = ACCOUNTS[c.role].email;
        return {
          ...fixture,
          teardown: async () => {
            await sql(
              `DELETE FROM "NotificationPreference" WHERE "userId" = (SELECT id FROM "User" WHERE email = $1)`,
              [email],
            );
            await sql(`UPDATE "User" SET "emailLocale" = 'zh-CN' WHERE email = $1`, [email]);
          },
        };
      },
      read: form(),
    },
  ];
}
