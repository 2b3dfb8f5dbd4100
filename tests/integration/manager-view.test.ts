// Mine managers' view against the real database, on rows each test builds (tests/support/factories.ts):
// "why this grade" and "distance to downgrade" match the engine, the timeline is ordered and filtered
// like the profile, and the right to reply writes a reply (with its audit row) and nothing else.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayInChina } from "@/lib/domain/dates";
import { distanceToDowngrade, explainGrade, weakestPartFloor } from "@/lib/domain/explain";
import { computeGrade, type ElementInput } from "@/lib/domain/grading";
import type { Level } from "@/lib/domain/rules";
import { addDays } from "@/lib/domain/triggers";
import type { Caller } from "@/lib/server/auth/scope";
import { gradeExplanation, type GradeExplanationView } from "@/lib/server/data/grade-explanation";
import { accidentFacts, hiddenDangerFacts, statusPeriodFacts, vetoFacts } from "@/lib/server/data/mine-facts";
import { compareEvents, mineTimeline } from "@/lib/server/data/mine-timeline";
import { loadRuleSet, ruleSetOn } from "@/lib/server/data/rules";
import { decisionReplies, getSpotCheckDetail } from "@/lib/server/data/spot-check-detail";
import { ServiceError } from "@/lib/server/errors";
import { addReply } from "@/lib/server/services/add-reply";
import { REPLY_MAX_LENGTH, replySchema } from "@/lib/validation/reply";
import { databaseUrl, sql, testDb } from "../support/db";
import {
  createAccident,
  createApplication,
  createDecision,
  createGrade,
  createHiddenDanger,
  createMine,
  createSpotCheck,
  createUser,
  type TestMine,
} from "../support/factories";

const db = testDb();
const today = todayInChina();
const ago = (days: number) => addDays(today, -days);
const callers = {} as Record<"admin" | "nmsa" | "shanxi" | "datong" | "official" | "manager", Caller>;
/** The manager's mine: Level 1 from an application, in Datong (Shanxi). */
let own: TestMine;
/** A mine in Guizhou, outside Shanxi. */
let guizhou: TestMine;

/** A mine holding a grade of `level` today from an announced application, with nothing that could veto Level 1. */
async function gradedMine(level: Level) {
  const mine = await createMine(db);
  const application = await createApplication(db, mine, {
    appliedLevel: level,
    state: "ANNOUNCED",
    submittedOn: ago(300),
    announcedOn: ago(200),
    today,
  });
  return { mine, application, grade: application.grade! };
}

/**
 * A mine with a history: a Level 2 grade superseded by a re-review, a proposal withdrawn, a fatal
 * accident, a downgrade to Level 3 confirmed, a stoppage and a spot-check since; and its manager.
 */
async function mineWithDecisions() {
  const mine = await createMine(db, {
    periods: [
      { status: "NORMAL_PRODUCTION", startedOn: "2015-01-01", endedOn: ago(520) },
      { status: "STOPPED", startedOn: ago(520), endedOn: ago(480) },
      { status: "NORMAL_PRODUCTION", startedOn: ago(480) },
    ],
  });
  const first = await createApplication(db, mine, {
    appliedLevel: 2,
    state: "ANNOUNCED",
    submittedOn: ago(1100),
    announcedOn: ago(1000),
    today,
  });
  const second = await createApplication(db, mine, {
    appliedLevel: 2,
    state: "ANNOUNCED",
    submittedOn: ago(500),
    announcedOn: ago(400),
    supersedes: first.grade!,
    today,
  });
  const withdrawn = await createDecision(db, mine, second.grade!, {
    type: "DOWNGRADE",
    reason: "HIDDEN_DANGERS",
    status: "WITHDRAWN",
    proposedOn: ago(300),
    decidedOn: ago(290),
  });
  await createAccident(db, mine, { occurredOn: ago(230) });
  const confirmed = await createDecision(db, mine, second.grade!, {
    type: "DOWNGRADE",
    reason: "FATAL_ACCIDENT",
    status: "CONFIRMED",
    toLevel: 3,
    proposedOn: ago(220),
    effectiveOn: ago(200),
  });
  await createSpotCheck(db, mine, { checkedOn: ago(100), level: 3, findings: [{ rectifyBy: ago(70) }] });
  return { mine, withdrawn, confirmed, manager: await createUser(db, "MINE_MANAGER", { mine }) };
}

