// Issue 13: the basic conditions (基本条件) gate, and the direct extension (直接延期) of a Level 1 grade.
// A mine that fails a basic condition cannot apply, and nothing is written; a reviewer or assessor
// never passes an application whose recorded conditions are not all met. A Level 1 mine whose grade
// ends within the rule version's window, with no veto event or spot-check below Level 1 during its
// validity, has the grade extended without an assessment: the new grade starts the day after the
// current one's last day.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isoDate, todayInChina } from "@/lib/domain/dates";
import { addMonths } from "@/lib/domain/grading";
import { addDays } from "@/lib/domain/triggers";
import type { Caller } from "@/lib/server/auth/scope";
import { ruleSetOn } from "@/lib/server/data/rules";
import { announceApplication } from "@/lib/server/services/announce-application";
import { assessApplication } from "@/lib/server/services/assess-application";
import { reviewApplication } from "@/lib/server/services/review-application";
import { startPublicNotice } from "@/lib/server/services/start-public-notice";
import { submitApplication } from "@/lib/server/services/submit-application";
import { testDb } from "../support/db";
import { demoCallers } from "../support/demo-callers";
import {
  createAccident,
  createApplication,
  createGrade,
  createMine,
  createSpotCheck,
  createUser,
  evenScores,
  metConditions,
  type TestMine,
} from "../support/factories";

const db = testDb();
const callers: Record<string, Caller> = {};
const today = todayInChina();

beforeAll(async () => {
  Object.assign(callers, await demoCallers(db));
});
afterAll(() => db.$disconnect());

/** Everything a submission writes for the mine: applications, score sheets, answers and audit rows. */
async function written(mine: TestMine) {
  const applications = await db.gradeApplication.findMany({ where: { mineId: mine.id }, select: { id: true } });
  return {
    applications: applications.length,
    scoresheets: await db.scoresheet.count({ where: { mineId: mine.id } }),
    conditions: await db.applicationCondition.count({ where: { application: { mineId: mine.id } } }),
    audit: await db.auditLog.count({ where: { action: "application.submit", regionCode: mine.countyCode } }),
  };
}

