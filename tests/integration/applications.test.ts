// Grading applications against the real database (issue: self-assessment → initial review →
// assessment → public notice with objections → announcement), each on a mine the test builds
// (tests/support/factories.ts). The clock is moved with `today`: every application here runs in the
// last few weeks, so what it announces is in force on the real today.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addWorkingDays } from "@/lib/domain/working-days";
import { dateValue, isoDate, todayInChina } from "@/lib/domain/dates";
import { addMonths } from "@/lib/domain/grading";
import type { Level } from "@/lib/domain/rules";
import type { AuthorityKind } from "@/lib/generated/prisma/enums";
import { addDays } from "@/lib/domain/triggers";
import type { Caller } from "@/lib/server/auth/scope";
import { getApplication, getNotice, listApplications, listOpenNotices } from "@/lib/server/data/applications";
import { inForceOn } from "@/lib/server/grade-in-force";
import { ruleSetOn } from "@/lib/server/data/rules";
import { createDb } from "@/lib/server/db";
import { ServiceError } from "@/lib/server/errors";
import { MAX_OBJECTIONS_PER_CLIENT } from "@/lib/server/objection-rate-limit";
import { announceApplication } from "@/lib/server/services/announce-application";
import { assessApplication } from "@/lib/server/services/assess-application";
import { lodgeObjection } from "@/lib/server/services/lodge-objection";
import { rejectApplication } from "@/lib/server/services/reject-application";
import { resolveObjection } from "@/lib/server/services/resolve-objection";
import { reviewApplication } from "@/lib/server/services/review-application";
import { startPublicNotice } from "@/lib/server/services/start-public-notice";
import { submitApplication } from "@/lib/server/services/submit-application";
import { withdrawApplication } from "@/lib/server/services/withdraw-application";
import { reviewApplicationSchema } from "@/lib/validation/application";
import { databaseUrl, testDb } from "../support/db";
import { demoCallers } from "../support/demo-callers";
import { createGrade, createMine, createUser, evenScores, metConditions, type TestMine } from "../support/factories";

const db = testDb();
const today = todayInChina();
/** Day 0 of every application here: a month ago, so that announcing still happens on or before today. */
const T = addDays(today, -30);
const day = (n: number) => addDays(T, n);
const callers: Record<string, Caller> = {};
let ipCounter = 0;
/** A client address of its own per objection, so the rate limit only bites where a test wants it to. */
const nextIp = () => `198.51.100.${++ipCounter}`;

beforeAll(async () => {
  Object.assign(callers, await demoCallers(db));
});
afterAll(() => db.$disconnect());

/**
 * A new producing underground mine of its own, in Datong (Shanxi) unless another county is given.
 * `grade`: a Level, a grade it holds from a year before day 0 until well after today; "open" (the
 * default): no grade, so that it may apply for any level on day 0.
 */
async function cleanMine(grade: Level | "open" = "open", countyCode = "140226") {
  const mine = await createMine(db, { countyCode });
  if (grade !== "open") await createGrade(db, mine, { level: grade, announcedOn: addMonths(T, -12) });
  return mine;
}

/** The manager of `mine`: a user of its own. */
function managerOf(mine: TestMine): Promise<Caller> {
  return createUser(db, "MINE_MANAGER", { mine });
}

const scores = (value: number) => evenScores(db, value, today);

async function counts() {
  const [applications, events, objections, scoresheets, grades, audits] = await Promise.all([
    db.gradeApplication.count(),
    db.applicationEvent.count(),
    db.objection.count(),
    db.scoresheet.count(),
    db.grade.count(),
    db.auditLog.count(),
  ]);
  return { applications, events, objections, scoresheets, grades, audits };
}

async function app(id: number) {
  return db.gradeApplication.findUniqueOrThrow({ where: { id } });
}

// domain.md and rules-evidence.md, restated for the fixtures (the national defaults): the grader of
// Level 1 is NMSA, of Level 2 the province, of Level 3 the prefecture; the reviewer sits one tier below.
const GRADER: Record<Level, AuthorityKind> = { 1: "NATIONAL", 2: "PROVINCIAL", 3: "PREFECTURE" };
const REVIEWER: Record<Level, AuthorityKind> = { 1: "PROVINCIAL", 2: "PREFECTURE", 3: "COUNTY" };
/** A county outside Shanxi (Anhui, Huainan): Shanxi grants no Level 3. */
const ANHUI_COUNTY = "340421";

/** The user who acts for a body of `kind` over the mine: a demo account where one exists, else a user of its own. */
async function actorFor(kind: AuthorityKind, mine: TestMine): Promise<Caller> {
  if (kind === "NATIONAL") return callers.nmsa;
  if (kind === "PROVINCIAL")
    return mine.provinceCode === "14"
      ? callers.shanxi
      : createUser(db, "PROVINCIAL_REGULATOR", { jurisdiction: mine.provinceCode });
  const region = kind === "PREFECTURE" ? mine.prefectureCode : mine.countyCode;
  return region === "1402" ? callers.datong : createUser(db, "LOCAL_REGULATOR", { jurisdiction: region });
}

