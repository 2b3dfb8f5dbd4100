// Who proposes a downgrade or revocation (issue 13.2): the configuration's proposer
// (ProvinceGradingConfig.proposerKind, by default the prefecture) against the real database. A regulator
// of another tier is refused with a translated reason and nothing is written; a trigger's proposal is
// made in the proposer's name whoever recorded the event; a province's own row moves the right to propose.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayInChina } from "@/lib/domain/dates";
import { addMonths } from "@/lib/domain/grading";
import type { Level } from "@/lib/domain/rules";
import en from "@/lib/i18n/messages/en/errors.json";
import zh from "@/lib/i18n/messages/zh-CN/errors.json";
import enApplications from "@/lib/i18n/messages/en/applicationErrors.json";
import zhApplications from "@/lib/i18n/messages/zh-CN/applicationErrors.json";
import type { Caller } from "@/lib/server/auth/scope";
import { applicationStart } from "@/lib/server/data/applications";
import { listDecisions } from "@/lib/server/data/decisions";
import { recordAccident } from "@/lib/server/services/record-accident";
import { recordSpotCheck } from "@/lib/server/services/record-spot-check";
import { scanStoppedMines } from "@/lib/server/services/scan-stopped-mines";
import { submitApplication } from "@/lib/server/services/submit-application";
import { testDb } from "../support/db";
import { demoCallers } from "../support/demo-callers";
import { createGrade, createMine, createUser, evenScores, type TestMine } from "../support/factories";

const db = testDb();
const today = todayInChina();
const callers: Record<string, Caller> = {};

beforeAll(async () => {
  Object.assign(callers, await demoCallers(db));
});
afterAll(() => db.$disconnect());

const authority = (kind: "PROVINCIAL" | "PREFECTURE", regionCode: string) =>
  db.authority.findUniqueOrThrow({ where: { kind_regionCode: { kind, regionCode } } });

/** A mine in Datong (Shanxi) that stopped producing seven months ago, holding a grade of `level`. */
async function stoppedMine(level: Level): Promise<TestMine> {
  const since = addMonths(today, -7);
  const mine = await createMine(db, {
    countyCode: "140226",
    periods: [
      { status: "NORMAL_PRODUCTION", startedOn: "2015-01-01", endedOn: since },
      { status: "STOPPED", startedOn: since },
    ],
  });
  await createGrade(db, mine, { level, announcedOn: addMonths(today, -12) });
  return mine;
}

async function counts() {
  const [decisions, audits] = await Promise.all([db.decision.count(), db.auditLog.count()]);
  return { decisions, audits };
}

const proposalsOf = (mine: TestMine) => db.decision.findMany({ where: { mineId: mine.id } });

describe("proposing by hand (the stopped-mine scan) follows the configuration", () => {
  it("national default: the province, NMSA and a county are refused with a translated reason, nothing written", async () => {
    const mine = await stoppedMine(2);
    const county = await createUser(db, "LOCAL_REGULATOR", { jurisdiction: "140226" });
    const before = await counts();
    for (const caller of [callers.shanxi, callers.nmsa, county])
      await expect(scanStoppedMines(caller, { db, today })).rejects.toMatchObject({
        code: "FORBIDDEN",
        messageKey: "notProposer",
      });
    expect(await counts()).toEqual(before);
    expect(await proposalsOf(mine)).toEqual([]);
    expect(en.notProposer).toMatch(/another authority/);
    expect(zh.notProposer.length).toBeGreaterThan(5);
    // Roles that propose nothing at all are refused as before.
    await expect(scanStoppedMines(callers.official, { db, today })).rejects.toMatchObject({ messageKey: "forbidden" });
    // The queue mirrors it: only the proposer is offered the scan.
    for (const [who, proposes] of [
      ["shanxi", false],
      ["nmsa", false],
      ["datong", true],
    ] as const)
      expect((await listDecisions(callers[who], { status: "PROPOSED", pageSize: 1 }, { db })).proposes, who).toBe(
        proposes,
      );
  });

  it("national default: the prefecture proposes, in its own name", async () => {
    const mine = await stoppedMine(2);
    const result = await scanStoppedMines(callers.datong, { db, today });
    expect(result.proposed).toBeGreaterThanOrEqual(1);
    const [d] = await proposalsOf(mine);
    expect(d).toMatchObject({
      status: "PROPOSED",
      type: "REVOCATION",
      reason: "PRODUCTION_STOPPED",
      proposerAuthorityId: (await authority("PREFECTURE", "1402")).id,
      authorityId: (await authority("PROVINCIAL", "14")).id,
      proposedById: callers.datong.id,
    });
    const audit = await db.auditLog.findFirstOrThrow({ where: { entity: "Decision", entityId: String(d.id) } });
    expect(audit).toMatchObject({ action: "decision.propose", actorId: callers.datong.id });
  });

  it("a province's own row: Shanxi proposes its Level 2 decisions itself, the prefecture only Level 1", async () => {
    const row = await db.provinceGradingConfig.findUniqueOrThrow({
      where: { provinceCode_level: { provinceCode: "14", level: 2 } },
    });
    await db.provinceGradingConfig.update({ where: { id: row.id }, data: { proposerKind: "PROVINCIAL" } });
    try {
      const level2 = await stoppedMine(2);
      const level1 = await stoppedMine(1);
      // The prefecture still proposes Level 1 there, so its scan runs, but leaves the Level 2 mine alone.
      await scanStoppedMines(callers.datong, { db, today });
      expect(await proposalsOf(level2)).toEqual([]);
      expect(await proposalsOf(level1)).toHaveLength(1);
      expect((await listDecisions(callers.shanxi, { status: "PROPOSED", pageSize: 1 }, { db })).proposes).toBe(true);
      await scanStoppedMines(callers.shanxi, { db, today });
      const [d] = await proposalsOf(level2);
      expect(d).toMatchObject({
        fromLevel: 2,
        proposerAuthorityId: (await authority("PROVINCIAL", "14")).id,
        proposedById: callers.shanxi.id,
      });
    } finally {
      await db.provinceGradingConfig.update({ where: { id: row.id }, data: { proposerKind: row.proposerKind } });
    }
  });
});

