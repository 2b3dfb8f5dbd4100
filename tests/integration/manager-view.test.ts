// Mine managers' view against the real seeded database: "why this grade" and "distance to downgrade"
// match the engine, the timeline is ordered and filtered like the profile, and the right to reply
// writes a reply (with its audit row) and nothing else.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dateValue, isoDate, todayInChina } from "@/lib/domain/dates";
import { distanceToDowngrade, explainGrade, weakestPartFloor } from "@/lib/domain/explain";
import { computeGrade, type ElementInput } from "@/lib/domain/grading";
import { addDays } from "@/lib/domain/triggers";
import type { Prisma } from "@/lib/generated/prisma/client";
import { loadCaller } from "@/lib/server/auth/load-caller";
import type { Caller } from "@/lib/server/auth/scope";
import { gradeExplanation, type GradeExplanationView } from "@/lib/server/data/grade-explanation";
import { accidentFacts, hiddenDangerFacts, statusPeriodFacts, vetoFacts } from "@/lib/server/data/mine-facts";
import { compareEvents, mineTimeline } from "@/lib/server/data/mine-timeline";
import { inForceOn } from "@/lib/server/data/mines";
import { loadRuleSet, ruleSetOn } from "@/lib/server/data/rules";
import { decisionReplies, getSpotCheckDetail } from "@/lib/server/data/spot-check-detail";
import { ServiceError } from "@/lib/server/errors";
import { addReply } from "@/lib/server/services/add-reply";
import { REPLY_MAX_LENGTH, replySchema } from "@/lib/validation/reply";
import { databaseUrl, sql, testDb } from "../support/db";

const db = testDb();
const today = todayInChina();
const callers: Record<string, Caller> = {};
let managerMine: { id: number; code: string; countyCode: string };

async function callerOf(email: string): Promise<Caller> {
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  const c = await loadCaller(db, user.id);
  if (!c) throw new Error(`${email} is not active`);
  return c;
}

/** A real MINE_MANAGER user of another mine (users cannot be deleted once audited; the test database is dropped). */
async function managerOf(mine: { id: number; countyCode: string }, tag: string): Promise<Caller> {
  const user = await db.user.create({
    data: {
      email: `manager-view-${tag}-${mine.id}-${Date.now()}@test.local`,
      name: `Test manager ${tag}`,
      passwordHash: "not-a-login",
      role: "MINE_MANAGER",
      jurisdiction: mine.countyCode,
      mineId: mine.id,
    },
  });
  return (await loadCaller(db, user.id))!;
}

