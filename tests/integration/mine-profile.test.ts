// What the mine profile reads (issue 11, items 18 and 21), against the real seeded database: the
// distance to downgrade follows the latest spot-check, and the mine's self-reported hidden dangers are
// listed to every reader of the mine and to nobody else.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dateValue, todayInChina } from "@/lib/domain/dates";
import { elementsFor } from "@/lib/domain/rules";
import { addDays } from "@/lib/domain/triggers";
import { loadCaller } from "@/lib/server/auth/load-caller";
import type { Caller } from "@/lib/server/auth/scope";
import { gradeExplanation, type GradeExplanationView } from "@/lib/server/data/grade-explanation";
import { selfReportedDangers } from "@/lib/server/data/hidden-dangers";
import { inForceOn } from "@/lib/server/data/mines";
import { ruleSetOn } from "@/lib/server/data/rules";
import { recordSpotCheck } from "@/lib/server/services/record-spot-check";
import { reportHiddenDanger } from "@/lib/server/services/report-hidden-danger";
import { testDb } from "../support/db";

const db = testDb();
const today = todayInChina();
const callers: Record<string, Caller> = {};

beforeAll(async () => {
  for (const name of ["admin", "nmsa", "shanxi", "datong", "official", "manager"]) {
    const u = await db.user.findUniqueOrThrow({ where: { email: `${name}@demo.test` } });
    callers[name] = (await loadCaller(db, u.id))!;
  }
});
afterAll(() => db.$disconnect());

describe("distance to downgrade (item 18)", () => {
  it("measures the spot-check that has just proposed a downgrade, and names it", async () => {
    // A Level 1 grade from an assessed application whose weakest part is not below its floor today.
    const candidates = await db.mine.findMany({
      where: {
        provinceCode: "15",
        type: "UNDERGROUND",
        status: "NORMAL_PRODUCTION",
        decisions: { none: {} },
        accidents: { none: {} },
        grades: { some: { ...inForceOn(today, 1), application: { assessedScoresheet: { level: 1 } } } },
      },
      orderBy: { id: "asc" },
      take: 20,
      select: { id: true, code: true },
    });
    let mine: { id: number; code: string } | null = null;
    let before: GradeExplanationView | null = null;
    for (const m of candidates) {
      const view = (await gradeExplanation(callers.nmsa, m.code, { db, today }))!;
      if (view.distance?.items.find((i) => i.trigger === "MANAGEMENT_SLIDE")?.status !== "FIRED") {
        [mine, before] = [m, view];
        break;
      }
    }
    expect(mine).not.toBeNull();
    expect(before!.source?.kind).toBe("ASSESSMENT");
    expect(before!.distance!.basis).not.toBeNull();

    const { rules } = (await ruleSetOn(today, { db }))!;
    const scores = Object.fromEntries(elementsFor(rules, "UNDERGROUND").map((e) => [e.code, 82]));
    const recorded = await recordSpotCheck(
      callers.nmsa,
      {
        mineCode: mine!.code,
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

    const after = (await gradeExplanation(callers.nmsa, mine!.code, { db, today }))!;
    // "Why this grade" still explains the scores the grade was given on...
    expect(after.source).toEqual(before!.source);
    // ...while the distance measures the spot-check, says which one, and has fired.
    expect(after.distance!.basis).toMatchObject({ kind: "SPOT_CHECK", id: recorded.spotCheckId, date: today });
    const slide = after.distance!.items.find((i) => i.trigger === "MANAGEMENT_SLIDE")!;
    expect(slide.status).toBe("FIRED");
    expect(slide.detail.score).toBe(82);
  });

  it("keeps the assessment when it is later than every spot-check since the announcement", async () => {
    const view = (await gradeExplanation(callers.manager, (await managerMine()).code, { db, today }))!;
    expect(view.grade).not.toBeNull();
    const checks = await db.spotCheck.findMany({
      where: {
        mineId: view.mine.id,
        status: "COMPLETED",
        checkedOn: { gte: dateValue(view.grade!.announcedOn), lte: dateValue(today) },
      },
      orderBy: [{ checkedOn: "desc" }, { id: "desc" }],
      take: 1,
    });
    const latestCheck = checks[0];
    const basis = view.distance!.basis!;
    if (latestCheck && view.source?.kind === "ASSESSMENT" && latestCheck.checkedOn >= dateValue(view.source.date))
      expect(basis).toMatchObject({ kind: "SPOT_CHECK", id: latestCheck.id });
    else expect(basis).toEqual(view.source);
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
    const other = await db.mine.findFirstOrThrow({
      where: { provinceCode: "14", prefectureCode: { not: own.prefectureCode } },
      orderBy: { id: "asc" },
      select: { id: true, code: true },
    });
    await db.hiddenDanger.create({
      data: { mineId: other.id, source: "SELF_REPORTED", foundOn: dateValue(today), description: "other mine" },
    });
    expect(await selfReportedDangers(callers.manager, other.code, { db })).toBeNull();
    expect(await selfReportedDangers(callers.datong, other.code, { db })).toBeNull();
    expect((await selfReportedDangers(callers.shanxi, other.code, { db }))?.map((d) => d.description)).toContain(
      "other mine",
    );
  });
});
