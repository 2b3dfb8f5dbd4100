// Factories for integration tests: each creates the rows a test needs, with the row builders the
// demo seed uses (prisma/seed/entities.ts), so a test states what it needs instead of searching the
// seed for a row that happens to fit. Defaults are plain: a producing underground mine in Datong's
// 左云县 (Shanxi), scores that the engine grades at the level asked for, rule versions and
// authorities looked up in the database as the services do.
import { gradeValidUntil } from "@/lib/domain/application-workflow";
import { computeGrade, roundForDisplay } from "@/lib/domain/grading";
import { placeOfCounty } from "@/lib/domain/region-code";
import { elementsFor, type Level } from "@/lib/domain/rules";
import { applyDecision, type CurrentGrade } from "@/lib/domain/triggers";
import type { Role } from "@/lib/generated/prisma/enums";
import { loadCaller } from "@/lib/server/auth/load-caller";
import type { Caller } from "@/lib/server/auth/scope";
import { ruleSetOn } from "@/lib/server/data/rules";
import type { Db } from "@/lib/server/db";
import { day } from "@/prisma/seed/days";
import {
  accidentRow,
  applicationDates,
  applicationRows,
  decisionRow,
  findingRow,
  gradeRow,
  hiddenDangerRow,
  mineRows,
  scoresheetRows,
  spotCheckRow,
  userRow,
  type ApplicationInput,
  type DecisionInput,
  type FindingInput,
  type HiddenDangerInput,
  type MineInput,
  type ScoresheetInput,
  type SpotCheckInput,
  type StatusPeriodInput,
} from "@/prisma/seed/entities";
import { Rng } from "@/prisma/seed/prng";
import { makeSheet } from "@/prisma/seed/rules";
import { TABLES, type TableKey } from "@/prisma/seed/tables";
import { insertRow } from "@/prisma/seed/write";

/** What a factory returns for a mine, enough to pass to the other factories and to the data layer. */
export interface TestMine {
  id: number;
  code: string;
  name: string;
  type: MineInput["type"];
  provinceCode: string;
  prefectureCode: string;
  countyCode: string;
}

let serial = 0;
/** A value no other row of this test run has (codes, e-mails, announcement numbers). */
function unique(): number {
  serial += 1;
  return (Date.now() % 1_000_000) * 1000 + serial;
}

function insert(db: Db, key: TableKey, row: Readonly<Record<string, unknown>>): Promise<number> {
  return insertRow((sql, params) => db.$queryRawUnsafe<{ id: number }[]>(sql, ...params), TABLES[key], row);
}

async function ruleVersionOn(db: Db, date: string) {
  const found = await ruleSetOn(date, { db });
  if (!found) throw new Error(`No rule version in force on ${date}`);
  return found;
}

/** The authority that grades a level in a mine's region, as the demo seed configures it (1 NMSA, 2 province, 3 prefecture). */
async function gradingAuthority(db: Db, level: number, mine: TestMine) {
  const where =
    level === 1
      ? { kind: "NATIONAL" as const, regionCode: "" }
      : level === 2
        ? { kind: "PROVINCIAL" as const, regionCode: mine.provinceCode }
        : { kind: "PREFECTURE" as const, regionCode: mine.prefectureCode };
  return db.authority.findUniqueOrThrow({ where: { kind_regionCode: where } });
}

// ---------------------------------------------------------------------------------------------
// Mines and users

export interface MineOptions {
  /** A GB/T 2260 county code; default 140226 (左云县, Datong, Shanxi). */
  countyCode?: string;
  name?: string;
  type?: MineInput["type"];
  gasGrade?: MineInput["gasGrade"];
  capacity?: number;
  /** Status periods in date order; default producing since 2015-01-01. */
  periods?: (Omit<StatusPeriodInput, "endedOn"> & { endedOn?: string | null })[];
}