beforeAll(async () => {
  for (const name of ["admin", "nmsa", "shanxi", "datong", "official", "manager"])
    callers[name] = await callerOf(`${name}@demo.test`);
  managerMine = await db.mine.findUniqueOrThrow({
    where: { id: callers.manager.mineId! },
    select: { id: true, code: true, countyCode: true },
  });
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

/**
 * A mine holding a grade of `level` today that came from an application with an assessed score sheet
 * of that level, with no accident or decision that could veto Level 1 today.
 */
async function assessedMine(level: number, where: Prisma.MineWhereInput = {}) {
  return db.mine.findFirstOrThrow({
    where: {
      ...where,
      accidents: { none: {} },
      decisions: { none: {} },
      grades: {
        some: { ...inForceOn(today, level), application: { assessedScoresheet: { level } } },
      },
    },
    orderBy: { id: "asc" },
    select: { id: true, code: true, countyCode: true },
  });
}

describe("why this grade", () => {
  for (const level of [1, 2, 3]) {
    it(`explains a Level ${level} grade from its application's assessed scores, exactly as the engine`, async () => {
      const mine = level === 1 ? managerMine : await assessedMine(level, { provinceCode: "15" });
      const view = (await gradeExplanation(callers.nmsa, mine.code, { db, today }))!;
      const grade = await db.grade.findFirstOrThrow({
        where: { mineId: mine.id, ...inForceOn(today) },
        orderBy: [{ announcedOn: "desc" }, { id: "desc" }],
        include: { application: true },
      });
      expect(view.grade).toMatchObject({ id: grade.id, level, validUntil: isoDate(grade.validUntil) });
      expect(view.source).toMatchObject({
        kind: "ASSESSMENT",
        id: grade.applicationId,
        scoresheetId: grade.application!.assessedScoresheetId,
      });
      const engine = await engineFor(view);
      expect(view.explanation!.result).toEqual(engine.result);
      expect(view.explanation).toEqual(engine.explanation);
      expect(view.explanation!.result.level).toBe(level);
      // Level 1 is the best level; below it, what kept the scores out of the level above.
      expect(level === 1 ? ["LEVEL_REACHED"] : ["THRESHOLD_MISSED", "PART_NOT_ASSESSED"]).toContain(
        view.explanation!.decidedBy.code,
      );
      expect(view.nextReReview).toBe(isoDate(grade.validUntil));
      expect(view.distance!.items).toEqual(await expectedDistance(view));
      expect(view.distance!.items.map((i) => i.trigger)).toContain("MANAGEMENT_SLIDE");
    });
  }

  it("explains an ungraded mine from its latest scores on record, exactly as the engine", async () => {
    const mine = await db.mine.findFirstOrThrow({
      where: {
        grades: { none: inForceOn(today) },
        spotChecks: { some: { status: "COMPLETED", checkedOn: { lte: dateValue(today) } } },
      },
      orderBy: { id: "asc" },
    });
    const view = (await gradeExplanation(callers.nmsa, mine.code, { db, today }))!;
    expect(view.grade).toBeNull();
    expect(view.nextReReview).toBeNull();
    expect(view.source).not.toBeNull();
    const engine = await engineFor(view);
    expect(view.explanation!.result).toEqual(engine.result);
    expect(view.explanation).toEqual(engine.explanation);
    // Nothing to downgrade without a grade.
    expect(view.distance!.items).toEqual([]);
  });

  it("says so when an ungraded mine has no scores at all", async () => {
    const mine = await db.mine.findFirst({
      where: {
        grades: { none: {} },
        spotChecks: { none: {} },
        applications: { none: { assessedScoresheetId: { not: null } } },
      },
    });
    if (!mine) return; // every mine of this seed has scores on record
    const view = (await gradeExplanation(callers.nmsa, mine.code, { db, today }))!;
    expect(view).toMatchObject({ grade: null, source: null, explanation: null, nextReReview: null });
  });

  it("falls back to the latest completed spot-check within the validity of a grade without an application", async () => {
    // Grades in force today that did not come from an application (downgrades), with and without a
    // completed spot-check since their announcement.
    const rows = await sql<{ mineId: number; announcedOn: string; checks: string }>(
      databaseUrl(),
      `SELECT g."mineId", to_char(g."announcedOn", 'YYYY-MM-DD') AS "announcedOn",
              count(s.id) AS checks
         FROM "Grade" g
         LEFT JOIN "SpotCheck" s ON s."mineId" = g."mineId" AND s.status = 'COMPLETED'
                                AND s."checkedOn" >= g."announcedOn" AND s."checkedOn" <= $1::date
        WHERE g."applicationId" IS NULL AND g."announcedOn" <= $1::date AND g."validUntil" > $1::date
          AND (g."endedOn" IS NULL OR g."endedOn" > $1::date)
        GROUP BY g.id ORDER BY g.id`,
      [today],
    );
    const withCheck = rows.find((r) => Number(r.checks) > 0);
    const withoutCheck = rows.find((r) => Number(r.checks) === 0);
    expect(withCheck ?? withoutCheck).toBeDefined();
    if (withCheck) {
      const mine = await db.mine.findUniqueOrThrow({ where: { id: withCheck.mineId } });
      const check = await db.spotCheck.findFirstOrThrow({
        where: {
          mineId: mine.id,
          status: "COMPLETED",
          checkedOn: { gte: dateValue(withCheck.announcedOn), lte: dateValue(today) },
        },
        orderBy: [{ checkedOn: "desc" }, { id: "desc" }],
      });
      const view = (await gradeExplanation(callers.nmsa, mine.code, { db, today }))!;
      expect(view.source).toMatchObject({ kind: "SPOT_CHECK", id: check.id, scoresheetId: check.scoresheetId });
      const engine = await engineFor(view);
      expect(view.explanation!.result).toEqual(engine.result);
      expect(view.explanation).toEqual(engine.explanation);
    }
    if (withoutCheck) {
      const mine = await db.mine.findUniqueOrThrow({ where: { id: withoutCheck.mineId } });
      const view = (await gradeExplanation(callers.nmsa, mine.code, { db, today }))!;
      expect(view.grade).not.toBeNull();
      expect(view).toMatchObject({ source: null, explanation: null });
      // Without scores the distance still covers the triggers that need none.
      expect(view.distance!.items.map((i) => i.trigger).sort()).toEqual([
        "FATAL_ACCIDENT",
        "HIDDEN_DANGERS",
        "PRODUCTION_STOPPED",
      ]);
    }
  });

  it("shows a fatal accident as a veto on a Level-1-scoring mine, exactly as the engine", async () => {
    const mine = await assessedMine(1, { provinceCode: { not: "14" } });
    const before = (await gradeExplanation(callers.nmsa, mine.code, { db, today }))!;
    expect(before.explanation!.result.level).toBe(1);
    const occurredOn = addDays(today, -10);
    const accident = await db.accident.create({
      data: { mineId: mine.id, occurredOn: dateValue(occurredOn), deaths: 1, description: "Test: roof fall" },
    });
    try {
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
    } finally {
      await db.accident.delete({ where: { id: accident.id } });
    }
  });

  it("is scoped: out of scope reads as absent", async () => {
    const guizhou = await db.mine.findFirstOrThrow({ where: { provinceCode: "52" } });
    expect(await gradeExplanation(callers.manager, guizhou.code, { db, today })).toBeNull();
    expect(await gradeExplanation(callers.shanxi, guizhou.code, { db, today })).toBeNull();
    expect(await gradeExplanation(callers.shanxi, managerMine.code, { db, today })).not.toBeNull();
    expect(await gradeExplanation(callers.manager, managerMine.code, { db, today })).not.toBeNull();
    expect(await gradeExplanation(callers.official, managerMine.code, { db, today })).not.toBeNull();
  });
});

describe("timeline", () => {
  let decisionMine: { id: number; code: string; countyCode: string };
  let decisionManager: Caller;

  beforeAll(async () => {
    decisionMine = await db.mine.findFirstOrThrow({
      where: {
        AND: [{ decisions: { some: { status: "CONFIRMED" } } }, { decisions: { some: { status: "WITHDRAWN" } } }],
      },
      orderBy: { id: "asc" },
      select: { id: true, code: true, countyCode: true },
    });
    decisionManager = await managerOf(decisionMine, "timeline");
  });

  it("merges every record of the mine in date order", async () => {
    const timeline = (await mineTimeline(callers.nmsa, decisionMine.code, { db, today }))!;
    const events = timeline.events;
    for (let i = 1; i < events.length; i++) {
      expect(events[i - 1].date <= events[i].date).toBe(true);
      expect(compareEvents(events[i - 1], events[i])).toBeLessThan(0);
    }
    const count = (kind: string) => events.filter((e) => e.kind === kind).length;
    expect(count("GRADE_START")).toBe(await db.grade.count({ where: { mineId: decisionMine.id } }));
    expect(count("SPOT_CHECK")).toBe(
      await db.spotCheck.count({ where: { mineId: decisionMine.id, status: "COMPLETED" } }),
    );
    expect(count("ACCIDENT")).toBe(await db.accident.count({ where: { mineId: decisionMine.id } }));
    expect(count("STATUS_CHANGE")).toBe(await db.mineStatusPeriod.count({ where: { mineId: decisionMine.id } }));

    // A confirmed decision: its confirmation, the end of the grade it ended, and the grade it started,
    // on its effective date and in that order, each with the decision's number.
    const confirmed = await db.decision.findFirstOrThrow({
      where: { mineId: decisionMine.id, status: "CONFIRMED" },
      include: { endedGrade: true, startedGrade: true },
    });
    const on = isoDate(confirmed.effectiveOn!);
    const iConfirmed = events.findIndex(
      (e) => e.kind === "DECISION" && e.decisionId === confirmed.id && e.stage === "CONFIRMED",
    );
    expect(confirmed.endedGrade).not.toBeNull();
    const iEnd = events.findIndex((e) => e.kind === "GRADE_END" && e.gradeId === confirmed.endedGrade?.id);
    expect(events[iConfirmed]).toMatchObject({ date: on, number: confirmed.number });
    expect(events[iEnd]).toMatchObject({
      date: on,
      via: confirmed.type === "DOWNGRADE" ? "DOWNGRADED" : "REVOKED",
      decisionNumber: confirmed.number,
    });
    expect(iConfirmed).toBeLessThan(iEnd);
    if (confirmed.startedGrade) {
      const iStart = events.findIndex((e) => e.kind === "GRADE_START" && e.gradeId === confirmed.startedGrade!.id);
      expect(events[iStart]).toMatchObject({ date: on, via: "DOWNGRADE", decisionNumber: confirmed.number });
      expect(iEnd).toBeLessThan(iStart);
    }
    // Regulators see every step of every decision.
    const stages = events.flatMap((e) => (e.kind === "DECISION" ? [e.stage] : []));
    expect(stages).toEqual(expect.arrayContaining(["PROPOSED", "CONFIRMED", "WITHDRAWN"]));
  });

  it("shows a mine manager confirmed decisions only, like the profile", async () => {
    const regulator = (await mineTimeline(callers.nmsa, decisionMine.code, { db, today }))!;
    const manager = (await mineTimeline(decisionManager, decisionMine.code, { db, today }))!;
    const managerDecisions = manager.events.flatMap((e) => (e.kind === "DECISION" ? [e] : []));
    const confirmedIds = (
      await db.decision.findMany({ where: { mineId: decisionMine.id, status: "CONFIRMED" }, select: { id: true } })
    ).map((d) => d.id);
    expect(managerDecisions.length).toBe(confirmedIds.length);
    expect(managerDecisions.every((e) => e.stage === "CONFIRMED" && confirmedIds.includes(e.decisionId))).toBe(true);
    // Everything else is the same as the regulator's.
    const nonDecision = (t: typeof manager) => t.events.filter((e) => e.kind !== "DECISION");
    expect(nonDecision(manager)).toEqual(nonDecision(regulator));
    // The demo manager's own timeline: superseded grades end on the day the next one starts.
    const own = (await mineTimeline(callers.manager, managerMine.code, { db, today }))!;
    const ends = own.events.filter((e) => e.kind === "GRADE_END");
    for (const e of ends) {
      if (e.kind !== "GRADE_END" || e.via !== "SUPERSEDED") continue;
      expect(e.supersededByNo).not.toBeNull();
      const start = own.events.find((s) => s.kind === "GRADE_START" && s.announcementNo === e.supersededByNo);
      expect(start?.date).toBe(e.date);
    }
  });

  it("is scoped: another mine's timeline reads as absent", async () => {
    expect(await mineTimeline(callers.manager, decisionMine.code, { db, today })).toBeNull();
    expect(await mineTimeline(decisionManager, managerMine.code, { db, today })).toBeNull();
    const guizhou = await db.mine.findFirstOrThrow({ where: { provinceCode: "52" } });
    expect(await mineTimeline(callers.datong, guizhou.code, { db, today })).toBeNull();
  });
});

describe("spot-check detail", () => {
  it("needs both ids to match and the mine in scope", async () => {
    const own = await db.spotCheck.findFirstOrThrow({ where: { mineId: managerMine.id, status: "COMPLETED" } });
    const other = await db.spotCheck.findFirstOrThrow({
      where: { mineId: { not: managerMine.id }, status: "COMPLETED" },
      include: { mine: true },
    });
    const detail = await getSpotCheckDetail(callers.manager, managerMine.code, own.id, { db, today });
    expect(detail?.spotCheck.id).toBe(own.id);
    expect(detail!.elements.length).toBeGreaterThan(0);
    expect(detail!.parts.length).toBe(3);
    expect(await getSpotCheckDetail(callers.manager, managerMine.code, other.id, { db, today })).toBeNull();
    expect(await getSpotCheckDetail(callers.manager, other.mine.code, other.id, { db, today })).toBeNull();
    expect(await getSpotCheckDetail(callers.nmsa, managerMine.code, other.id, { db, today })).toBeNull();
    expect((await getSpotCheckDetail(callers.nmsa, other.mine.code, other.id, { db, today }))?.spotCheck.id).toBe(
      other.id,
    );
  });

  it("marks a finding overdue once its deadline has passed without rectification", async () => {
    const finding = await db.finding.findFirst({
      where: { rectifiedOn: null, rectifyBy: { not: null }, spotCheck: { status: "COMPLETED" } },
      include: { spotCheck: { include: { mine: true } } },
    });
    if (!finding) return;
    const deadline = isoDate(finding.rectifyBy!);
    const read = async (on: string) =>
      (await getSpotCheckDetail(callers.nmsa, finding.spotCheck.mine.code, finding.spotCheckId, {
        db,
        today: on,
      }))!.findings.find((f) => f.id === finding.id)!;
    expect((await read(deadline)).overdue).toBe(false);
    expect((await read(addDays(deadline, 1))).overdue).toBe(true);
  });
});

describe("right to reply", () => {
  const rowText = async (table: "Finding" | "Decision", id: number) =>
    (await sql<{ row: string }>(databaseUrl(), `SELECT t::text AS row FROM "${table}" t WHERE t.id = $1`, [id]))[0].row;
  const counts = async () => ({ replies: await db.reply.count(), audits: await db.auditLog.count() });

  let finding: { id: number; spotCheckId: number };
  let decisionMine: { id: number; code: string; countyCode: string };
  let decisionManager: Caller;

  beforeAll(async () => {
    finding = await db.finding.findFirstOrThrow({
      where: { spotCheck: { mineId: managerMine.id, status: "COMPLETED" } },
      orderBy: { id: "desc" },
      select: { id: true, spotCheckId: true },
    });
    decisionMine = await db.mine.findFirstOrThrow({
      where: {
        id: { not: managerMine.id },
        AND: [{ decisions: { some: { status: "CONFIRMED" } } }, { decisions: { some: { status: "WITHDRAWN" } } }],
      },
      orderBy: { id: "desc" },
      select: { id: true, code: true, countyCode: true },
    });
    decisionManager = await managerOf(decisionMine, "reply");
  });

  it("lets the mine's manager reply to a finding, with an audit row, leaving the finding unchanged byte for byte", async () => {
    const before = await rowText("Finding", finding.id);
    const text = "整改已完成，已上传整改报告。Rectified; report uploaded.";
    const result = await addReply(callers.manager, { target: "finding", targetId: finding.id, text }, { db });
    expect(result).toMatchObject({ mineCode: managerMine.code, spotCheckId: finding.spotCheckId });
    expect(await rowText("Finding", finding.id)).toBe(before);
    const reply = await db.reply.findUniqueOrThrow({ where: { id: result.replyId } });
    expect(reply).toMatchObject({ authorId: callers.manager.id, findingId: finding.id, decisionId: null, text });
    const audit = await db.auditLog.findFirstOrThrow({ where: { entity: "Reply", entityId: String(reply.id) } });
    expect(audit).toMatchObject({
      actorId: callers.manager.id,
      action: "finding.reply",
      regionCode: managerMine.countyCode,
    });
    // A regulator in scope sees it next to the finding.
    const detail = await getSpotCheckDetail(callers.shanxi, managerMine.code, finding.spotCheckId, { db, today });
    expect(detail!.findings.find((f) => f.id === finding.id)!.replies.map((r) => r.text)).toContain(text);
  });

  it("lets the mine's manager reply to a confirmed decision, leaving the decision unchanged byte for byte", async () => {
    const decision = await db.decision.findFirstOrThrow({ where: { mineId: decisionMine.id, status: "CONFIRMED" } });
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
    const withdrawn = await db.decision.findFirstOrThrow({ where: { mineId: decisionMine.id, status: "WITHDRAWN" } });
    const before = { ...(await counts()), row: await rowText("Decision", withdrawn.id) };
    await expect(
      addReply(decisionManager, { target: "decision", targetId: withdrawn.id, text: "Why?" }, { db }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect({ ...(await counts()), row: await rowText("Decision", withdrawn.id) }).toEqual(before);
  });

  it("refuses another mine's manager and every other role, writing nothing", async () => {
    const decision = await db.decision.findFirstOrThrow({ where: { mineId: decisionMine.id, status: "CONFIRMED" } });
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
    for (const name of ["admin", "nmsa", "shanxi", "datong", "official"]) {
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