/**
 * Submits and takes the application to `until` (each step one day after the previous, from day 0).
 * Level 3 applications are made outside Shanxi unless a county is given. `grader` is the body that
 * handles the application after the assessment (a missed level: the lower level's grader).
 */
async function applicationAt(
  until: "SUBMITTED" | "INITIAL_REVIEW_PASSED" | "ASSESSED" | "PUBLIC_NOTICE",
  opts: { level?: Level; grade?: Level | "open"; assessed?: number; countyCode?: string } = {},
) {
  const level = opts.level ?? 2;
  const mine = await cleanMine(opts.grade ?? "open", opts.countyCode ?? (level === 3 ? ANHUI_COUNTY : undefined));
  const manager = await managerOf(mine);
  const reviewer = await actorFor(REVIEWER[level], mine);
  let grader = await actorFor(GRADER[level], mine);
  const { applicationId } = await submitApplication(
    manager,
    { appliedLevel: level, conditions: await metConditions(db, day(0)), scores: await scores(95) },
    { db, today: day(0) },
  );
  if (until !== "SUBMITTED") {
    await reviewApplication(reviewer, { applicationId, outcome: "PASS" }, { db, today: day(1) });
    if (until !== "INITIAL_REVIEW_PASSED") {
      const assessed = await assessApplication(
        grader,
        { applicationId, scores: await scores(opts.assessed ?? 92) },
        { db, today: day(2) },
      );
      if (assessed.resultLevel !== null && assessed.resultLevel > level)
        grader = await actorFor(GRADER[assessed.resultLevel as Level], mine);
      if (until === "PUBLIC_NOTICE") await startPublicNotice(grader, { applicationId }, { db, today: day(3) });
    }
  }
  return { mine, manager, reviewer, grader, applicationId };
}