beforeAll(async () => {
  callers.admin = await createUser(db, "ADMIN");
  callers.nmsa = await createUser(db, "NATIONAL_REGULATOR");
  callers.shanxi = await createUser(db, "PROVINCIAL_REGULATOR", { jurisdiction: "14" });
  callers.datong = await createUser(db, "LOCAL_REGULATOR", { jurisdiction: "1402" });
  callers.official = await createUser(db, "OFFICIAL");
  own = (await gradedMine(1)).mine;
  callers.manager = await createUser(db, "MINE_MANAGER", { mine: own });
  guizhou = await createMine(db, { countyCode: "520281" });
});
afterAll(() => db.$disconnect());

/** The engine's own answer for the score sheet the view says it explained. */
async function engineFor(view: GradeExplanationView) {
  return engineForSheet(view, view.source!.scoresheetId);
}

async function engineForSheet(view: GradeExplanationView, scoresheetId: number) {
  const sheet = await db.scoresheet.findUniqueOrThrow({
    where: { id: scoresheetId },
    include: { scores: true },
  });
  const { rules } = (await loadRuleSet({ id: sheet.ruleVersionId }, { db }))!;
  const scores: Record<string, ElementInput> = Object.fromEntries(
    sheet.scores.map((s) => [s.elementCode, s.notApplicable || s.score === null ? null : Number(s.score)]),
  );
  const facts = await vetoFacts(db, view.mine.id);
  return {
    result: computeGrade({ rules, mineType: sheet.mineType, scores, asOf: today, facts }),
    explanation: explainGrade(rules, sheet.mineType, scores, today, facts),
  };
}

async function expectedDistance(view: GradeExplanationView) {
  const { rules } = (await ruleSetOn(today, { db }))!;
  const level = view.grade?.level ?? null;
  const basis = view.distance?.basis ?? null;
  const basisParts = basis ? (await engineForSheet(view, basis.scoresheetId)).result.parts : null;
  return distanceToDowngrade(rules, {
    level,
    asOf: today,
    dangers: await hiddenDangerFacts(db, view.mine.id),
    accidents: await accidentFacts(db, view.mine.id),
    statusPeriods: await statusPeriodFacts(db, view.mine.id),
    // Measured on the latest scores since the grade's announcement (the view's basis), not only the assessment.
    lowestPart: basisParts ? weakestPartFloor(rules, level, basisParts) : null,
  }).items;
}

