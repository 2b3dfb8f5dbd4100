// Spot-checks, triggers and decisions against the real database (issue: regulators' work).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayInChina } from "@/lib/domain/dates";
import { addMonths } from "@/lib/domain/grading";
import type { Level } from "@/lib/domain/rules";
import type { Caller } from "@/lib/server/auth/scope";
import { listDecisions } from "@/lib/server/data/decisions";
import { ruleSetOn } from "@/lib/server/data/rules";
import { inForceOn } from "@/lib/server/grade-in-force";
import { createDb } from "@/lib/server/db";
import { ServiceError } from "@/lib/server/errors";
import { confirmDecision, withdrawDecision } from "@/lib/server/services/decide-decision";
import { recordAccident } from "@/lib/server/services/record-accident";
import { recordSpotCheck } from "@/lib/server/services/record-spot-check";
import { reportHiddenDanger } from "@/lib/server/services/report-hidden-danger";
import { scanStoppedMines } from "@/lib/server/services/scan-stopped-mines";
import type { SpotCheckInput } from "@/lib/validation/spot-check";
import { databaseUrl, testDb } from "../support/db";
import { demoCallers } from "../support/demo-callers";
import { createGrade, createMine, createUser, evenScores } from "../support/factories";

const db = testDb();
const today = todayInChina();
const callers: Record<string, Caller> = {};

beforeAll(async () => {
  Object.assign(callers, await demoCallers(db));
});
afterAll(() => db.$disconnect());

/** A new producing underground mine (in Datong, Shanxi, unless another county is given) holding a grade of `level` today. */
async function gradedMine(level: Level, countyCode = "140226") {
  const mine = await createMine(db, { countyCode });
  await createGrade(db, mine, { level, announcedOn: addMonths(today, -6) });
  return mine;
}

const scores = (value: number) => evenScores(db, value, today);

async function spotCheck(
  mineCode: string,
  value: number,
  extra: Partial<SpotCheckInput> = {},
): Promise<SpotCheckInput> {
  return {
    mineCode,
    checkedOn: today,
    type: "ROUTINE",
    team: "Test team",
    scores: await scores(value),
    findings: [],
    majorHiddenDangers: [],
    conclusion: "DOWNGRADE_PROPOSED",
    ...extra,
  };
}

async function counts() {
  const [spotChecks, scoresheets, findings, dangers, decisions, audits, grades] = await Promise.all([
    db.spotCheck.count(),
    db.scoresheet.count(),
    db.finding.count(),
    db.hiddenDanger.count(),
    db.decision.count(),
    db.auditLog.count(),
    db.grade.count(),
  ]);
  return { spotChecks, scoresheets, findings, dangers, decisions, audits, grades };
}