describe("the full path", () => {
  it("Level 1: province reviews, NMSA assesses, notices and announces; the old grade is superseded", async () => {
    const mine = await cleanMine(2);
    const manager = await managerOf(mine);
    const old = await db.grade.findFirstOrThrow({ where: { mineId: mine.id, ...inForceOn(today) } });

    const submitted = await submitApplication(
      manager,
      {
        appliedLevel: 1,
        conditions: await metConditions(db, day(0)),
        scores: await scores(95),
        note: "Self-assessment by the safety department",
      },
      { db, today: day(0) },
    );
    const id = submitted.applicationId;
    expect(submitted.result.level).toBe(1);
    const stored = await db.gradeApplication.findUniqueOrThrow({
      where: { id },
      include: { selfScoresheet: { include: { scores: true } }, ruleVersion: true },
    });
    expect(stored).toMatchObject({ state: "SUBMITTED", appliedLevel: 1, mineId: mine.id, version: 0 });
    expect(isoDate(stored.submittedOn!)).toBe(day(0));
    expect(stored.selfScoresheet).toMatchObject({ kind: "SELF_ASSESSMENT", level: 1 });
    expect(stored.selfScoresheet!.scores).toHaveLength(15);
    expect(stored.ruleVersion.code).toBe((await ruleSetOn(today, { db }))!.rules.code);

    await reviewApplication(callers.shanxi, { applicationId: id, version: 0, outcome: "PASS" }, { db, today: day(1) });
    const assessed = await assessApplication(
      callers.nmsa,
      { applicationId: id, version: 1, scores: await scores(93), note: "Site visit 3 days" },
      { db, today: day(2) },
    );
    expect(assessed).toMatchObject({ state: "ASSESSED", resultLevel: 1 });
    const notice = await startPublicNotice(callers.nmsa, { applicationId: id, version: 2 }, { db, today: day(3) });
    expect(notice).toMatchObject({ state: "PUBLIC_NOTICE", startsOn: day(3), endsOn: addWorkingDays(day(3), 5) });
    const afterNotice = await app(id);
    expect(isoDate(afterNotice.noticeStartsOn!)).toBe(day(3));
    expect(isoDate(afterNotice.noticeEndsOn!)).toBe(addWorkingDays(day(3), 5));

    // Visible to the public while it runs, not after.
    const during = await listOpenNotices({ pageSize: 500 }, { db, today: day(4) });
    expect(during.items.map((n) => n.id)).toContain(id);
    expect((await getNotice(id, { db, today: day(4) }))?.open).toBe(true);

    const endsOn = notice.endsOn;
    await expect(
      announceApplication(
        callers.nmsa,
        { applicationId: id, announcementNo: "矿安标〔2026〕1号" },
        { db, today: endsOn },
      ),
    ).rejects.toMatchObject({ code: "INVALID_STATE", messageKey: "noticeRunning" });

    const announcedOn = addDays(endsOn, 1);
    expect(announcedOn <= today).toBe(true);
    const announced = await announceApplication(
      callers.nmsa,
      { applicationId: id, version: 3, announcementNo: "矿安标〔2026〕1号" },
      { db, today: announcedOn },
    );
    expect(announced).toMatchObject({ state: "ANNOUNCED", level: 1 });

    const grade = await db.grade.findUniqueOrThrow({ where: { id: announced.gradeId }, include: { authority: true } });
    expect(grade).toMatchObject({ mineId: mine.id, level: 1, applicationId: id, announcementNo: "矿安标〔2026〕1号" });
    expect(isoDate(grade.announcedOn)).toBe(announcedOn);
    expect(isoDate(grade.validUntil)).toBe(addMonths(announcedOn, 36));
    expect(grade.authority).toMatchObject({ kind: "NATIONAL" });
    const ended = await db.grade.findUniqueOrThrow({ where: { id: old.id } });
    expect(ended).toMatchObject({ endReason: "SUPERSEDED" });
    expect(isoDate(ended.endedOn!)).toBe(announcedOn);
    // Exactly one grade in force now: the new one.
    expect(await db.grade.findMany({ where: { mineId: mine.id, ...inForceOn(today) } })).toMatchObject([
      { id: grade.id, level: 1 },
    ]);

    const events = await db.applicationEvent.findMany({ where: { applicationId: id }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.fromState, e.toState, e.actorId])).toEqual([
      [null, "SUBMITTED", manager.id],
      ["SUBMITTED", "INITIAL_REVIEW_PASSED", callers.shanxi.id],
      ["INITIAL_REVIEW_PASSED", "ASSESSED", callers.nmsa.id],
      ["ASSESSED", "PUBLIC_NOTICE", callers.nmsa.id],
      ["PUBLIC_NOTICE", "ANNOUNCED", callers.nmsa.id],
    ]);
    expect(events[0].reason).toBe("Self-assessment by the safety department");
    expect(events[2].reason).toBe("Site visit 3 days");
    const audits = await db.auditLog.findMany({
      where: { entity: "GradeApplication", entityId: String(id) },
      orderBy: { id: "asc" },
    });
    expect(audits.map((a) => a.action)).toEqual([
      "application.submit",
      "application.passReview",
      "application.assess",
      "application.startNotice",
      "application.announce",
    ]);
    expect(await db.auditLog.count({ where: { entity: "Grade", entityId: String(grade.id) } })).toBe(1);

    // The detail the page reads: events with their actors, and nothing left for anyone to do.
    const detail = await getApplication(callers.nmsa, id, { db, today });
    expect(detail?.app.events).toHaveLength(5);
    expect(detail?.acts).toEqual([]);
  });

  it("a mine that misses Level 1 goes to the Level 2 grader (the province), which announces Level 2", async () => {
    // applicationAt: NMSA assesses, then the province starts the notice (NMSA may not).
    const { applicationId, mine } = await applicationAt("ASSESSED", { level: 1, assessed: 85 });
    await expect(startPublicNotice(callers.nmsa, { applicationId }, { db, today: day(3) })).rejects.toMatchObject({
      code: "FORBIDDEN",
      messageKey: "notYourStep",
    });
    await startPublicNotice(callers.shanxi, { applicationId }, { db, today: day(3) });
    const stored = await db.gradeApplication.findUniqueOrThrow({
      where: { id: applicationId },
      include: { assessedScoresheet: true },
    });
    expect(stored).toMatchObject({ state: "PUBLIC_NOTICE", appliedLevel: 1, resultLevel: 2 });
    expect(stored.assessedScoresheet).toMatchObject({ kind: "ASSESSMENT", level: 2 });
    const { gradeId } = await announceApplication(
      callers.shanxi,
      { applicationId, announcementNo: "晋煤安标〔2026〕2号" },
      { db, today: addDays(addWorkingDays(day(3), 5), 1) },
    );
    expect(await db.grade.findUniqueOrThrow({ where: { id: gradeId }, include: { authority: true } })).toMatchObject({
      mineId: mine.id,
      level: 2,
      authority: { kind: "PROVINCIAL", regionCode: "14" },
    });
  });

  it("a Level-1 veto recorded after the application grades it at Level 2", async () => {
    const { applicationId, mine } = await applicationAt("INITIAL_REVIEW_PASSED", { level: 1 });
    await db.accident.create({
      data: { mineId: mine.id, occurredOn: dateValue(day(1)), deaths: 1, description: "Roof fall (test)" },
    });
    const result = await assessApplication(
      callers.nmsa,
      { applicationId, scores: await scores(96) },
      { db, today: day(2) },
    );
    expect(result.result.levelsByScore).toBe(1);
    expect(result.result.reasons).toContainEqual(expect.objectContaining({ code: "VETO", kind: "FATAL_ACCIDENT" }));
    expect(result).toMatchObject({ state: "ASSESSED", resultLevel: 2 });
  });

  it("Level 2: the prefecture reviews, one tier below the province that grades", async () => {
    const mine = await cleanMine("open", "140226");
    const { applicationId } = await submitApplication(
      await managerOf(mine),
      { appliedLevel: 2, conditions: await metConditions(db, day(0)), scores: await scores(85) },
      { db, today: day(0) },
    );
    await expect(
      reviewApplication(callers.shanxi, { applicationId, outcome: "PASS" }, { db, today: day(1) }),
    ).rejects.toMatchObject({ code: "FORBIDDEN", messageKey: "notYourStep" });
    await reviewApplication(callers.datong, { applicationId, outcome: "PASS" }, { db, today: day(1) });
    await expect(
      assessApplication(callers.datong, { applicationId, scores: await scores(85) }, { db, today: day(2) }),
    ).rejects.toMatchObject({ code: "FORBIDDEN", messageKey: "notYourStep" });
    expect(
      await assessApplication(callers.shanxi, { applicationId, scores: await scores(85) }, { db, today: day(2) }),
    ).toMatchObject({ state: "ASSESSED", resultLevel: 2 });
  });

  it("Level 3: the county reviews and the prefecture grades; Shanxi grants no Level 3", async () => {
    const shanxiMine = await cleanMine("open", "140226");
    await expect(
      submitApplication(
        await managerOf(shanxiMine),
        { appliedLevel: 3, conditions: await metConditions(db, day(0)), scores: await scores(75) },
        { db, today: day(0) },
      ),
    ).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { appliedLevel: "levelNotGranted" } });

    const mine = await cleanMine("open", ANHUI_COUNTY);
    const county = await actorFor("COUNTY", mine);
    const prefecture = await actorFor("PREFECTURE", mine);
    const { applicationId } = await submitApplication(
      await managerOf(mine),
      { appliedLevel: 3, conditions: await metConditions(db, day(0)), scores: await scores(75) },
      { db, today: day(0) },
    );
    await expect(
      reviewApplication(prefecture, { applicationId, outcome: "PASS" }, { db, today: day(1) }),
    ).rejects.toMatchObject({ code: "FORBIDDEN", messageKey: "notYourStep" });
    await reviewApplication(county, { applicationId, outcome: "PASS" }, { db, today: day(1) });
    const assessed = await assessApplication(
      prefecture,
      { applicationId, scores: await scores(95) },
      { db, today: day(2) },
    );
    // Scores that reach Level 1 still give only the level applied for.
    expect(assessed).toMatchObject({ state: "ASSESSED", resultLevel: 3 });
    await startPublicNotice(prefecture, { applicationId }, { db, today: day(3) });
    const { gradeId } = await announceApplication(
      prefecture,
      { applicationId, announcementNo: "淮南煤安标〔2026〕1号" },
      { db, today: addDays(addWorkingDays(day(3), 5), 1) },
    );
    expect(await db.grade.findUniqueOrThrow({ where: { id: gradeId }, include: { authority: true } })).toMatchObject({
      level: 3,
      authority: { kind: "PREFECTURE", regionCode: "3404" },
    });
  });

  it("the demo seed follows the configuration: no Level 3 granted in Shanxi, by announcement or decision", async () => {
    // The seed's own mines only: other test files build mines of their own ("测试煤矿…") in Shanxi.
    const seededMine = { name: { not: { startsWith: "测试煤矿" } } };
    const seeded = {
      level: 3,
      mine: { provinceCode: "14", ...seededMine },
      OR: [{ applicationId: { not: null } }, { fromDecisionId: { not: null } }],
    };
    expect(await db.grade.count({ where: seeded })).toBe(0);
    expect(await db.grade.count({ where: { ...seeded, mine: { provinceCode: "34", ...seededMine } } })).toBeGreaterThan(
      0,
    );
    const l1 = await db.decision.findFirstOrThrow({
      where: {
        fromLevel: 1,
        status: "CONFIRMED",
        mine: { provinceCode: "14", ...seededMine },
      },
      include: { authority: true, decidedBy: true },
    });
    // Published by NMSA, confirmed by the province's official.
    expect(l1.authority?.kind).toBe("NATIONAL");
    expect(l1.decidedBy?.email).toBe("shanxi@demo.test");
  });

  it("in Shanxi a mine that reaches only Level 3 is not graded", async () => {
    const { applicationId } = await applicationAt("ASSESSED", { level: 2, assessed: 75 });
    expect(await app(applicationId)).toMatchObject({ state: "REJECTED", rejectionReason: "NO_LEVEL_REACHED" });
  });
});