/** A mine with its production-status history; its code is new (the county code and a serial). */
export async function createMine(db: Db, opts: MineOptions = {}): Promise<TestMine> {
  const countyCode = opts.countyCode ?? "140226";
  const [{ max }] = await db.$queryRawUnsafe<{ max: string | null }[]>(
    `SELECT max(code) AS max FROM "Mine" WHERE "countyCode" = $1 AND length(code) = 10`,
    countyCode,
  );
  const code = `${countyCode}${String(max ? Number(max.slice(6)) + 1 : 1).padStart(4, "0")}`;
  const place = placeOfCounty(countyCode);
  const periods = (opts.periods ?? [{ status: "NORMAL_PRODUCTION", startedOn: "2015-01-01" }]).map((p) => ({
    ...p,
    endedOn: p.endedOn ?? null,
  }));
  const rows = mineRows({
    code,
    name: opts.name ?? `测试煤矿${code}`,
    nameEn: `Test Mine ${code}`,
    ...place,
    type: opts.type ?? "UNDERGROUND",
    capacity: opts.capacity ?? 120,
    gasGrade: opts.gasGrade ?? "LOW",
    hydroType: "SIMPLE",
    combustionClass: "II",
    periods,
    createdAt: `${periods[0]?.startedOn ?? "2015-01-01"} 00:00:00`,
  });
  const id = await insert(db, "mines", rows.mine);
  for (const period of rows.periods) await insert(db, "statusPeriods", { ...period, mineId: id });
  return { id, code, name: rows.mine.name!, type: rows.mine.type!, ...place };
}

/** The jurisdiction a role has over a mine: national roles none, a province its province, a local regulator its prefecture. */
function jurisdictionOver(role: Role, mine: TestMine | undefined): string {
  if (role === "PROVINCIAL_REGULATOR") return mine?.provinceCode ?? "14";
  if (role === "LOCAL_REGULATOR") return mine?.prefectureCode ?? "1402";
  if (role === "MINE_MANAGER") return mine?.countyCode ?? "";
  return "";
}

/**
 * An active user of a role, as the caller the data layer and services take. A manager manages
 * `mine`; a regional role's jurisdiction is the one over `mine` unless given.
 */
export async function createUser(
  db: Db,
  role: Role,
  opts: { mine?: TestMine; jurisdiction?: string } = {},
): Promise<Caller> {
  if (role === "MINE_MANAGER" && !opts.mine) throw new Error("A mine manager needs a mine");
  const n = unique();
  const id = await insert(
    db,
    "users",
    userRow({
      email: `${role.toLowerCase()}-${n}@factory.test`,
      name: `Test ${role.toLowerCase()} ${n}`,
      passwordHash: "not-a-login",
      role,
      jurisdiction: opts.jurisdiction ?? jurisdictionOver(role, opts.mine),
      mineId: role === "MINE_MANAGER" ? opts.mine!.id : null,
      createdAt: "2018-01-01 00:00:00",
    }),
  );
  const caller = await loadCaller(db, id);
  if (!caller) throw new Error(`User ${id} could not be loaded`);
  return caller;
}

// ---------------------------------------------------------------------------------------------
// Score sheets, grades, applications

/** Every element of the rule version in force on `on` scored `value`: the scores a form sends. */
export async function evenScores(
  db: Db,
  value: number,
  on: string,
  mineType: MineInput["type"] = "UNDERGROUND",
): Promise<Record<string, number>> {
  const { rules } = await ruleVersionOn(db, on);
  return Object.fromEntries(elementsFor(rules, mineType).map((e) => [e.code, value]));
}

/**
 * Every basic condition (基本条件) of the rule version in force on `on`, answered as met with its
 * evidence: what a manager's form sends with an application.
 */
export async function metConditions(db: Db, on: string): Promise<Record<string, { met: boolean; evidence: string }>> {
  const { rules } = await ruleVersionOn(db, on);
  return Object.fromEntries(rules.basicConditions.map((c) => [c.code, { met: true, evidence: `证明材料 ${c.code}` }]));
}

export interface TestScoresheet {
  id: number;
  ruleVersionId: number;
  level: number | null;
  total: number;
  scores: Record<string, number | null>;
}

/**
 * A score sheet under the rule version in force on `on`: the given scores, or scores the engine
 * grades exactly at `level` (null: below Level 3) without veto facts, as the seed draws them.
 */
