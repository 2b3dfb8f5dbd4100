import "server-only";
import { invalidate } from "@/lib/server/cache/tags";
import {
  announceBlocker,
  assessmentOutcome,
  extendedGradePeriod,
  gradeValidUntil,
  gradingBody,
  handlingLevel,
  isLevel,
  type ApplicationState,
} from "@/lib/domain/application-workflow";
import { grantedLevels } from "@/lib/domain/authority-config";
import { computeGrade } from "@/lib/domain/grading";
import type { Level } from "@/lib/domain/rules";
import { dateValue, isoDate, todayInChina } from "@/lib/domain/dates";
import { audit } from "@/lib/server/audit";
import type { Caller } from "@/lib/server/auth/scope";
import { authorityOf } from "@/lib/server/data/authorities";
import { vetoFacts } from "@/lib/server/data/mine-facts";
import { loadRuleSet } from "@/lib/server/data/rules";
import { db as defaultDb, type Db, type Tx } from "@/lib/server/db";
import { ServiceError } from "@/lib/server/errors";
import type { AnnounceApplicationInput } from "@/lib/validation/application";
import {
  assertExtensionStillEligible,
  moveApplication,
  withApplicationStep,
  type LoadedApplication,
} from "./transition-application";

const BLOCKER_MESSAGE = {
  NOT_IN_NOTICE: "invalidState",
  NOTICE_RUNNING: "noticeRunning",
  OPEN_OBJECTIONS: "openObjections",
} as const;

/**
 * Announces the grade (公告) once the public notice has ended with no open objection: the Grade of the
 * result level starts today and is valid for the rule version's validityYears; its authority is the
 * grading body; the announcement number is the official's. Every other grade of the mine that would
 * still cover today or a later day gives way in the same transaction (endSupersededGrades), so the mine
 * never holds two grades on one day; the database refuses that anyway (Grade_no_overlap).
 * The vetoes are checked again on the day (levelOnAnnouncement): an accident during the public notice
 * takes Level 1 away, and the grade announced is the level the assessed scores reach without it.
 */
export async function announceApplication(
  caller: Caller,
  input: AnnounceApplicationInput,
  opts: { db?: Db; today?: string } = {},
) {
  const db = opts.db ?? defaultDb;
  const today = opts.today ?? todayInChina();
  const result = await withApplicationStep(caller, input, "ANNOUNCE", db, async (tx, app) => {
    const openObjections = await tx.objection.count({ where: { applicationId: app.id, status: "OPEN" } });
    const blocker = announceBlocker(
      { state: app.state, noticeEndsOn: app.noticeEndsOn ? isoDate(app.noticeEndsOn) : null, openObjections },
      today,
    );
    if (blocker) throw new ServiceError("INVALID_STATE", BLOCKER_MESSAGE[blocker]);
    if (app.kind === "DIRECT_EXTENSION") return announceExtension(tx, caller, app, input.announcementNo, today);
    if (!isLevel(app.resultLevel)) throw new ServiceError("INVALID_STATE", "invalidState");
    const assessedLevel = app.resultLevel;
    const level = await levelOnAnnouncement(tx, app, assessedLevel, today);

    // First the conditional move: an objection lodged or a step taken since loading makes this a conflict.
    const state = await moveApplication(tx, caller, app, "ANNOUNCE", {
      reason: input.announcementNo,
      data: level === assessedLevel ? {} : { resultLevel: level },
      audit: {
        announcementNo: input.announcementNo,
        level,
        ...(level === assessedLevel ? {} : { assessedLevel, vetoedOn: today }),
      },
    });
    const superseded = await endSupersededGrades(tx, app.mineId, today);
    // The body that grades the announced level (a missed level, or one lost to a veto on the day, is
    // announced by the lower level's grader).
    return createAnnouncedGrade(tx, caller, app, state, {
      level,
      gradedBy: handlingLevel({ ...app, resultLevel: level }, app.mine, app.config),
      announcementNo: input.announcementNo,
      startsOn: today,
      validUntil: gradeValidUntil(today, app.ruleVersion.validityYears),
      gradesInForce: superseded,
      superseded: superseded.map((g) => g.id),
    });
  });
  // The mine's cached figures, pages and the public register are stale now (lib/server/cache/tags.ts).
  const { mine, ...rest } = result;
  invalidate({ mines: [mine] });
  return { ...rest, mineCode: mine.code };
}

/**
 * Announces a direct extension (直接延期): the mine must still be eligible today (an accident during the
 * public notice counts) with every basic condition met; the new Level 1 grade starts on the day after
 * the current grade's last day and is valid for the rule version's validityYears from there, so the
 * two grades touch and never overlap. The current grade runs on to its end.
 */
async function announceExtension(
  tx: Tx,
  caller: Caller,
  app: LoadedApplication,
  announcementNo: string,
  today: string,
) {
  const current = await assertExtensionStillEligible(tx, app, today);
  const period = extendedGradePeriod(current.endsOn, app.ruleVersion.validityYears);
  const state = await moveApplication(tx, caller, app, "ANNOUNCE", {
    reason: announcementNo,
    data: { resultLevel: 1 },
    audit: { announcementNo, level: 1, extends: current.id, ...period },
  });
  return createAnnouncedGrade(tx, caller, app, state, {
    level: 1,
    gradedBy: 1,
    announcementNo,
    startsOn: period.startsOn,
    validUntil: period.validUntil,
    gradesInForce: [current],
    superseded: [],
    extends: current.id,
  });
}