describe("applying", () => {
  it("refuses a self-assessment below the level applied for, field by field for bad scores, writing nothing", async () => {
    const mine = await cleanMine();
    const manager = await managerOf(mine);
    const before = await counts();
    await expect(
      submitApplication(
        manager,
        { appliedLevel: 1, conditions: await metConditions(db, day(0)), scores: await scores(85) },
        { db, today: day(0) },
      ),
    ).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { appliedLevel: "selfAssessmentBelowLevel" } });
    const bad = await scores(90);
    bad.E07 = 101;
    delete (bad as Record<string, number | undefined>).E08;
    const error = await submitApplication(
      manager,
      { appliedLevel: 2, conditions: await metConditions(db, day(0)), scores: bad },
      { db, today: day(0) },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).fieldErrors).toEqual({
      "scores.E07": "score_OUT_OF_RANGE",
      "scores.E08": "score_MISSING",
    });
    expect(await counts()).toEqual(before);
  });

  it("one application at a time; a graded mine re-applies for its level only near the grade's end", async () => {
    const graded = await cleanMine(2);
    const manager = await managerOf(graded);
    await expect(
      submitApplication(
        manager,
        { appliedLevel: 2, conditions: await metConditions(db, day(0)), scores: await scores(85) },
        { db, today: day(0) },
      ),
    ).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { appliedLevel: "alreadyGraded" } });
    await submitApplication(
      manager,
      { appliedLevel: 1, conditions: await metConditions(db, day(0)), scores: await scores(95) },
      { db, today: day(0) },
    );
    await expect(
      submitApplication(
        manager,
        { appliedLevel: 1, conditions: await metConditions(db, day(0)), scores: await scores(95) },
        { db, today: day(0) },
      ),
    ).rejects.toMatchObject({ code: "INVALID_STATE", messageKey: "openApplication" });
  });

  it("only a mine manager applies, and only for its own mine", async () => {
    const before = await counts();
    for (const c of [callers.shanxi, callers.nmsa, callers.official]) {
      await expect(
        submitApplication(
          c,
          { appliedLevel: 2, conditions: await metConditions(db, day(0)), scores: await scores(90) },
          { db, today: day(0) },
        ),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    await expect(
      submitApplication(
        { ...callers.manager, mineId: null },
        { appliedLevel: 2, conditions: await metConditions(db, day(0)), scores: await scores(90) },
        { db, today: day(0) },
      ),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await counts()).toEqual(before);
  });
});