async function createScoresheet(
  db: Db,
  mine: TestMine,
  opts: Pick<ScoresheetInput, "kind"> & { on: string; level?: number | null; scores?: Record<string, number | null> },
): Promise<TestScoresheet> {
  const { id: ruleVersionId, rules } = await ruleVersionOn(db, opts.on);
  let sheet: { scores: Record<string, number | null>; total: number; level: number | null };
  if (opts.scores) {
    const result = computeGrade({ rules, mineType: mine.type, scores: opts.scores, asOf: opts.on });
    sheet = { scores: opts.scores, total: roundForDisplay(result.total ?? 0, 2), level: result.level };
  } else {
    const rng = new Rng(`factory:${mine.id}:${opts.kind}:${opts.on}:${unique()}`);
    sheet = makeSheet(rng, rules, mine.type, opts.level ?? null, opts.on);
  }
  const rows = scoresheetRows({
    mineId: mine.id,
    ruleVersionId,
    kind: opts.kind,
    mineType: mine.type,
    ...sheet,
    createdAt: `${opts.on} 17:00:00`,
  });
  const id = await insert(db, "scoresheets", rows.sheet);
  for (const score of rows.scores(id)) await insert(db, "elementScores", score);
  return { id, ruleVersionId, ...sheet };
}

export interface TestGrade {
  id: number;
  mineId: number;
  level: Level;
  announcedOn: string;
  validUntil: string;
}

/**
 * A grade of `level` announced on `announcedOn` by the body that grades that level, under the rule
 * version then in force, valid for its validity years unless `validUntil` is given.
 */
export async function createGrade(
  db: Db,
  mine: TestMine,
  opts: {
    level: Level;
    announcedOn: string;
    validUntil?: string;
    endedOn?: string | null;
    endReason?: "DOWNGRADED" | "REVOKED" | "SUPERSEDED" | null;
    applicationId?: number | null;
    announcementNo?: string;
  },
): Promise<TestGrade> {
  const { id: ruleVersionId, rules } = await ruleVersionOn(db, opts.announcedOn);
  const authority = await gradingAuthority(db, opts.level, mine);
  const validUntil = opts.validUntil ?? gradeValidUntil(opts.announcedOn, rules.validityYears);
  const id = await insert(
    db,
    "grades",
    gradeRow({
      mineId: mine.id,
      level: opts.level,
      ruleVersionId,
      authorityId: authority.id,
      announcementNo: opts.announcementNo ?? `测试公告〔${opts.announcedOn.slice(0, 4)}〕${unique()}号`,
      announcedOn: opts.announcedOn,
      validUntil,
      endedOn: opts.endedOn,
      endReason: opts.endReason,
      applicationId: opts.applicationId,
    }),
  );
  return { id, mineId: mine.id, level: opts.level, announcedOn: opts.announcedOn, validUntil };
}

export interface TestApplication {
  id: number;
  state: ApplicationInput["state"];
  selfScoresheet: TestScoresheet | null;
  assessedScoresheet: TestScoresheet | null;
  /** The grade an announced application started. */
  grade: TestGrade | null;
}

/**
 * A grading application submitted on `submittedOn` and announced (or due) on `announcedOn`, moved
 * through the procedure up to `state` on the seed's calendar, with a self-assessment at the applied
 * level and, once assessed, an assessment at `resultLevel`. An announced application comes with the
 * grade it started; the grade it `supersedes` ends that day, as announcing does.
 */