describe("why this grade", () => {
  for (const level of [1, 2, 3] as const) {
    it(`explains a Level ${level} grade from its application's assessed scores, exactly as the engine`, async () => {
      const { mine, application, grade } = await gradedMine(level);
      const view = (await gradeExplanation(callers.nmsa, mine.code, { db, today }))!;
      expect(view.grade).toMatchObject({ id: grade.id, level, validUntil: grade.validUntil });
      expect(view.source).toMatchObject({
        kind: "ASSESSMENT",
        id: application.id,
        scoresheetId: application.assessedScoresheet!.id,
      });
      const engine = await engineFor(view);
      expect(view.explanation!.result).toEqual(engine.result);
      expect(view.explanation).toEqual(engine.explanation);
      expect(view.explanation!.result.level).toBe(level);
      // Level 1 is the best level; below it, what kept the scores out of the level above.
      expect(level === 1 ? ["LEVEL_REACHED"] : ["THRESHOLD_MISSED", "PART_NOT_ASSESSED"]).toContain(
        view.explanation!.decidedBy.code,
      );
      expect(view.nextReReview).toBe(grade.validUntil);
      expect(view.distance!.items).toEqual(await expectedDistance(view));
      expect(view.distance!.items.map((i) => i.trigger)).toContain("MANAGEMENT_SLIDE");
    });
  }

  it("explains an ungraded mine from its latest scores on record, exactly as the engine", async () => {
    const mine = await createMine(db);
    await createSpotCheck(db, mine, { checkedOn: ago(90), level: 3 });
    const latest = await createSpotCheck(db, mine, { checkedOn: ago(30), level: 2 });
    const view = (await gradeExplanation(callers.nmsa, mine.code, { db, today }))!;
    expect(view.grade).toBeNull();
    expect(view.nextReReview).toBeNull();
    expect(view.source).toMatchObject({ kind: "SPOT_CHECK", id: latest.id, scoresheetId: latest.scoresheet.id });
    const engine = await engineFor(view);
    expect(view.explanation!.result).toEqual(engine.result);
    expect(view.explanation).toEqual(engine.explanation);
    expect(view.explanation!.result.level).toBe(2);
    // Nothing to downgrade without a grade.
    expect(view.distance!.items).toEqual([]);
  });

  it("says so when an ungraded mine has no scores at all", async () => {
    const mine = await createMine(db);
    const view = (await gradeExplanation(callers.nmsa, mine.code, { db, today }))!;
    expect(view).toMatchObject({ grade: null, source: null, explanation: null, nextReReview: null });
  });

  it("falls back to the latest completed spot-check within the validity of a grade without an application", async () => {
    // Grades in force today that did not come from an application, with and without a completed
    // spot-check since their announcement (one before it does not count).
    const withCheck = await createMine(db);
    await createSpotCheck(db, withCheck, { checkedOn: ago(150), level: 1 });
    await createGrade(db, withCheck, { level: 2, announcedOn: ago(100) });
    await createSpotCheck(db, withCheck, { checkedOn: ago(60), level: 3 });
    const latest = await createSpotCheck(db, withCheck, { checkedOn: ago(20), level: 2 });
    await createSpotCheck(db, withCheck, { checkedOn: ago(10), level: 1, status: "DRAFT" });

    const view = (await gradeExplanation(callers.nmsa, withCheck.code, { db, today }))!;
    expect(view.source).toMatchObject({ kind: "SPOT_CHECK", id: latest.id, scoresheetId: latest.scoresheet.id });
    const engine = await engineFor(view);
    expect(view.explanation!.result).toEqual(engine.result);
    expect(view.explanation).toEqual(engine.explanation);

    const withoutCheck = await createMine(db);
    await createSpotCheck(db, withoutCheck, { checkedOn: ago(150), level: 2 });
    await createGrade(db, withoutCheck, { level: 2, announcedOn: ago(100) });
    const bare = (await gradeExplanation(callers.nmsa, withoutCheck.code, { db, today }))!;
    expect(bare.grade).toMatchObject({ level: 2 });
    expect(bare).toMatchObject({ source: null, explanation: null });
    // Without scores the distance still covers the triggers that need none.
    expect(bare.distance!.items.map((i) => i.trigger).sort()).toEqual([
      "FATAL_ACCIDENT",
      "HIDDEN_DANGERS",
      "PRODUCTION_STOPPED",
    ]);
  });

  it("shows a fatal accident as a veto on a Level-1-scoring mine, exactly as the engine", async () => {
    const { mine } = await gradedMine(1);
    const before = (await gradeExplanation(callers.nmsa, mine.code, { db, today }))!;
    expect(before.explanation!.result.level).toBe(1);
    const occurredOn = ago(10);
    await createAccident(db, mine, { occurredOn, deaths: 1 });
    const view = (await gradeExplanation(callers.nmsa, mine.code, { db, today }))!;
    const engine = await engineFor(view);
    expect(view.explanation!.result).toEqual(engine.result);
    expect(view.explanation).toEqual(engine.explanation);
    expect(view.explanation!.result).toMatchObject({ level: 2, levelsByScore: 1 });
    expect(view.explanation!.decidedBy).toMatchObject({
      code: "VETO",
      level: 1,
      kind: "FATAL_ACCIDENT",
      accidentClass: "ORDINARY",
      eventOn: occurredOn,
    });
    // The grade held is still Level 1 until a decision; the distance marks the accident as fired.
    expect(view.grade!.level).toBe(1);
    expect(view.distance!.items).toEqual(await expectedDistance(view));
    expect(view.distance!.items.find((i) => i.trigger === "FATAL_ACCIDENT")!.status).toBe("FIRED");
    const rank = { FIRED: 0, CLOSE: 1, OK: 2 };
    const ranks = view.distance!.items.map((i) => rank[i.status]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it("counts the hidden dangers of the window: regulator findings that outnumber self-reports fire", async () => {
    const { mine } = await gradedMine(2);
    const hiddenDangers = async () =>
      (await gradeExplanation(callers.nmsa, mine.code, { db, today }))!.distance!.items.find(
        (i) => i.trigger === "HIDDEN_DANGERS",
      )!;
    // Outside the window (hiddenDangerWindowMonths: 6 in every shipped rule version): not counted.
    await createHiddenDanger(db, mine, { foundOn: ago(400), source: "REGULATOR" });
    await createHiddenDanger(db, mine, { foundOn: ago(30), source: "REGULATOR" });
    await createHiddenDanger(db, mine, { foundOn: ago(20), source: "SELF_REPORTED" });
    expect(await hiddenDangers()).toMatchObject({
      status: "CLOSE",
      detail: { regulator: 1, selfReported: 1, moreRegulatorFindingsToFire: 1 },
    });
    await createHiddenDanger(db, mine, { foundOn: ago(10), source: "REGULATOR" });
    expect(await hiddenDangers()).toMatchObject({ status: "FIRED", detail: { regulator: 2, selfReported: 1 } });
    const view = (await gradeExplanation(callers.nmsa, mine.code, { db, today }))!;
    expect(view.distance!.items).toEqual(await expectedDistance(view));
  });

  it("is scoped: out of scope reads as absent", async () => {
    expect(await gradeExplanation(callers.manager, guizhou.code, { db, today })).toBeNull();
    expect(await gradeExplanation(callers.shanxi, guizhou.code, { db, today })).toBeNull();
    expect(await gradeExplanation(callers.shanxi, own.code, { db, today })).not.toBeNull();
    expect(await gradeExplanation(callers.manager, own.code, { db, today })).not.toBeNull();
    expect(await gradeExplanation(callers.official, own.code, { db, today })).not.toBeNull();
  });
});

describe("timeline", () => {
  let history: Awaited<ReturnType<typeof mineWithDecisions>>;

  beforeAll(async () => {
    history = await mineWithDecisions();
  });

  it("merges every record of the mine in date order", async () => {
    const { mine, confirmed } = history;
    const timeline = (await mineTimeline(callers.nmsa, mine.code, { db, today }))!;
    const events = timeline.events;
    for (let i = 1; i < events.length; i++) {
      expect(events[i - 1].date <= events[i].date).toBe(true);
      expect(compareEvents(events[i - 1], events[i])).toBeLessThan(0);
    }
    const count = (kind: string) => events.filter((e) => e.kind === kind).length;
    expect(count("GRADE_START")).toBe(3);
    expect(count("SPOT_CHECK")).toBe(1);
    expect(count("ACCIDENT")).toBe(1);
    expect(count("STATUS_CHANGE")).toBe(3);

    // The confirmed decision: its confirmation, the end of the grade it ended, and the grade it started,
    // on its effective date and in that order, each with the decision's number.
    const decision = await db.decision.findUniqueOrThrow({ where: { id: confirmed.id } });
    const on = ago(200);
    const iConfirmed = events.findIndex(
      (e) => e.kind === "DECISION" && e.decisionId === confirmed.id && e.stage === "CONFIRMED",
    );
    const iEnd = events.findIndex((e) => e.kind === "GRADE_END" && e.gradeId === confirmed.endedGradeId);
    const iStart = events.findIndex((e) => e.kind === "GRADE_START" && e.gradeId === confirmed.startedGrade!.id);
    expect(events[iConfirmed]).toMatchObject({ date: on, number: decision.number });
    expect(events[iEnd]).toMatchObject({ date: on, via: "DOWNGRADED", decisionNumber: decision.number });
    expect(events[iStart]).toMatchObject({ date: on, via: "DOWNGRADE", level: 3, decisionNumber: decision.number });
    expect(iConfirmed).toBeLessThan(iEnd);
    expect(iEnd).toBeLessThan(iStart);
    // Regulators see every step of every decision.
    const stages = events.flatMap((e) => (e.kind === "DECISION" ? [e.stage] : []));
    expect(stages.sort()).toEqual(["CONFIRMED", "PROPOSED", "PROPOSED", "WITHDRAWN"]);
  });

  it("shows a mine manager confirmed decisions only, like the profile", async () => {
    const { mine, confirmed, manager } = history;
    const regulator = (await mineTimeline(callers.nmsa, mine.code, { db, today }))!;
    const own = (await mineTimeline(manager, mine.code, { db, today }))!;
    const managerDecisions = own.events.flatMap((e) => (e.kind === "DECISION" ? [e] : []));
    expect(managerDecisions.map((e) => [e.decisionId, e.stage])).toEqual([[confirmed.id, "CONFIRMED"]]);
    // Everything else is the same as the regulator's.
    const nonDecision = (t: typeof own) => t.events.filter((e) => e.kind !== "DECISION");
    expect(nonDecision(own)).toEqual(nonDecision(regulator));
    // A superseded grade ends on the day the next one starts, and names its announcement.
    const superseded = own.events.flatMap((e) => (e.kind === "GRADE_END" && e.via === "SUPERSEDED" ? [e] : []));
    expect(superseded).toHaveLength(1);
    const start = own.events.find((s) => s.kind === "GRADE_START" && s.announcementNo === superseded[0].supersededByNo);
    expect(superseded[0].supersededByNo).not.toBeNull();
    expect(start?.date).toBe(superseded[0].date);
    expect(start?.date).toBe(ago(400));
  });

  it("is scoped: another mine's timeline reads as absent", async () => {
    expect(await mineTimeline(callers.manager, history.mine.code, { db, today })).toBeNull();
    expect(await mineTimeline(history.manager, own.code, { db, today })).toBeNull();
    expect(await mineTimeline(callers.datong, guizhou.code, { db, today })).toBeNull();
    expect(await mineTimeline(callers.datong, history.mine.code, { db, today })).not.toBeNull();
  });
});

describe("spot-check detail", () => {
  it("needs both ids to match and the mine in scope", async () => {
    const mine = await createSpotCheck(db, own, { checkedOn: ago(40), level: 1 });
    const other = await createSpotCheck(db, guizhou, { checkedOn: ago(40), level: 2 });
    const detail = await getSpotCheckDetail(callers.manager, own.code, mine.id, { db, today });
    expect(detail?.spotCheck.id).toBe(mine.id);
    expect(detail!.elements.length).toBe(Object.keys(mine.scoresheet.scores).length);
    expect(detail!.parts.length).toBe(3);
    expect(await getSpotCheckDetail(callers.manager, own.code, other.id, { db, today })).toBeNull();
    expect(await getSpotCheckDetail(callers.manager, guizhou.code, other.id, { db, today })).toBeNull();
    expect(await getSpotCheckDetail(callers.nmsa, own.code, other.id, { db, today })).toBeNull();
    expect((await getSpotCheckDetail(callers.nmsa, guizhou.code, other.id, { db, today }))?.spotCheck.id).toBe(
      other.id,
    );
  });

  it("marks a finding overdue once its deadline has passed without rectification", async () => {
    const check = await createSpotCheck(db, own, { checkedOn: ago(40), level: 1, findings: [{ rectifyBy: ago(10) }] });
    const [finding] = check.findings;
    const read = async (on: string) =>
      (await getSpotCheckDetail(callers.nmsa, own.code, check.id, { db, today: on }))!.findings.find(
        (f) => f.id === finding.id,
      )!;
    expect((await read(ago(10))).overdue).toBe(false);
    expect((await read(ago(9))).overdue).toBe(true);
  });
});

describe("right to reply", () => {
  const rowText = async (table: "Finding" | "Decision", id: number) =>
    (await sql<{ row: string }>(databaseUrl(), `SELECT t::text AS row FROM "${table}" t WHERE t.id = $1`, [id]))[0].row;
  const counts = async () => ({ replies: await db.reply.count(), audits: await db.auditLog.count() });

  let finding: { id: number; spotCheckId: number };
  let decisionMine: TestMine;
  let decisionManager: Caller;
  let confirmedId: number;
  let withdrawnId: number;

  beforeAll(async () => {
    const check = await createSpotCheck(db, own, { checkedOn: ago(30), level: 1, findings: [{ rectifyBy: ago(5) }] });
    finding = { id: check.findings[0].id, spotCheckId: check.id };
    const history = await mineWithDecisions();
    decisionMine = history.mine;
    decisionManager = history.manager;
    confirmedId = history.confirmed.id;
    withdrawnId = history.withdrawn.id;
  });

  it("lets the mine's manager reply to a finding, with an audit row, leaving the finding unchanged byte for byte", async () => {
    const before = await rowText("Finding", finding.id);
    const text = "整改已完成，已上传整改报告。Rectified; report uploaded.";
    const result = await addReply(callers.manager, { target: "finding", targetId: finding.id, text }, { db });
    expect(result).toMatchObject({ mineCode: own.code, spotCheckId: finding.spotCheckId });
    expect(await rowText("Finding", finding.id)).toBe(before);
    const reply = await db.reply.findUniqueOrThrow({ where: { id: result.replyId } });
    expect(reply).toMatchObject({ authorId: callers.manager.id, findingId: finding.id, decisionId: null, text });
    const audit = await db.auditLog.findFirstOrThrow({ where: { entity: "Reply", entityId: String(reply.id) } });
    expect(audit).toMatchObject({
      actorId: callers.manager.id,
      action: "finding.reply",
      regionCode: own.countyCode,
    });
    // A regulator in scope sees it next to the finding.
    const detail = await getSpotCheckDetail(callers.shanxi, own.code, finding.spotCheckId, { db, today });
    expect(detail!.findings.find((f) => f.id === finding.id)!.replies.map((r) => r.text)).toContain(text);
  });

  it("lets the mine's manager reply to a confirmed decision, leaving the decision unchanged byte for byte", async () => {
    const decision = await db.decision.findUniqueOrThrow({ where: { id: confirmedId } });
    const before = await rowText("Decision", decision.id);
    const text = "We contest the evidence and ask for a re-review.";
    const result = await addReply(decisionManager, { target: "decision", targetId: decision.id, text }, { db });
    expect(await rowText("Decision", decision.id)).toBe(before);
    expect(await db.reply.findUniqueOrThrow({ where: { id: result.replyId } })).toMatchObject({
      authorId: decisionManager.id,
      decisionId: decision.id,
      findingId: null,
    });
    expect(
      await db.auditLog.count({
        where: { entity: "Reply", entityId: String(result.replyId), action: "decision.reply" },
      }),
    ).toBe(1);
    const seen = await decisionReplies(callers.nmsa, decisionMine.code, { db });
    expect(seen.get(decision.id)?.map((r) => r.text)).toContain(text);
    expect((await decisionReplies(decisionManager, decisionMine.code, { db })).get(decision.id)).toBeDefined();
    expect((await decisionReplies(callers.manager, decisionMine.code, { db })).size).toBe(0);
  });

  it("refuses a decision the manager cannot see (withdrawn) and writes nothing", async () => {
    const withdrawn = await db.decision.findUniqueOrThrow({ where: { id: withdrawnId } });
    const before = { ...(await counts()), row: await rowText("Decision", withdrawn.id) };
    await expect(
      addReply(decisionManager, { target: "decision", targetId: withdrawn.id, text: "Why?" }, { db }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect({ ...(await counts()), row: await rowText("Decision", withdrawn.id) }).toEqual(before);
  });

  it("refuses another mine's manager and every other role, writing nothing", async () => {
    const decision = await db.decision.findUniqueOrThrow({ where: { id: confirmedId } });
    const before = {
      ...(await counts()),
      finding: await rowText("Finding", finding.id),
      decision: await rowText("Decision", decision.id),
    };
    // Another mine's manager: the record reads as absent.
    await expect(
      addReply(decisionManager, { target: "finding", targetId: finding.id, text: "Not my mine" }, { db }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      addReply(callers.manager, { target: "decision", targetId: decision.id, text: "Not my mine" }, { db }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Regulators, officials and administrators may read but not reply.
    for (const name of ["admin", "nmsa", "shanxi", "datong", "official"] as const) {
      const error = await addReply(callers[name], { target: "finding", targetId: finding.id, text: "x" }, { db }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ServiceError);
      expect((error as ServiceError).code).toBe("FORBIDDEN");
    }
    // A record that does not exist reads as absent too.
    await expect(
      addReply(callers.manager, { target: "finding", targetId: 2_000_000_000, text: "x" }, { db }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect({
      ...(await counts()),
      finding: await rowText("Finding", finding.id),
      decision: await rowText("Decision", decision.id),
    }).toEqual(before);
  });

  it("validates the text: 1 to 2,000 characters after trimming", () => {
    const base = { target: "finding", targetId: "1" };
    expect(replySchema.safeParse({ ...base, text: "   " }).error?.issues[0].message).toBe("required");
    expect(replySchema.safeParse({ ...base, text: "a".repeat(REPLY_MAX_LENGTH + 1) }).error?.issues[0].message).toBe(
      "tooLong",
    );
    expect(replySchema.safeParse({ ...base, text: "a".repeat(REPLY_MAX_LENGTH) }).success).toBe(true);
    expect(replySchema.safeParse({ ...base, target: "grade", text: "a" }).success).toBe(false);
  });
});