describe("rejection", () => {
  it("at the initial review, with the reviewer's reason; nothing can follow", async () => {
    const { applicationId } = await applicationAt("SUBMITTED", { level: 1 });
    expect(reviewApplicationSchema.safeParse({ applicationId, outcome: "REJECT", reason: " " }).success).toBe(false);
    await reviewApplication(
      callers.shanxi,
      { applicationId, outcome: "REJECT", reason: "Safety commitment not signed by the manager" },
      { db, today: day(1) },
    );
    expect(await app(applicationId)).toMatchObject({
      state: "REJECTED",
      rejectionReason: "Safety commitment not signed by the manager",
    });
    const event = await db.applicationEvent.findFirstOrThrow({ where: { applicationId, toState: "REJECTED" } });
    expect(event).toMatchObject({
      fromState: "SUBMITTED",
      actorId: callers.shanxi.id,
      reason: "Safety commitment not signed by the manager",
    });
    await expect(
      assessApplication(callers.shanxi, { applicationId, scores: await scores(90) }, { db, today: day(2) }),
    ).rejects.toMatchObject({ code: "INVALID_STATE" });
    await expect(
      reviewApplication(callers.shanxi, { applicationId, outcome: "PASS" }, { db, today: day(2) }),
    ).rejects.toMatchObject({ code: "INVALID_STATE" });
  });

  it("an assessment that reaches no level rejects with NO_LEVEL_REACHED and keeps the scores", async () => {
    const { applicationId } = await applicationAt("ASSESSED", {
      level: 3,
      assessed: 60,
    });
    const stored = await db.gradeApplication.findUniqueOrThrow({
      where: { id: applicationId },
      include: { assessedScoresheet: true },
    });
    expect(stored).toMatchObject({ state: "REJECTED", rejectionReason: "NO_LEVEL_REACHED", resultLevel: null });
    expect(stored.assessedScoresheet).toMatchObject({ kind: "ASSESSMENT", level: null });
  });

  it("the grading body rejects during the notice; the manager may not withdraw then", async () => {
    const { applicationId, manager } = await applicationAt("PUBLIC_NOTICE", { level: 2 });
    await expect(
      withdrawApplication(manager, { applicationId, reason: "Changed our mind" }, { db, today: day(4) }),
    ).rejects.toMatchObject({ code: "INVALID_STATE" });
    await rejectApplication(
      callers.shanxi,
      { applicationId, reason: "Falsified ventilation records found" },
      { db, today: day(4) },
    );
    expect(await app(applicationId)).toMatchObject({
      state: "REJECTED",
      rejectionReason: "Falsified ventilation records found",
    });
  });

  it("the manager withdraws before the notice, with a reason", async () => {
    const { applicationId, manager } = await applicationAt("ASSESSED", { level: 2 });
    await withdrawApplication(manager, { applicationId, reason: "Mine to be restructured" }, { db, today: day(3) });
    expect(await app(applicationId)).toMatchObject({ state: "WITHDRAWN" });
    expect(
      await db.applicationEvent.findFirstOrThrow({ where: { applicationId, toState: "WITHDRAWN" } }),
    ).toMatchObject({ fromState: "ASSESSED", actorId: manager.id, reason: "Mine to be restructured" });
  });
});