export async function createApplication(
  db: Db,
  mine: TestMine,
  opts: {
    appliedLevel: Level;
    state: ApplicationInput["state"];
    submittedOn: string;
    announcedOn: string;
    resultLevel?: Level;
    managerId?: number | null;
    supersedes?: TestGrade;
    today: string;
  },
): Promise<TestApplication> {
  const dates = applicationDates(day(opts.submittedOn), day(opts.announcedOn));
  const resultLevel = opts.resultLevel ?? opts.appliedLevel;
  const assessed = opts.state === "ASSESSED" || opts.state === "PUBLIC_NOTICE" || opts.state === "ANNOUNCED";
  const selfScoresheet = await createScoresheet(db, mine, {
    kind: "SELF_ASSESSMENT",
    on: dates.submitted,
    level: opts.appliedLevel,
  });
  const assessedScoresheet = assessed
    ? await createScoresheet(db, mine, { kind: "ASSESSMENT", on: dates.assessed, level: resultLevel })
    : null;
  const rows = applicationRows({
    mineId: mine.id,
    ruleVersionId: (assessedScoresheet ?? selfScoresheet).ruleVersionId,
    appliedLevel: opts.appliedLevel,
    state: opts.state,
    dates,
    selfScoresheetId: selfScoresheet.id,
    assessedScoresheetId: assessedScoresheet?.id ?? null,
    resultLevel,
    managerId: opts.managerId,
    today: opts.today,
  });
  const id = await insert(db, "applications", rows.application);
  for (const event of rows.events(id)) await insert(db, "applicationEvents", event);
  // The applicant answered every basic condition of the version as met, as submitting requires.
  const conditions = await db.ruleBasicCondition.findMany({
    where: { ruleVersionId: rows.application.ruleVersionId! },
  });
  for (const c of conditions)
    await insert(db, "applicationConditions", {
      applicationId: id,
      conditionCode: c.code,
      met: true,
      evidence: `证明材料 ${c.code}`,
    });
  // The superseded grade ends first: a mine never holds two grades on one day (Grade_no_overlap).
  if (opts.state === "ANNOUNCED" && opts.supersedes) {
    await db.grade.update({
      where: { id: opts.supersedes.id },
      data: { endedOn: new Date(`${dates.announced}T00:00:00Z`), endReason: "SUPERSEDED" },
    });
  }
  const grade =
    opts.state === "ANNOUNCED"
      ? await createGrade(db, mine, { level: resultLevel, announcedOn: dates.announced, applicationId: id })
      : null;
  return { id, state: opts.state, selfScoresheet, assessedScoresheet, grade };
}

// ---------------------------------------------------------------------------------------------
// Decisions

export interface TestDecision {
  id: number;
  status: DecisionInput["status"];
  /** A confirmed decision's effect: the grade it ended, and the lower grade a downgrade started. */
  endedGradeId: number | null;
  startedGrade: TestGrade | null;
}

/**
 * A decision on `grade`, proposed on `proposedOn` by the body that decides its level. A confirmed one
 * takes effect on `effectiveOn` as confirming does (applyDecision): the grade ends, and a downgrade
 * starts a grade of `toLevel` that keeps the old validity. A withdrawn one changes no grade.
 */
export async function createDecision(
  db: Db,
  mine: TestMine,
  grade: TestGrade,
  opts: {
    type: DecisionInput["type"];
    reason: DecisionInput["reason"];
    status: DecisionInput["status"];
    proposedOn: string;
    toLevel?: Level | null;
    effectiveOn?: string;
    /** When it was confirmed or withdrawn; default the effective date, or the day it was proposed. */
    decidedOn?: string;
    evidence?: Record<string, unknown>;
  },
): Promise<TestDecision> {
  const toLevel = opts.type === "REVOCATION" ? null : (opts.toLevel ?? ((grade.level + 1) as Level));
  const confirmed = opts.status === "CONFIRMED";
  const effectiveOn = confirmed ? (opts.effectiveOn ?? opts.proposedOn) : null;
  const authority = await gradingAuthority(db, grade.level, mine);
  const number = confirmed
    ? `测试${opts.type === "DOWNGRADE" ? "降" : "撤"}〔${effectiveOn!.slice(0, 4)}〕${unique()}号`
    : null;
  const id = await insert(
    db,
    "decisions",
    decisionRow({
      mineId: mine.id,
      gradeId: grade.id,
      type: opts.type,
      reason: opts.reason,
      fromLevel: grade.level,
      toLevel,
      status: opts.status,
      triggerKey: `TEST:${unique()}`,
      evidence: opts.evidence ?? {},
      legalBasis: null,
      number,
      authorityId: authority.id,
      effectiveOn,
      proposedAt: `${opts.proposedOn} 08:30:00`,
      decidedAt: opts.status === "PROPOSED" ? null : `${opts.decidedOn ?? effectiveOn ?? opts.proposedOn} 11:00:00`,
      withdrawnReason: opts.status === "WITHDRAWN" ? "测试：撤回" : null,
    }),
  );
  if (!confirmed) return { id, status: opts.status, endedGradeId: null, startedGrade: null };
  const current: CurrentGrade = { ...grade };
  const effect = applyDecision(current, { type: opts.type, toLevel, effectiveOn: effectiveOn! });
  await db.grade.update({
    where: { id: grade.id },
    data: {
      endedOn: new Date(`${effect.endCurrentOn}T00:00:00Z`),
      endReason: opts.type === "DOWNGRADE" ? "DOWNGRADED" : "REVOKED",
      endedByDecisionId: id,
    },
  });
  let startedGrade: TestGrade | null = null;
  if (effect.newGrade) {
    // The grade a downgrade starts carries the decision's number as its announcement number.
    startedGrade = await createGrade(db, mine, { ...effect.newGrade, announcementNo: number! });
    await db.grade.update({ where: { id: startedGrade.id }, data: { fromDecisionId: id } });
  }
  return { id, status: opts.status, endedGradeId: grade.id, startedGrade };
}