describe("a trigger's proposal is made in the configured proposer's name", () => {
  async function gradedMine(level: Level, countyCode: string) {
    const mine = await createMine(db, { countyCode });
    await createGrade(db, mine, { level, announcedOn: addMonths(today, -6) });
    return mine;
  }

  it("a spot-check by NMSA below the level proposes in the prefecture's name", async () => {
    const mine = await gradedMine(2, "140226");
    const result = await recordSpotCheck(
      callers.nmsa,
      {
        mineCode: mine.code,
        checkedOn: today,
        type: "ROUTINE",
        team: "Test team",
        scores: await evenScores(db, 70, today),
        findings: [],
        majorHiddenDangers: [],
        conclusion: "DOWNGRADE_PROPOSED",
      },
      { db },
    );
    expect(result.proposals).toHaveLength(1);
    const d = await db.decision.findUniqueOrThrow({ where: { id: result.proposals[0].id } });
    expect(d).toMatchObject({
      proposerAuthorityId: (await authority("PREFECTURE", "1402")).id,
      proposedById: callers.nmsa.id,
    });
  });

  it("an accident at a Level 1 mine follows the province's row (here: the province proposes)", async () => {
    const mine = await gradedMine(1, "340421");
    await db.provinceGradingConfig.create({
      data: {
        provinceCode: "34",
        level: 1,
        reviewerKind: "PROVINCIAL",
        graderKind: "NATIONAL",
        proposerKind: "PROVINCIAL",
        confirmerKind: "PROVINCIAL",
        publisherKind: "NATIONAL",
        source: "Test row",
      },
    });
    try {
      const result = await recordAccident(
        callers.nmsa,
        { mineCode: mine.code, occurredOn: addMonths(today, -1), deaths: 2, injuries: 0, description: "Haulage" },
        { db },
      );
      const d = await db.decision.findUniqueOrThrow({ where: { id: result.proposals[0].id } });
      expect(d.proposerAuthorityId).toBe((await authority("PROVINCIAL", "34")).id);
    } finally {
      await db.provinceGradingConfig.delete({ where: { provinceCode_level: { provinceCode: "34", level: 1 } } });
    }
  });
});

describe("which levels a province grants", () => {
  it("Shanxi: the form offers Levels 1 and 2, a Level 3 application is refused next to the level, nothing written", async () => {
    const mine = await createMine(db, { countyCode: "140226" });
    const manager = await createUser(db, "MINE_MANAGER", { mine });
    expect((await applicationStart(manager, { db, today }))?.grantedLevels).toEqual([1, 2]);
    const before = await db.gradeApplication.count();
    await expect(
      submitApplication(manager, { appliedLevel: 3, scores: await evenScores(db, 75, today) }, { db, today }),
    ).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { appliedLevel: "levelNotGranted" } });
    expect(await db.gradeApplication.count()).toBe(before);
    expect(enApplications.levelNotGranted).toMatch(/does not grant/);
    expect(zhApplications.levelNotGranted).toMatch(/不评定/);
    // Anhui grants all three.
    const anhuiMine = await createMine(db, { countyCode: "340421" });
    const anhuiManager = await createUser(db, "MINE_MANAGER", { mine: anhuiMine });
    expect((await applicationStart(anhuiManager, { db, today }))?.grantedLevels).toEqual([1, 2, 3]);
  });

  it("the demo seed holds no Shanxi Level 3 grade, at any time, while other provinces have some", async () => {
    // The demo's own mines: other test files add mines of their own (the factories name them "Test Mine …"),
    // some with a Shanxi Level 3 grade as a fixture.
    // (Most demo mines have no English name: NOT alone would leave them out, as SQL does with NULL.)
    const demo = { OR: [{ nameEn: null }, { NOT: { nameEn: { startsWith: "Test Mine " } } }] };
    const count = (level: number[], provinceCode: string | { not: string }) =>
      db.grade.count({ where: { level: { in: level }, mine: { ...demo, provinceCode } } });
    expect(await count([3], "14")).toBe(0);
    expect(await count([1, 2], "14")).toBeGreaterThan(0);
    expect(await count([3], { not: "14" })).toBeGreaterThan(0);
  });
});
