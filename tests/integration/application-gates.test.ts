// Gates before grading (issue 13.3): the vetoes are checked again at announcement, so a fatal accident
// during the public notice takes Level 1 away; the "failed Level 1 within a year" veto counts from the
// day of the assessment in China (assessedOn), and an initial-review rejection was no assessment.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isoDate, todayInChina } from "@/lib/domain/dates";
import { addDays } from "@/lib/domain/triggers";
import type { Caller } from "@/lib/server/auth/scope";
import { vetoFacts } from "@/lib/server/data/mine-facts";
import { announceApplication } from "@/lib/server/services/announce-application";
import { assessApplication } from "@/lib/server/services/assess-application";
import { rejectApplication } from "@/lib/server/services/reject-application";
import { reviewApplication } from "@/lib/server/services/review-application";
import { submitApplication } from "@/lib/server/services/submit-application";
import { testDb } from "../support/db";
import { demoCallers } from "../support/demo-callers";
import {
  createAccident,
  createApplication,
  createHiddenDanger,
  createMine,
  createUser,
  evenScores,
  metConditions,
} from "../support/factories";

const db = testDb();
const callers: Record<string, Caller> = {};
const today = todayInChina();
const T = addDays(today, -40);

beforeAll(async () => {
  Object.assign(callers, await demoCallers(db));
});
afterAll(() => db.$disconnect());

/** A Level 1 application of a mine of its own, assessed at Level 1 and under public notice that ended before T. */
async function level1InNotice() {
  const mine = await createMine(db, { countyCode: "140226" });
  const application = await createApplication(db, mine, {
    appliedLevel: 1,
    state: "PUBLIC_NOTICE",
    submittedOn: addDays(T, -60),
    announcedOn: T,
    today: T,
  });
  return { mine, application };
}

describe("announcing checks the vetoes again", () => {
  it("announces Level 2, not 1, after a fatal accident during the public notice, and says why in the audit", async () => {
    const { mine, application } = await level1InNotice();
    const stored = await db.gradeApplication.findUniqueOrThrow({ where: { id: application.id } });
    expect(stored.resultLevel).toBe(1);
    await createAccident(db, mine, { occurredOn: isoDate(stored.noticeStartsOn!), deaths: 1 });

    const announced = await announceApplication(
      callers.nmsa,
      { applicationId: application.id, announcementNo: "矿安标〔2026〕88号" },
      { db, today: T },
    );
    expect(announced.level).toBe(2);
    expect(await db.grade.findUniqueOrThrow({ where: { id: announced.gradeId } })).toMatchObject({ level: 2 });
    expect(await db.gradeApplication.findUniqueOrThrow({ where: { id: application.id } })).toMatchObject({
      state: "ANNOUNCED",
      resultLevel: 2,
    });
    const event = await db.auditLog.findFirstOrThrow({
      where: { entity: "GradeApplication", entityId: String(application.id), action: "application.announce" },
    });
    expect(event.after).toMatchObject({ level: 2, assessedLevel: 1, vetoedOn: T });
  });

  it("announces Level 1 when nothing happened since the assessment", async () => {
    const { application } = await level1InNotice();
    const announced = await announceApplication(
      callers.nmsa,
      { applicationId: application.id, announcementNo: "矿安标〔2026〕89号" },
      { db, today: T },
    );
    expect(announced.level).toBe(1);
  });
});

describe("the failed-Level-1 veto", () => {
  it("counts from the day of the assessment, and not from an initial-review rejection", async () => {
    const mine = await createMine(db, { countyCode: "140226" });
    const manager = await createUser(db, "MINE_MANAGER", { mine });
    const day = (n: number) => addDays(T, n);

    // Rejected at the initial review: no assessment, no veto.
    const first = await submitApplication(
      manager,
      { appliedLevel: 1, conditions: await metConditions(db, today), scores: await evenScores(db, 95, today) },
      { db, today: day(0) },
    );
    await rejectApplication(
      callers.shanxi,
      { applicationId: first.applicationId, reason: "材料不全" },
      { db, today: day(1) },
    );
    expect((await db.$transaction((tx) => vetoFacts(tx, mine.id))).failedLevel1AssessmentsOn).toEqual([]);

    // Assessed below Level 1 on day 4: the veto counts from day 4, whatever became of the application.
    const second = await submitApplication(
      manager,
      { appliedLevel: 1, conditions: await metConditions(db, today), scores: await evenScores(db, 95, today) },
      { db, today: day(2) },
    );
    await reviewApplication(
      callers.shanxi,
      { applicationId: second.applicationId, outcome: "PASS" },
      { db, today: day(3) },
    );
    const assessed = await assessApplication(
      callers.nmsa,
      { applicationId: second.applicationId, scores: await evenScores(db, 85, today) },
      { db, today: day(4) },
    );
    expect(assessed.resultLevel).not.toBe(1);
    const stored = await db.gradeApplication.findUniqueOrThrow({ where: { id: second.applicationId } });
    expect(isoDate(stored.assessedOn!)).toBe(day(4));
    expect((await db.$transaction((tx) => vetoFacts(tx, mine.id))).failedLevel1AssessmentsOn).toEqual([day(4)]);
  });
});

describe("an open major hidden danger, where the province bars grading for it", () => {
  it("refuses a Shanxi mine's application until the danger is rectified; elsewhere it does not bar", async () => {
    const shanxi = await createMine(db, { countyCode: "140226" });
    const danger = await createHiddenDanger(db, shanxi, { foundOn: addDays(today, -20) });
    const manager = await createUser(db, "MINE_MANAGER", { mine: shanxi });
    const apply = async (who: Caller) =>
      submitApplication(
        who,
        { appliedLevel: 2, conditions: await metConditions(db, today), scores: await evenScores(db, 95, today) },
        { db, today },
      );
    await expect(apply(manager)).rejects.toMatchObject({
      code: "INVALID_STATE",
      messageKey: "openMajorHiddenDanger",
      params: { count: 1 },
    });
    expect(await db.gradeApplication.count({ where: { mineId: shanxi.id } })).toBe(0);

    await db.hiddenDanger.update({
      where: { id: danger.id },
      data: { rectifiedOn: new Date(`${addDays(today, -1)}T00:00:00Z`) },
    });
    await expect(apply(manager)).resolves.toMatchObject({ applicationId: expect.any(Number) });

    // Guizhou has no such rule: the same open danger does not bar its mine.
    const guizhou = await createMine(db, { countyCode: "520281" });
    await createHiddenDanger(db, guizhou, { foundOn: addDays(today, -20) });
    await expect(apply(await createUser(db, "MINE_MANAGER", { mine: guizhou }))).resolves.toMatchObject({
      applicationId: expect.any(Number),
    });
  });
});
