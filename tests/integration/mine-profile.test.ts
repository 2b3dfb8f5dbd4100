// What the mine profile reads (issue 11, items 18 and 21), against the real database, on mines the
// tests build (tests/support/factories.ts) and the demo manager's: the distance to downgrade follows
// the latest spot-check, and the mine's self-reported hidden dangers are listed to every reader of the
// mine and to nobody else.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dateValue, todayInChina } from "@/lib/domain/dates";
import { addDays } from "@/lib/domain/triggers";
import type { Caller } from "@/lib/server/auth/scope";
import { gradeExplanation } from "@/lib/server/data/grade-explanation";
import { selfReportedDangers } from "@/lib/server/data/hidden-dangers";
import { recordSpotCheck } from "@/lib/server/services/record-spot-check";
import { reportHiddenDanger } from "@/lib/server/services/report-hidden-danger";
import { testDb } from "../support/db";
import { demoCallers } from "../support/demo-callers";
import { createApplication, createHiddenDanger, createMine, createSpotCheck, evenScores } from "../support/factories";

const db = testDb();
const today = todayInChina();
const callers: Record<string, Caller> = {};

beforeAll(async () => {
  Object.assign(callers, await demoCallers(db));
});

/** A new mine holding a Level 1 grade today from an application assessed at Level 1 (ago 235, announced ago 200). */
async function levelOneMine() {
  const mine = await createMine(db);
  const application = await createApplication(db, mine, {
    appliedLevel: 1,
    state: "ANNOUNCED",
    submittedOn: addDays(today, -300),
    announcedOn: addDays(today, -200),
    today,
  });
  return { mine, application };
}
afterAll(() => db.$disconnect());

describe("distance to downgrade (item 18)", () => {
  it("measures the spot-check that has just proposed a downgrade, and names it", async () => {
    // A Level 1 grade from an assessed application: its weakest part is not below its floor.
    const { mine } = await levelOneMine();
    const before = (await gradeExplanation(callers.nmsa, mine.code, { db, today }))!;
    expect(before.distance!.items.find((i) => i.trigger === "MANAGEMENT_SLIDE")?.status).not.toBe("FIRED");
    expect(before.source?.kind).toBe("ASSESSMENT");
    expect(before.distance!.basis).not.toBeNull();

    const scores = await evenScores(db, 82, today);
    const recorded = await recordSpotCheck(
      callers.nmsa,
      {
        mineCode: mine.code,
        checkedOn: today,
        type: "ROUTINE",
        team: "Profile test team",
        scores,
        findings: [],
        majorHiddenDangers: [],
        conclusion: "DOWNGRADE_PROPOSED",
      },
      { db, today },
    );
    expect(recorded.proposals).toHaveLength(1);

    const after = (await gradeExplanation(callers.nmsa, mine.code, { db, today }))!;
    // "Why this grade" still explains the scores the grade was given on...
    expect(after.source).toEqual(before.source);
    // ...while the distance measures the spot-check, says which one, and has fired.
    expect(after.distance!.basis).toMatchObject({ kind: "SPOT_CHECK", id: recorded.spotCheckId, date: today });
    const slide = after.distance!.items.find((i) => i.trigger === "MANAGEMENT_SLIDE")!;
    expect(slide.status).toBe("FIRED");
    expect(slide.detail.score).toBe(82);
  });

  it("keeps the assessment when it is later than every completed spot-check", async () => {
    const { mine, application } = await levelOneMine();
    // Before the assessment (ago 235), and a draft since: neither is measured.
    await createSpotCheck(db, mine, { checkedOn: addDays(today, -240), level: 2 });
    await createSpotCheck(db, mine, { checkedOn: addDays(today, -10), level: 3, status: "DRAFT" });
    const view = (await gradeExplanation(callers.nmsa, mine.code, { db, today }))!;
    expect(view.source).toMatchObject({ kind: "ASSESSMENT", scoresheetId: application.assessedScoresheet!.id });
    expect(view.distance!.basis).toEqual(view.source);

    // A completed spot-check after it is measured instead.
    const later = await createSpotCheck(db, mine, { checkedOn: addDays(today, -5), level: 1 });
    const again = (await gradeExplanation(callers.nmsa, mine.code, { db, today }))!;
    expect(again.distance!.basis).toMatchObject({ kind: "SPOT_CHECK", id: later.id });
  });
});

async function managerMine() {
  return db.mine.findUniqueOrThrow({
    where: { id: callers.manager.mineId! },
    select: { id: true, code: true, countyCode: true, prefectureCode: true },
  });
}

describe("self-reported hidden dangers (item 21)", () => {
  it("lists the manager's reports with date, text and status, to the manager and the regulators of the mine", async () => {
    const mine = await managerMine();
    const text = `Profile test: gas drainage pipe cracked ${Date.now()}`;
    const { hiddenDangerId } = await reportHiddenDanger(
      callers.manager,
      { foundOn: addDays(today, -3), description: text },
      { db, today },
    );
    const rectified = await reportHiddenDanger(
      callers.manager,
      { foundOn: addDays(today, -2), description: `${text} (rectified)` },
      { db, today },
    );
    await db.hiddenDanger.update({
      where: { id: rectified.hiddenDangerId },
      data: { rectifiedOn: dateValue(addDays(today, -1)) },
    });
    // A regulator's finding is not a self-report.
    const regulatorFound = await db.hiddenDanger.create({
      data: { mineId: mine.id, source: "REGULATOR", foundOn: dateValue(today), description: `${text} (regulator)` },
    });

    for (const who of ["manager", "datong", "shanxi", "nmsa", "official", "admin"]) {
      const list = await selfReportedDangers(callers[who], mine.code, { db });
      expect(list, who).not.toBeNull();
      expect(list!.find((d) => d.id === hiddenDangerId)).toMatchObject({
        foundOn: addDays(today, -3),
        description: text,
        rectifiedOn: null,
      });
      expect(list!.find((d) => d.id === rectified.hiddenDangerId)?.rectifiedOn).toBe(addDays(today, -1));
      expect(list!.some((d) => d.id === regulatorFound.id)).toBe(false);
      const dates = list!.map((d) => d.foundOn);
      expect(dates).toEqual([...dates].sort().reverse());
    }
  });

  it("reads as absent outside the caller's scope", async () => {
    const own = await managerMine();
    // Another Shanxi mine outside Datong: in the province's scope, not the prefecture's nor the manager's.
    const other = await createMine(db, { countyCode: "140525" });
    expect(other.prefectureCode).not.toBe(own.prefectureCode);
    await createHiddenDanger(db, other, { foundOn: today, source: "SELF_REPORTED", description: "other mine" });
    expect(await selfReportedDangers(callers.manager, other.code, { db })).toBeNull();
    expect(await selfReportedDangers(callers.datong, other.code, { db })).toBeNull();
    expect((await selfReportedDangers(callers.shanxi, other.code, { db }))?.map((d) => d.description)).toContain(
      "other mine",
    );
  });
});