// ---------------------------------------------------------------------------------------------
// Events at a mine

export async function createAccident(
  db: Db,
  mine: TestMine,
  opts: { occurredOn: string; deaths?: number; injuries?: number; description?: string },
): Promise<{ id: number }> {
  const deaths = opts.deaths ?? 1;
  const id = await insert(
    db,
    "accidents",
    accidentRow({
      mineId: mine.id,
      occurredOn: opts.occurredOn,
      deaths,
      injuries: opts.injuries,
      description: opts.description ?? `测试：顶板事故，造成${deaths}人死亡。`,
      createdAt: `${opts.occurredOn} 10:00:00`,
    }),
  );
  return { id };
}

export interface TestSpotCheck {
  id: number;
  scoresheet: TestScoresheet;
  findings: { id: number; elementCode: string; rectifyBy: string | null }[];
}

/**
 * A spot-check on `checkedOn` by the mine's provincial authority, with a score sheet at `level` (or
 * the given scores) and findings on its weakest elements.
 */
export async function createSpotCheck(
  db: Db,
  mine: TestMine,
  opts: {
    checkedOn: string;
    level?: number | null;
    scores?: Record<string, number | null>;
    status?: SpotCheckInput["status"];
    type?: SpotCheckInput["type"];
    conclusion?: SpotCheckInput["conclusion"];
    findings?: Partial<Pick<FindingInput, "severity" | "rectifyBy" | "rectifiedOn" | "text">>[];
  },
): Promise<TestSpotCheck> {
  const scoresheet = await createScoresheet(db, mine, {
    kind: "SPOT_CHECK",
    on: opts.checkedOn,
    level: opts.level ?? null,
    scores: opts.scores,
  });
  const authority = await gradingAuthority(db, 2, mine);
  const id = await insert(
    db,
    "spotChecks",
    spotCheckRow({
      mineId: mine.id,
      checkedOn: opts.checkedOn,
      type: opts.type ?? "ROUTINE",
      status: opts.status ?? "COMPLETED",
      authorityId: authority.id,
      team: "测试抽查组",
      scoresheetId: scoresheet.id,
      conclusion: opts.conclusion ?? "GRADE_MAINTAINED",
    }),
  );
  const weakest = Object.entries(scoresheet.scores)
    .filter((e): e is [string, number] => e[1] !== null)
    .sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
  const findings: TestSpotCheck["findings"] = [];
  for (const [k, f] of (opts.findings ?? []).entries()) {
    const elementCode = weakest[k % weakest.length][0];
    const rectifyBy = f.rectifyBy === undefined ? null : f.rectifyBy;
    const findingId = await insert(
      db,
      "findings",
      findingRow({
        spotCheckId: id,
        elementCode,
        text: f.text ?? `测试：${elementCode} 记录不全`,
        severity: f.severity ?? "GENERAL",
        rectifyBy,
        rectifiedOn: f.rectifiedOn,
      }),
    );
    findings.push({ id: findingId, elementCode, rectifyBy });
  }
  return { id, scoresheet, findings };
}

export async function createHiddenDanger(
  db: Db,
  mine: TestMine,
  opts: Pick<HiddenDangerInput, "foundOn"> &
    Partial<Pick<HiddenDangerInput, "source" | "description" | "spotCheckId" | "rectifiedOn">>,
): Promise<{ id: number }> {
  const id = await insert(
    db,
    "hiddenDangers",
    hiddenDangerRow({
      mineId: mine.id,
      source: opts.source ?? "REGULATOR",
      foundOn: opts.foundOn,
      description: opts.description ?? "测试：重大事故隐患",
      spotCheckId: opts.spotCheckId,
      rectifiedOn: opts.rectifiedOn,
    }),
  );
  return { id };
}