describe("objections", () => {
  const objection = (applicationId: number) => ({
    applicationId,
    name: "张三",
    contact: "13800000000",
    text: "该矿通风记录与实际不符，请核查。",
  });

  it("an objection during the notice blocks the announcement until it is resolved", async () => {
    const { applicationId, manager } = await applicationAt("PUBLIC_NOTICE", { level: 2 });
    const lodged = await lodgeObjection(objection(applicationId), { ip: nextIp() }, { db, today: day(4) });
    expect(await db.objection.findUniqueOrThrow({ where: { id: lodged.objectionId } })).toMatchObject({
      status: "OPEN",
      applicationId,
      name: "张三",
    });
    const after = addDays(addWorkingDays(day(3), 5), 1);
    await expect(
      announceApplication(
        callers.shanxi,
        { applicationId, announcementNo: "晋煤安标〔2026〕9号" },
        { db, today: after },
      ),
    ).rejects.toMatchObject({ code: "INVALID_STATE", messageKey: "openObjections" });
    expect(await db.grade.count({ where: { applicationId } })).toBe(0);

    // The page offers resolving, not announcing.
    expect((await getApplication(callers.shanxi, applicationId, { db, today: after }))?.acts).toEqual([
      "REJECT",
      "RESOLVE_OBJECTION",
    ]);
    // Only the grading body resolves it, and only an objection of this application.
    await expect(
      resolveObjection(
        callers.nmsa,
        { applicationId, objectionId: lodged.objectionId, outcome: "DISMISSED", reason: "x" },
        { db, today: after },
      ),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const other = await applicationAt("PUBLIC_NOTICE", { level: 2 });
    await expect(
      resolveObjection(
        callers.shanxi,
        { applicationId: other.applicationId, objectionId: lodged.objectionId, outcome: "DISMISSED", reason: "x" },
        { db, today: after },
      ),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });

    await resolveObjection(
      callers.shanxi,
      {
        applicationId,
        objectionId: lodged.objectionId,
        outcome: "DISMISSED",
        reason: "Records checked on site; they match.",
      },
      { db, today: after },
    );
    expect((await db.objection.findUniqueOrThrow({ where: { id: lodged.objectionId } })).status).toBe("DISMISSED");
    const detail = await getApplication(callers.shanxi, applicationId, { db, today: after });
    expect(detail?.objections[0]).toMatchObject({
      status: "DISMISSED",
      name: "张三",
      resolution: { reason: "Records checked on site; they match.", by: callers.shanxi.name },
    });
    // The manager reads the objection, not who made it.
    const managerView = await getApplication(manager, applicationId, { db, today: after });
    expect(managerView?.objections[0]).toMatchObject({ name: null, contact: null, text: objection(0).text });

    const { gradeId } = await announceApplication(
      callers.shanxi,
      { applicationId, announcementNo: "晋煤安标〔2026〕9号" },
      { db, today: after },
    );
    expect(await db.grade.findUniqueOrThrow({ where: { id: gradeId } })).toMatchObject({ level: 2 });
  });

  it("an upheld objection rejects the application with the official's reason", async () => {
    const { applicationId } = await applicationAt("PUBLIC_NOTICE", { level: 2 });
    const { objectionId } = await lodgeObjection(objection(applicationId), { ip: nextIp() }, { db, today: day(5) });
    await resolveObjection(
      callers.shanxi,
      { applicationId, objectionId, outcome: "UPHELD", reason: "Ventilation logs were falsified." },
      { db, today: day(6) },
    );
    expect(await app(applicationId)).toMatchObject({
      state: "REJECTED",
      rejectionReason: "Ventilation logs were falsified.",
    });
    expect((await db.objection.findUniqueOrThrow({ where: { id: objectionId } })).status).toBe("UPHELD");
    await expect(
      resolveObjection(
        callers.shanxi,
        { applicationId, objectionId, outcome: "DISMISSED", reason: "again" },
        { db, today: day(6) },
      ),
    ).rejects.toMatchObject({ code: "CONFLICT", messageKey: "objectionResolved" });
  });

  it("an objection outside the notice is refused and writes nothing", async () => {
    const { applicationId, grader } = await applicationAt("ASSESSED", { level: 2 });
    const before = await counts();
    // Not yet under notice: not public at all.
    await expect(
      lodgeObjection(objection(applicationId), { ip: nextIp() }, { db, today: day(3) }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await getNotice(applicationId, { db, today: day(3) })).toBeNull();
    expect(await counts()).toEqual(before);

    await startPublicNotice(grader, { applicationId }, { db, today: day(4) });
    // A Datong mine: Shanxi's Level 2 notice lasts 3 working days (rules-evidence.md [Q]).
    const endsOn = addWorkingDays(day(4), 3);
    const between = await counts();
    for (const d of [day(3), addDays(endsOn, 1)]) {
      await expect(lodgeObjection(objection(applicationId), { ip: nextIp() }, { db, today: d })).rejects.toMatchObject({
        code: "INVALID_STATE",
        messageKey: "noticeClosed",
      });
    }
    expect(await counts()).toEqual(between);
    expect((await getNotice(applicationId, { db, today: addDays(endsOn, 1) }))?.open).toBe(false);
    // The first and the last day are inside.
    await lodgeObjection(objection(applicationId), { ip: nextIp() }, { db, today: day(4) });
    await lodgeObjection(objection(applicationId), { ip: nextIp() }, { db, today: endsOn });
    expect(await db.objection.count({ where: { applicationId } })).toBe(2);
  });

  it("objections are rate-limited per client address", async () => {
    const { applicationId } = await applicationAt("PUBLIC_NOTICE", { level: 2 });
    const ip = "203.0.113.77";
    for (let i = 0; i < MAX_OBJECTIONS_PER_CLIENT; i++)
      await lodgeObjection(objection(applicationId), { ip }, { db, today: day(4) });
    const before = await counts();
    await expect(lodgeObjection(objection(applicationId), { ip }, { db, today: day(4) })).rejects.toMatchObject({
      code: "FORBIDDEN",
      messageKey: "tooManyObjections",
    });
    expect(await counts()).toEqual(before);
    await lodgeObjection(objection(applicationId), { ip: "203.0.113.78" }, { db, today: day(4) });
    // The address itself is not stored, only a pseudonym.
    const row = await db.auditLog.findFirstOrThrow({ where: { action: "objection.lodge" }, orderBy: { id: "desc" } });
    expect(JSON.stringify(row.after)).not.toContain("203.0.113");
  });
});

describe("authorization", () => {
  it("a wrong role, the wrong body or an out-of-scope caller is refused and nothing is written", async () => {
    const l1 = await applicationAt("SUBMITTED", { level: 1, countyCode: "140226" });
    const before = await counts();
    const guizhouProvince: Caller = { ...callers.shanxi, jurisdiction: "52" };
    const attempts: [Caller, string][] = [
      [callers.official, "FORBIDDEN"], // officials read, never write
      [callers.nmsa, "FORBIDDEN"], // Level 1 initial review is the province's
      [callers.datong, "FORBIDDEN"], // in scope, but not the reviewing body
      [guizhouProvince, "NOT_FOUND"], // outside its jurisdiction: does not exist for it
      [{ ...l1.manager, mineId: l1.mine.id + 100000 }, "FORBIDDEN"], // managers do not review
    ];
    for (const [caller, code] of attempts) {
      await expect(
        reviewApplication(caller, { applicationId: l1.applicationId, outcome: "PASS" }, { db, today: day(1) }),
        `${caller.email} ${caller.jurisdiction}`,
      ).rejects.toMatchObject({ code });
    }
    // Another mine's manager cannot see, let alone withdraw, it.
    await expect(
      withdrawApplication(
        await managerOf(await cleanMine()),
        { applicationId: l1.applicationId, reason: "x" },
        { db, today: day(1) },
      ),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await reviewApplication(
      callers.shanxi,
      { applicationId: l1.applicationId, outcome: "PASS" },
      { db, today: day(1) },
    );
    const afterReview = await counts();
    // The province only reviews Level 1: assessing is NMSA's.
    await expect(
      assessApplication(
        callers.shanxi,
        { applicationId: l1.applicationId, scores: await scores(95) },
        { db, today: day(2) },
      ),
    ).rejects.toMatchObject({ code: "FORBIDDEN", messageKey: "notYourStep" });
    expect(await counts()).toEqual(afterReview);
    expect(afterReview.events).toBe(before.events + 1);
    expect(await getApplication(guizhouProvince, l1.applicationId, { db })).toBeNull();
    expect(await getApplication(callers.official, l1.applicationId, { db })).toBeNull();
  });

  it("lists only applications in scope; a manager only its mine's", async () => {
    const { applicationId, manager } = await applicationAt("SUBMITTED", { level: 2 });
    const mine = await listApplications(manager, { state: "" }, { db, today });
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((a) => a.mineId === manager.mineId)).toBe(true);
    const shanxi = await listApplications(callers.shanxi, { state: "SUBMITTED", pageSize: 500 }, { db, today });
    expect(shanxi.items.every((a) => a.mine.provinceCode === "14" && a.state === "SUBMITTED")).toBe(true);
    expect(shanxi.items.find((a) => a.id === applicationId)?.acts).toEqual([]);
    const datong = await listApplications(callers.datong, { state: "SUBMITTED", pageSize: 500 }, { db, today });
    expect(datong.items.find((a) => a.id === applicationId)?.acts).toEqual(["PASS_REVIEW", "REJECT"]);
    const guizhou = await listApplications({ ...callers.shanxi, jurisdiction: "52" }, { state: "" }, { db, today });
    expect(guizhou.items.every((a) => a.mine.provinceCode === "52")).toBe(true);
    expect((await listApplications(callers.official, { state: "" }, { db, today })).total).toBe(0);
  });
});

describe("concurrency", () => {
  it("of two steps taken at once exactly one succeeds; the other conflicts and writes nothing", async () => {
    // Level 2 is reviewed by the prefecture (Datong).
    const { applicationId } = await applicationAt("SUBMITTED", { level: 2 });
    const otherDb = createDb(databaseUrl(), 2);
    try {
      const results = await Promise.allSettled([
        reviewApplication(callers.datong, { applicationId, outcome: "PASS" }, { db, today: day(1) }),
        reviewApplication(
          callers.datong,
          { applicationId, outcome: "REJECT", reason: "Incomplete documents" },
          { db: otherDb, today: day(1) },
        ),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(rejected).toHaveLength(1);
      expect(rejected[0].reason).toBeInstanceOf(ServiceError);
      expect(["CONFLICT", "INVALID_STATE"]).toContain((rejected[0].reason as ServiceError).code);
      expect(await db.applicationEvent.count({ where: { applicationId } })).toBe(2);
      expect(await db.auditLog.count({ where: { entity: "GradeApplication", entityId: String(applicationId) } })).toBe(
        2,
      );
      expect((await app(applicationId)).version).toBe(1);
    } finally {
      await otherDb.$disconnect();
    }
  });

  it("a step taken from a stale page conflicts", async () => {
    const { applicationId } = await applicationAt("PUBLIC_NOTICE", { level: 2 });
    const version = (await app(applicationId)).version;
    // An objection arrives after the official loaded the page...
    const { objectionId } = await lodgeObjection(
      { applicationId, name: "李四", contact: "li@example.com", text: "Objection lodged meanwhile." },
      { ip: nextIp() },
      { db, today: day(4) },
    );
    // ...so whatever the official does from that page conflicts instead of overlooking it.
    await expect(
      resolveObjection(
        callers.shanxi,
        { applicationId, objectionId, version, outcome: "DISMISSED", reason: "stale" },
        { db, today: day(5) },
      ),
    ).rejects.toMatchObject({ code: "CONFLICT", messageKey: "applicationChanged" });
    await expect(
      rejectApplication(callers.shanxi, { applicationId, version, reason: "stale" }, { db, today: day(5) }),
    ).rejects.toMatchObject({ code: "CONFLICT", messageKey: "applicationChanged" });
    expect(await app(applicationId)).toMatchObject({ state: "PUBLIC_NOTICE", version: version + 1 });
  });

  it("two submissions for one mine at once make one application", async () => {
    const mine = await cleanMine();
    const manager = await managerOf(mine);
    const otherDb = createDb(databaseUrl(), 2);
    try {
      const input = { appliedLevel: 2, conditions: await metConditions(db, day(0)), scores: await scores(90) };
      const results = await Promise.allSettled([
        submitApplication(manager, input, { db, today: day(0) }),
        submitApplication(manager, input, { db: otherDb, today: day(0) }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect(results.find((r) => r.status === "rejected")).toMatchObject({
        reason: { code: "INVALID_STATE", messageKey: "openApplication" },
      });
      expect(await db.gradeApplication.count({ where: { mineId: mine.id, state: "SUBMITTED" } })).toBe(1);
    } finally {
      await otherDb.$disconnect();
    }
  });
});