describe("the basic conditions gate", () => {
  it("the rule version in force has basic conditions, each with a source and a status", async () => {
    const { rules } = (await ruleSetOn(today, { db }))!;
    expect(rules.basicConditions.map((c) => c.code)).toEqual(
      expect.arrayContaining(["LICENCES", "NO_MAJOR_HIDDEN_DANGER", "MANAGERS_QUALIFIED"]),
    );
    for (const c of rules.basicConditions) {
      expect(c.source).not.toBe("");
      expect(["VERIFIED", "SECONDARY", "PLACEHOLDER"]).toContain(c.status);
    }
  });

  it("refuses an unmet or unanswered condition next to its field, and writes nothing", async () => {
    const mine = await createMine(db, { countyCode: "140226" });
    const manager = await createUser(db, "MINE_MANAGER", { mine });
    const before = await written(mine);
    const conditions = await metConditions(db, today);
    const scores = await evenScores(db, 95, today);

    const unmet = { ...conditions, LICENCES: { met: false, evidence: "安全生产许可证已过期" } };
    await expect(
      submitApplication(manager, { appliedLevel: 2, conditions: unmet, scores }, { db, today }),
    ).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { "conditions.LICENCES.met": "conditionUnmet" } });

    const missing = Object.fromEntries(
      Object.entries(conditions).filter(([code]) => code !== "NO_MAJOR_HIDDEN_DANGER"),
    );
    await expect(
      submitApplication(manager, { appliedLevel: 2, conditions: missing, scores }, { db, today }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { "conditions.NO_MAJOR_HIDDEN_DANGER.met": "conditionMissing" },
    });

    const noEvidence = { ...conditions, LICENCES: { met: true, evidence: "  " } };
    await expect(
      submitApplication(manager, { appliedLevel: 2, conditions: noEvidence, scores }, { db, today }),
    ).rejects.toMatchObject({ fieldErrors: { "conditions.LICENCES.evidence": "evidenceRequired" } });

    expect(await written(mine)).toEqual(before);
  });

  it("records every condition with its evidence when all are met, with the application and its audit row", async () => {
    const mine = await createMine(db, { countyCode: "140226" });
    const manager = await createUser(db, "MINE_MANAGER", { mine });
    const conditions = await metConditions(db, today);
    const { applicationId } = await submitApplication(
      manager,
      { appliedLevel: 2, conditions, scores: await evenScores(db, 95, today) },
      { db, today },
    );
    const rows = await db.applicationCondition.findMany({
      where: { applicationId },
      orderBy: { conditionCode: "asc" },
    });
    expect(rows.map((r) => [r.conditionCode, r.met, r.evidence])).toEqual(
      Object.entries(conditions)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([code, c]) => [code, true, c.evidence]),
    );
    const audit = await db.auditLog.findFirstOrThrow({
      where: { action: "application.submit", entityId: String(applicationId) },
    });
    expect((audit.after as { conditions: unknown[] }).conditions).toHaveLength(rows.length);
  });

  it("the review and the assessment refuse to pass an application whose conditions are no longer all met", async () => {
    const mine = await createMine(db, { countyCode: "140226" });
    const submitted = await createApplication(db, mine, {
      appliedLevel: 2,
      state: "SUBMITTED",
      submittedOn: addDays(today, -5),
      announcedOn: addDays(today, 30),
      today,
    });
    const reviewed = await createApplication(db, await createMine(db, { countyCode: "140226" }), {
      appliedLevel: 2,
      state: "INITIAL_REVIEW_PASSED",
      submittedOn: addDays(today, -5),
      announcedOn: addDays(today, 30),
      today,
    });
    for (const id of [submitted.id, reviewed.id])
      await db.applicationCondition.updateMany({
        where: { applicationId: id, conditionCode: "LICENCES" },
        data: { met: false },
      });

    await expect(
      reviewApplication(callers.datong, { applicationId: submitted.id, outcome: "PASS" }, { db, today }),
    ).rejects.toMatchObject({ code: "INVALID_STATE", messageKey: "conditionsNotMet" });
    await expect(
      assessApplication(
        callers.shanxi,
        { applicationId: reviewed.id, scores: await evenScores(db, 92, today) },
        { db, today },
      ),
    ).rejects.toMatchObject({ code: "INVALID_STATE", messageKey: "conditionsNotMet" });
    const states = await db.gradeApplication.findMany({
      where: { id: { in: [submitted.id, reviewed.id] } },
      select: { state: true },
      orderBy: { id: "asc" },
    });
    expect(states.map((s) => s.state)).toEqual(["SUBMITTED", "INITIAL_REVIEW_PASSED"]);
    // Rejecting stays possible.
    await expect(
      reviewApplication(
        callers.datong,
        { applicationId: submitted.id, outcome: "REJECT", reason: "证照过期" },
        { db, today },
      ),
    ).resolves.toMatchObject({ state: "REJECTED" });
  });
});