/**
 * The announced grade: created under the authority that grades `gradedBy` in the mine's province (else
 * the caller's), with its audit row (the grades in force before, the new grade after), in the caller's
 * transaction. `superseded` lists the grades it ended; `extends`, the grade a direct extension follows.
 */
async function createAnnouncedGrade(
  tx: Tx,
  caller: Caller,
  app: LoadedApplication,
  state: ApplicationState,
  g: {
    level: Level;
    gradedBy: number;
    announcementNo: string;
    startsOn: string;
    validUntil: string;
    gradesInForce: { id: number; level: number }[];
    superseded: number[];
    extends?: number;
  },
) {
  const body = gradingBody(g.gradedBy, app.mine, app.config);
  const authority =
    (body && (await tx.authority.findFirst({ where: { kind: body.kind, regionCode: body.regionCode } }))) ??
    (await authorityOf(tx, caller));
  const grade = await tx.grade.create({
    data: {
      mineId: app.mineId,
      level: g.level,
      ruleVersionId: app.ruleVersionId,
      authorityId: authority.id,
      announcementNo: g.announcementNo,
      announcedOn: dateValue(g.startsOn),
      validUntil: dateValue(g.validUntil),
      applicationId: app.id,
    },
  });
  await audit(tx, {
    actorId: caller.id,
    action: "grade.announce",
    entity: "Grade",
    entityId: grade.id,
    regionCode: app.mine.countyCode,
    before: { gradesInForce: g.gradesInForce.map((x) => ({ id: x.id, level: x.level })) },
    after: {
      level: g.level,
      announcedOn: g.startsOn,
      validUntil: g.validUntil,
      announcementNo: g.announcementNo,
      authorityId: authority.id,
      applicationId: app.id,
      ...(g.extends !== undefined ? { extends: g.extends } : {}),
      superseded: g.superseded,
    },
  });
  return {
    applicationId: app.id,
    mine: { code: app.mine.code, countyCode: app.mine.countyCode },
    state,
    gradeId: grade.id,
    level: grade.level,
    validUntil: g.validUntil,
  };
}

/**
 * Ends every grade of the mine that covers `today` or a later day, as SUPERSEDED: one in force today ends
 * today (also when a decision had already set a later end), and one that has not started yet (the
 * lower grade of a downgrade effective in the future) is cancelled: it ends on its first day and covers
 * none. Each update is conditional on the end seen, so a concurrent change makes this a conflict.
 */
async function endSupersededGrades(tx: Tx, mineId: number, today: string) {
  const d = dateValue(today);
  const open = await tx.grade.findMany({
    where: { mineId, validUntil: { gt: d }, OR: [{ endedOn: null }, { endedOn: { gt: d } }] },
    select: { id: true, level: true, announcedOn: true, validUntil: true, endedOn: true },
    orderBy: { announcedOn: "asc" },
  });
  for (const g of open) {
    const endedOn = g.announcedOn > d ? g.announcedOn : d;
    const ended = await tx.grade.updateMany({
      where: { id: g.id, endedOn: g.endedOn },
      data: { endedOn, endReason: "SUPERSEDED", endedByDecisionId: null },
    });
    if (ended.count !== 1) throw new ServiceError("CONFLICT", "applicationChanged");
  }
  return open.map((g) => ({
    id: g.id,
    level: g.level,
    cancelled: g.announcedOn > d,
    previousEnd: g.endedOn ? isoDate(g.endedOn) : null,
  }));
}

/**
 * The level to announce: the assessed level, unless a Level-1 veto arose since the assessment (a fatal
 * accident during the public notice, say); then the level the assessed scores reach without Level 1,
 * graded again by the engine on `today` with the mine's facts. Only Level 1 has vetoes (domain.md), so a
 * Level 2 or 3 result stands; the scores that reached Level 1 reach at least Level 2.
 */
async function levelOnAnnouncement(tx: Tx, app: LoadedApplication, assessed: Level, today: string): Promise<Level> {
  if (assessed !== 1 || app.assessedScoresheetId === null) return assessed;
  const sheet = await tx.scoresheet.findUniqueOrThrow({
    where: { id: app.assessedScoresheetId },
    include: { scores: true },
  });
  const ruleSet = await loadRuleSet({ id: app.ruleVersionId }, { db: tx });
  if (!ruleSet) throw new ServiceError("VALIDATION", "noRuleVersion");
  const result = computeGrade({
    rules: ruleSet.rules,
    mineType: app.mine.type,
    scores: Object.fromEntries(
      sheet.scores.map((s) => [s.elementCode, s.notApplicable || s.score === null ? null : Number(s.score)]),
    ),
    asOf: today,
    facts: await vetoFacts(tx, app.mineId),
  });
  const outcome = assessmentOutcome(result.level, app.appliedLevel, {
    mine: app.mine,
    config: app.config,
    grantedLevels: grantedLevels(app.config, app.mine.provinceCode),
  });
  if (outcome.state !== "ASSESSED") throw new ServiceError("INVALID_STATE", "invalidState");
  return outcome.resultLevel;
}