describe("spot-check entry", () => {
  it("stores the scores, findings and engine result with an audit row", async () => {
    const mine = await gradedMine(2);
    const input = await spotCheck(mine.code, 85, {
      conclusion: "GRADE_MAINTAINED",
      findings: [
        { elementCode: "E07", text: "Ventilation log incomplete", severity: "GENERAL", rectifyBy: addMonths(today, 1) },
      ],
    });
    input.scores.E14 = null as unknown as number; // not applicable
    const result = await recordSpotCheck(callers.shanxi, input, { db });
    expect(result.result.level).toBe(2);
    expect(result.proposals).toEqual([]);
    const stored = await db.spotCheck.findUniqueOrThrow({
      where: { id: result.spotCheckId },
      include: { scoresheet: { include: { scores: true } }, findings: true },
    });
    expect(stored.scoresheet.scores).toHaveLength(15);
    expect(stored.scoresheet.scores.find((s) => s.elementCode === "E14")).toMatchObject({
      score: null,
      notApplicable: true,
    });
    expect(Number(stored.scoresheet.total)).toBe(85);
    expect(stored.findings).toHaveLength(1);
    expect(stored.createdById).toBe(callers.shanxi.id);
    const audit = await db.auditLog.findFirst({ where: { entity: "SpotCheck", entityId: String(result.spotCheckId) } });
    expect(audit).toMatchObject({
      actorId: callers.shanxi.id,
      action: "spotCheck.record",
      regionCode: mine.countyCode,
    });
  });

  it("rejects bad scores field by field and writes nothing", async () => {
    const mine = await gradedMine(3);
    const input = await spotCheck(mine.code, 80);
    input.scores.E07 = 120;
    delete input.scores.E08;
    input.scores.X99 = 50;
    const before = await counts();
    const error = await recordSpotCheck(callers.shanxi, input, { db }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).fieldErrors).toMatchObject({
      "scores.E07": "score_OUT_OF_RANGE",
      "scores.E08": "score_MISSING",
      "scores.X99": "score_UNKNOWN_ELEMENT",
    });
    expect(await counts()).toEqual(before);
  });

  it("rejects a mine outside the caller's jurisdiction as not found and writes nothing", async () => {
    const guizhou = await gradedMine(2, "520281");
    const shanxiOutsideDatong = await gradedMine(2, "140525");
    expect(shanxiOutsideDatong.prefectureCode).not.toBe("1402");
    const before = await counts();
    await expect(recordSpotCheck(callers.shanxi, await spotCheck(guizhou.code, 50), { db })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(
      recordSpotCheck(callers.datong, await spotCheck(shanxiOutsideDatong.code, 50), { db }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await counts()).toEqual(before);
  });

  it("rejects roles that may not record spot-checks", async () => {
    const mine = await gradedMine(2);
    const before = await counts();
    await expect(recordSpotCheck(callers.official, await spotCheck(mine.code, 50), { db })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(recordSpotCheck(callers.manager, await spotCheck(mine.code, 50), { db })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await counts()).toEqual(before);
  });
});

describe("triggers", () => {
  it("a spot-check below the mine's level proposes a downgrade to the level its scores reach", async () => {
    const mine = await gradedMine(1);
    const result = await recordSpotCheck(callers.shanxi, await spotCheck(mine.code, 82), { db });
    expect(result.result.level).toBe(2);
    expect(result.proposals).toHaveLength(1);
    const decision = await db.decision.findUniqueOrThrow({ where: { id: result.proposals[0].id } });
    expect(decision).toMatchObject({
      status: "PROPOSED",
      reason: "MANAGEMENT_SLIDE",
      type: "DOWNGRADE",
      fromLevel: 1,
      toLevel: 2,
    });
    expect(decision.triggerKey).toBe(`SPOT_CHECK:${result.spotCheckId}`);
  });

  it("a spot-check below Level 3 proposes revocation", async () => {
    const mine = await gradedMine(3);
    const result = await recordSpotCheck(callers.shanxi, await spotCheck(mine.code, 60), { db });
    const decision = await db.decision.findUniqueOrThrow({ where: { id: result.proposals[0].id } });
    expect(decision).toMatchObject({ reason: "MANAGEMENT_SLIDE", type: "REVOCATION", fromLevel: 3, toLevel: null });
  });

  it("regulator-found major hidden dangers above self-reports propose one level down", async () => {
    const mine = await gradedMine(2, "340421");
    const input = await spotCheck(mine.code, 85, {
      conclusion: "RECTIFICATION_ORDERED",
      majorHiddenDangers: [{ description: "Gas monitoring offline" }, { description: "Water inrush risk unmanaged" }],
    });
    const result = await recordSpotCheck(callers.nmsa, input, { db });
    expect(result.proposals).toHaveLength(1);
    const decision = await db.decision.findUniqueOrThrow({ where: { id: result.proposals[0].id } });
    expect(decision).toMatchObject({ reason: "HIDDEN_DANGERS", type: "DOWNGRADE", fromLevel: 2, toLevel: 3 });
    expect(await db.hiddenDanger.count({ where: { mineId: mine.id, source: "REGULATOR" } })).toBe(2);
  });

  it("self-reported dangers that match the regulator's keep the trigger quiet", async () => {
    const mine = await gradedMine(2);
    const manager = await createUser(db, "MINE_MANAGER", { mine });
    await reportHiddenDanger(manager, { foundOn: today, description: "Self-found roof fall risk" }, { db });
    const input = await spotCheck(mine.code, 85, {
      conclusion: "RECTIFICATION_ORDERED",
      majorHiddenDangers: [{ description: "Roof fall risk" }],
    });
    expect((await recordSpotCheck(callers.shanxi, input, { db })).proposals).toEqual([]);
  });

  it("a fatal ordinary accident downgrades one level; a larger one revokes", async () => {
    const l2 = await gradedMine(2, "340421");
    const ordinary = await recordAccident(
      callers.nmsa,
      { mineCode: l2.code, occurredOn: today, deaths: 1, injuries: 0, description: "Roof fall" },
      { db },
    );
    const d1 = await db.decision.findUniqueOrThrow({ where: { id: ordinary.proposals[0].id } });
    expect(d1).toMatchObject({ reason: "FATAL_ACCIDENT", type: "DOWNGRADE", fromLevel: 2, toLevel: 3 });
    const l1 = await gradedMine(1);
    const larger = await recordAccident(
      callers.shanxi,
      { mineCode: l1.code, occurredOn: today, deaths: 4, injuries: 2, description: "Gas explosion" },
      { db },
    );
    const d2 = await db.decision.findUniqueOrThrow({ where: { id: larger.proposals[0].id } });
    expect(d2).toMatchObject({ reason: "FATAL_ACCIDENT", type: "REVOCATION", fromLevel: 1, toLevel: null });
    const l3 = await gradedMine(3);
    const none = await recordAccident(
      callers.shanxi,
      { mineCode: l3.code, occurredOn: today, deaths: 0, injuries: 3, description: "Injuries only" },
      { db },
    );
    expect(none.proposals).toEqual([]);
  });

  it("a province that does not grant Level 3 revokes instead (Shanxi)", async () => {
    const l2 = await gradedMine(2);
    const accident = await recordAccident(
      callers.shanxi,
      { mineCode: l2.code, occurredOn: today, deaths: 1, injuries: 0, description: "Roof fall" },
      { db },
    );
    const d = await db.decision.findUniqueOrThrow({ where: { id: accident.proposals[0].id } });
    expect(d).toMatchObject({ reason: "FATAL_ACCIDENT", type: "REVOCATION", fromLevel: 2, toLevel: null });
    expect(d.evidence).toMatchObject({ consequence: { notGranted: 3 } });
    const slide = await recordSpotCheck(callers.shanxi, await spotCheck((await gradedMine(2)).code, 75), { db });
    expect(await db.decision.findUniqueOrThrow({ where: { id: slide.proposals[0].id } })).toMatchObject({
      type: "REVOCATION",
      toLevel: null,
    });
  });

  it("the consequence table decides, and the decision takes effect from the accident date", async () => {
    // An Anhui Level 1 mine, an ordinary accident a month ago: the rules in force say Level 3 or 2
    // (2020: Level 3; 2024: Level 2, unverified), and the proposal carries the accident date.
    const mine = await gradedMine(1, "340421");
    const occurredOn = addMonths(today, -1);
    const rules = await ruleSetOn(occurredOn, { db });
    const row = rules!.rules.consequences.find(
      (c) => c.provinceCode === "" && c.fromLevel === 1 && c.trigger === "ORDINARY_ACCIDENT",
    );
    const result = await recordAccident(
      callers.nmsa,
      { mineCode: mine.code, occurredOn, deaths: 2, injuries: 0, description: "Haulage" },
      { db },
    );
    const d = await db.decision.findUniqueOrThrow({ where: { id: result.proposals[0].id } });
    expect(d).toMatchObject({ type: "DOWNGRADE", fromLevel: 1, toLevel: row!.toLevel });
    expect(d.proposedEffectiveOn?.toISOString().slice(0, 10)).toBe(occurredOn);
    expect(d.evidence).toMatchObject({ consequence: { trigger: "ORDINARY_ACCIDENT", status: row!.status } });
  });

  it("production stopped more than the limit proposes revocation, once", async () => {
    const since = addMonths(today, -7);
    // A graded mine that stopped producing on `since`.
    const mine = await createMine(db, {
      periods: [
        { status: "NORMAL_PRODUCTION", startedOn: "2015-01-01", endedOn: since },
        { status: "STOPPED", startedOn: since },
      ],
    });
    await createGrade(db, mine, { level: 2, announcedOn: addMonths(today, -12) });
    // The prefecture proposes (the configuration's default proposer at every level).
    const first = await scanStoppedMines(callers.datong, { db, today });
    expect(first.proposed).toBeGreaterThanOrEqual(1);
    const decision = await db.decision.findFirstOrThrow({ where: { mineId: mine.id, reason: "PRODUCTION_STOPPED" } });
    expect(decision).toMatchObject({ status: "PROPOSED", type: "REVOCATION", fromLevel: 2 });
    const second = await scanStoppedMines(callers.datong, { db, today });
    expect(second.proposed).toBe(0);
    expect(await db.decision.count({ where: { mineId: mine.id, reason: "PRODUCTION_STOPPED" } })).toBe(1);
  });
});

describe("confirming and withdrawing", () => {
  async function proposal(level: Level, value: number) {
    const mine = await gradedMine(level);
    const result = await recordSpotCheck(callers.shanxi, await spotCheck(mine.code, value), { db });
    return { mine, decisionId: result.proposals[0].id };
  }

  it("applies a downgrade atomically: the grade ends, the lower grade keeps the old valid-until", async () => {
    const { mine, decisionId } = await proposal(1, 82);
    const old = await db.grade.findFirstOrThrow({ where: { mineId: mine.id, ...inForceOn(today) } });
    // The inboxes follow the configuration: the province must act on it, NMSA sees who does.
    const inbox = async (caller: Caller) =>
      (await listDecisions(caller, { status: "PROPOSED", pageSize: 500 }, { db })).items.find(
        (d) => d.id === decisionId,
      );
    expect(await inbox(callers.shanxi)).toMatchObject({ canDecide: true });
    const seenByNmsa = await inbox(callers.nmsa);
    expect(seenByNmsa?.canDecide).toBe(false);
    expect(seenByNmsa?.confirmer?.nameEn).toMatch(/Shanxi/);
    // A Level 1 decision is the province's to confirm (configuration); NMSA publishes it, and does not confirm.
    await expect(
      confirmDecision(
        callers.nmsa,
        { decisionId, version: 0, number: "X-1", legalBasis: "Rules art. 1", effectiveOn: today },
        { db },
      ),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await confirmDecision(
      callers.shanxi,
      { decisionId, version: 0, number: "矿安〔2026〕1号", legalBasis: "考核定级办法", effectiveOn: today },
      { db },
    );
    const ended = await db.grade.findUniqueOrThrow({ where: { id: old.id } });
    expect(ended).toMatchObject({ endReason: "DOWNGRADED", endedByDecisionId: decisionId });
    expect(ended.endedOn?.toISOString().slice(0, 10)).toBe(today);
    const current = await db.grade.findFirstOrThrow({ where: { mineId: mine.id, ...inForceOn(today) } });
    expect(current).toMatchObject({ level: 2, fromDecisionId: decisionId, validUntil: old.validUntil });
    const decision = await db.decision.findUniqueOrThrow({ where: { id: decisionId }, include: { authority: true } });
    expect(decision).toMatchObject({ status: "CONFIRMED", decidedById: callers.shanxi.id, number: "矿安〔2026〕1号" });
    // Published by NMSA: the issuing authority on the public record.
    expect(decision.authority?.kind).toBe("NATIONAL");
    expect(
      await db.auditLog.count({
        where: { entity: "Decision", entityId: String(decisionId), action: "decision.confirm" },
      }),
    ).toBe(1);
  });

  it("a revocation leaves the mine ungraded", async () => {
    const { mine, decisionId } = await proposal(2, 50);
    await confirmDecision(
      callers.shanxi,
      { decisionId, version: 0, number: "晋-1", legalBasis: "Rules", effectiveOn: today },
      { db },
    );
    expect(await db.grade.count({ where: { mineId: mine.id, ...inForceOn(today) } })).toBe(0);
  });

  it("a bad effective date changes nothing", async () => {
    const { mine, decisionId } = await proposal(2, 75);
    const before = await counts();
    await expect(
      confirmDecision(
        callers.shanxi,
        { decisionId, version: 0, number: "N", legalBasis: "L", effectiveOn: "2000-01-01" },
        { db },
      ),
    ).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { effectiveOn: "effectiveBeforeAnnouncement" } });
    expect(await counts()).toEqual(before);
    expect((await db.decision.findUniqueOrThrow({ where: { id: decisionId } })).status).toBe("PROPOSED");
    expect(await db.grade.count({ where: { mineId: mine.id, ...inForceOn(today, 2) } })).toBe(1);
  });

  it("of two officials confirming at once, exactly one succeeds and nothing is applied twice", async () => {
    const { mine, decisionId } = await proposal(1, 82);
    const otherDb = createDb(databaseUrl(), 2);
    try {
      const input = { decisionId, version: 0, number: "晋-race", legalBasis: "Rules", effectiveOn: today };
      const results = await Promise.allSettled([
        confirmDecision(callers.shanxi, input, { db }),
        confirmDecision(callers.shanxi, input, { db: otherDb }),
      ]);
      const fulfilled = results.filter((r) => r.status === "fulfilled");
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(fulfilled).toHaveLength(1);
      expect(rejected).toHaveLength(1);
      expect(rejected[0].reason).toMatchObject({ code: "CONFLICT", messageKey: "alreadyDecided" });
      expect(await db.grade.count({ where: { fromDecisionId: decisionId } })).toBe(1);
      expect(await db.grade.count({ where: { mineId: mine.id, ...inForceOn(today) } })).toBe(1);
      expect(
        await db.auditLog.count({
          where: { entity: "Decision", entityId: String(decisionId), action: "decision.confirm" },
        }),
      ).toBe(1);
    } finally {
      await otherDb.$disconnect();
    }
  });

  it("a withdrawn proposal cannot be confirmed afterwards", async () => {
    const { decisionId } = await proposal(2, 75);
    await withdrawDecision(
      callers.shanxi,
      { decisionId, version: 0, reason: "Scores entered for the wrong mine" },
      { db },
    );
    await expect(
      confirmDecision(
        callers.shanxi,
        { decisionId, version: 0, number: "N", legalBasis: "L", effectiveOn: today },
        { db },
      ),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await db.decision.findUniqueOrThrow({ where: { id: decisionId } })).toMatchObject({
      status: "WITHDRAWN",
      withdrawnReason: "Scores entered for the wrong mine",
    });
  });

  it("a local regulator may propose but not confirm, and nobody decides outside their scope", async () => {
    const { decisionId } = await proposal(2, 75);
    await expect(
      confirmDecision(
        callers.datong,
        { decisionId, version: 0, number: "N", legalBasis: "L", effectiveOn: today },
        { db },
      ),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const guizhouShanxi: Caller = { ...callers.shanxi, jurisdiction: "52" };
    await expect(
      confirmDecision(
        guizhouShanxi,
        { decisionId, version: 0, number: "N", legalBasis: "L", effectiveOn: today },
        { db },
      ),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await db.decision.findUniqueOrThrow({ where: { id: decisionId } })).status).toBe("PROPOSED");
  });
});