describe("direct extension of a Level 1 grade", () => {
  /** A Shanxi mine with its manager, holding Level 1 that ends `monthsLeft` months from today. */
  async function level1Mine(monthsLeft: number, level: 1 | 2 = 1) {
    const mine = await createMine(db, { countyCode: "140226" });
    const manager = await createUser(db, "MINE_MANAGER", { mine });
    const grade = await createGrade(db, mine, { level, announcedOn: addMonths(today, monthsLeft - 36) });
    return { mine, manager, grade };
  }

  const extend = async (manager: Caller, on = today) =>
    submitApplication(
      manager,
      {
        kind: "DIRECT_EXTENSION",
        appliedLevel: 1,
        conditions: await metConditions(db, on),
        scores: await evenScores(db, 95, on),
      },
      { db, today: on },
    );

  it("extends an eligible mine without an assessment: a new Level 1 grade from the day after the current one ends", async () => {
    const { mine, manager, grade } = await level1Mine(2);
    const { applicationId } = await extend(manager);
    expect(await db.gradeApplication.findUniqueOrThrow({ where: { id: applicationId } })).toMatchObject({
      kind: "DIRECT_EXTENSION",
      state: "SUBMITTED",
    });
    // Level 1: the province reviews, NMSA decides; there is no assessment step.
    await reviewApplication(callers.shanxi, { applicationId, outcome: "PASS" }, { db, today });
    await expect(
      assessApplication(callers.nmsa, { applicationId, scores: await evenScores(db, 95, today) }, { db, today }),
    ).rejects.toMatchObject({ code: "INVALID_STATE" });
    const notice = await startPublicNotice(callers.nmsa, { applicationId }, { db, today });
    expect(notice.state).toBe("PUBLIC_NOTICE");
    const after = addDays(notice.endsOn, 1);
    const announced = await announceApplication(
      callers.nmsa,
      { applicationId, announcementNo: "矿安标〔2026〕延1号" },
      { db, today: after },
    );
    const extended = await db.grade.findUniqueOrThrow({ where: { id: announced.gradeId } });
    expect(extended.level).toBe(1);
    expect(isoDate(extended.announcedOn)).toBe(grade.validUntil);
    expect(isoDate(extended.validUntil)).toBe(addMonths(grade.validUntil, 36));
    // The current grade runs on to its end, untouched: the two touch and never overlap.
    expect(await db.grade.findUniqueOrThrow({ where: { id: grade.id } })).toMatchObject({ endedOn: null });
    expect(await db.grade.count({ where: { mineId: mine.id } })).toBe(2);
    expect(await db.gradeApplication.findUniqueOrThrow({ where: { id: applicationId } })).toMatchObject({
      state: "ANNOUNCED",
      resultLevel: 1,
    });
  });

  it("refuses a mine that had a fatal accident during the grade's validity, and writes nothing", async () => {
    const { mine, manager } = await level1Mine(2);
    // 20 months ago: outside the 12-month Level 1 veto, inside the grade's validity.
    await createAccident(db, mine, { occurredOn: addMonths(today, -20), deaths: 1 });
    const before = await written(mine);
    await expect(extend(manager)).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { kind: "extension_VETO_EVENT" },
    });
    expect(await written(mine)).toEqual(before);
  });

  it("refuses a mine that does not hold Level 1, or whose grade does not end soon enough", async () => {
    const level2 = await level1Mine(2, 2);
    await expect(extend(level2.manager)).rejects.toMatchObject({ fieldErrors: { kind: "extension_NOT_LEVEL_1" } });
    const early = await level1Mine(20);
    await expect(extend(early.manager)).rejects.toMatchObject({ fieldErrors: { kind: "extension_TOO_EARLY" } });
    for (const m of [level2.mine, early.mine])
      expect(await written(m)).toMatchObject({ applications: 0, scoresheets: 0, conditions: 0 });
  });

  it("refuses a mine whose spot-check during the validity fell below Level 1", async () => {
    const { mine, manager } = await level1Mine(2);
    await createSpotCheck(db, mine, { checkedOn: addMonths(today, -8), level: 2 });
    await expect(extend(manager)).rejects.toMatchObject({
      fieldErrors: { kind: "extension_SPOT_CHECK_BELOW_LEVEL_1" },
    });
  });

  it("is not announced after a fatal accident during the public notice", async () => {
    const { mine, manager } = await level1Mine(2);
    const { applicationId } = await extend(manager);
    await reviewApplication(callers.shanxi, { applicationId, outcome: "PASS" }, { db, today });
    const notice = await startPublicNotice(callers.nmsa, { applicationId }, { db, today });
    await createAccident(db, mine, { occurredOn: notice.endsOn, deaths: 1 });
    await expect(
      announceApplication(
        callers.nmsa,
        { applicationId, announcementNo: "矿安标〔2026〕延2号" },
        { db, today: addDays(notice.endsOn, 1) },
      ),
    ).rejects.toMatchObject({ code: "INVALID_STATE", messageKey: "extension_VETO_EVENT" });
    expect(await db.grade.count({ where: { mineId: mine.id } })).toBe(1);
  });
});
