// Two users editing the same record get a conflict, never a silent overwrite (issue 7): spot-check
// amendments, decisions (confirm, withdraw) and application steps carry the version their form was
// rendered from. A stale version is a CONFLICT that writes nothing (the row, its children and the
// audit trail are exactly as the first write left them); two writes racing from two connections
// leave exactly one winner.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isoDate, todayInChina } from "@/lib/domain/dates";
import { addDays } from "@/lib/domain/triggers";
import type { Caller } from "@/lib/server/auth/scope";
import { createDb } from "@/lib/server/db";
import { ServiceError } from "@/lib/server/errors";
import { amendSpotCheck } from "@/lib/server/services/amend-spot-check";
import { assessApplication } from "@/lib/server/services/assess-application";
import { confirmDecision, withdrawDecision } from "@/lib/server/services/decide-decision";
import { lodgeObjection } from "@/lib/server/services/lodge-objection";
import { recordSpotCheck } from "@/lib/server/services/record-spot-check";
import { rejectApplication } from "@/lib/server/services/reject-application";
import { resolveObjection } from "@/lib/server/services/resolve-objection";
import { reviewApplication } from "@/lib/server/services/review-application";
import { startPublicNotice } from "@/lib/server/services/start-public-notice";
import { submitApplication } from "@/lib/server/services/submit-application";
import { confirmDecisionSchema, withdrawDecisionSchema } from "@/lib/validation/decision";
import { parseForm } from "@/lib/validation/form-errors";
import {
  amendmentFromForm,
  spotCheckAmendmentSchema,
  type SpotCheckAmendmentInput,
} from "@/lib/validation/spot-check-amendment";
import { databaseUrl, testDb } from "../support/db";
import { demoCallers } from "../support/demo-callers";
import { createGrade, createMine, createSpotCheck, createUser, evenScores, metConditions } from "../support/factories";

const db = testDb();
const otherDb = createDb(databaseUrl(), 2);
const today = todayInChina();
const callers: Record<string, Caller> = {};

beforeAll(async () => {
  Object.assign(callers, await demoCallers(db));
});
afterAll(async () => {
  await otherDb.$disconnect();
  await db.$disconnect();
});

/** The whole audit trail's size and newest row: a write that was refused must leave both as they were. */
async function auditState() {
  const [count, last] = await Promise.all([
    db.auditLog.count(),
    db.auditLog.findFirst({ orderBy: { id: "desc" }, select: { id: true } }),
  ]);
  return { count, lastId: last?.id ?? 0 };
}

/** Runs `hold` in a transaction on the other connection and keeps it open (its row locks held) until released. */
async function holdOpen(hold: (tx: Parameters<Parameters<typeof otherDb.$transaction>[0]>[0]) => Promise<unknown>) {
  let release!: () => void;
  let held!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const ready = new Promise<void>((r) => (held = r));
  const done = otherDb.$transaction(
    async (tx) => {
      await hold(tx);
      held();
      await gate;
    },
    { timeout: 30_000 },
  );
  await ready;
  return { release, done };
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// Spot-check amendments

/** A spot-check a month ago, with two findings, of a new mine in `countyCode` (Datong, Shanxi by default). */
async function spotCheckWithFindings(countyCode = "140226") {
  const mine = await createMine(db, { countyCode });
  const { id } = await createSpotCheck(db, mine, {
    checkedOn: addDays(today, -30),
    level: 2,
    conclusion: "RECTIFICATION_ORDERED",
    findings: [{ severity: "MAJOR", rectifyBy: addDays(today, -15) }, { rectifyBy: addDays(today, -5) }],
  });
  return db.spotCheck.findUniqueOrThrow({
    where: { id },
    include: { mine: true, findings: { orderBy: { id: "asc" } } },
  });
}

async function spotCheckSnapshot(id: number) {
  const [row, audits, trail] = await Promise.all([
    db.spotCheck.findUniqueOrThrow({ where: { id }, include: { findings: { orderBy: { id: "asc" } } } }),
    db.auditLog.findMany({ where: { entity: "SpotCheck", entityId: String(id) }, orderBy: { id: "asc" } }),
    auditState(),
  ]);
  return { row, audits, trail };
}

type Check = Awaited<ReturnType<typeof spotCheckWithFindings>>;

function amendment(check: Check, change: Partial<SpotCheckAmendmentInput> = {}): SpotCheckAmendmentInput {
  return {
    mineCode: check.mine.code,
    spotCheckId: check.id,
    version: check.version,
    team: check.team,
    notes: check.notes,
    rectifiedOn: Object.fromEntries(
      check.findings.map((f) => [String(f.id), f.rectifiedOn ? isoDate(f.rectifiedOn) : null]),
    ),
    ...change,
  };
}

describe("amending a spot-check", () => {
  it("saves team, notes and rectification dates with the version bumped and an audit row", async () => {
    const check = await spotCheckWithFindings();
    const [first, second] = check.findings;
    const checkedOn = isoDate(check.checkedOn);
    const result = await amendSpotCheck(
      callers.shanxi,
      amendment(check, {
        team: "Shanxi team, amended",
        notes: "Rectification verified on site.",
        rectifiedOn: { [first.id]: addDays(checkedOn, 3), [second.id]: null },
      }),
      { db },
    );
    expect(result).toEqual({ spotCheckId: check.id, mineCode: check.mine.code, version: check.version + 1 });
    const after = await db.spotCheck.findUniqueOrThrow({
      where: { id: check.id },
      include: { findings: { orderBy: { id: "asc" } } },
    });
    expect(after).toMatchObject({
      team: "Shanxi team, amended",
      notes: "Rectification verified on site.",
      version: check.version + 1,
      conclusion: check.conclusion,
      scoresheetId: check.scoresheetId,
    });
    expect(isoDate(after.findings[0].rectifiedOn!)).toBe(addDays(checkedOn, 3));
    expect(after.findings[1].rectifiedOn).toBeNull();
    const log = await db.auditLog.findFirstOrThrow({
      where: { entity: "SpotCheck", entityId: String(check.id), action: "spotCheck.amend" },
    });
    expect(log).toMatchObject({ actorId: callers.shanxi.id, regionCode: check.mine.countyCode });
    expect(log.before).toMatchObject({ version: check.version, team: check.team });
    expect(log.after).toMatchObject({
      version: check.version + 1,
      team: "Shanxi team, amended",
      findings: expect.arrayContaining([{ id: first.id, rectifiedOn: addDays(checkedOn, 3) }]),
    });
  });

  it("an amendment from a stale version conflicts and changes nothing: row, findings and audit as the first left them", async () => {
    const check = await spotCheckWithFindings();
    const [first] = check.findings;
    const checkedOn = isoDate(check.checkedOn);
    // Both regulators loaded the form at the same version; A saves first.
    await amendSpotCheck(
      callers.shanxi,
      amendment(check, { team: "Team A", rectifiedOn: { [first.id]: addDays(checkedOn, 1) } }),
      { db },
    );
    const afterA = await spotCheckSnapshot(check.id);
    await expect(
      amendSpotCheck(
        callers.nmsa,
        amendment(check, { team: "Team B", notes: "B's notes", rectifiedOn: { [first.id]: addDays(checkedOn, 2) } }),
        { db },
      ),
    ).rejects.toMatchObject({ code: "CONFLICT", messageKey: "spotCheckChanged" });
    expect(await spotCheckSnapshot(check.id)).toEqual(afterA);
    expect(afterA.row).toMatchObject({ team: "Team A", version: check.version + 1 });
  });

  it("of two amendments racing from two connections exactly one is saved", async () => {
    const check = await spotCheckWithFindings();
    const [first] = check.findings;
    const checkedOn = isoDate(check.checkedOn);
    const before = await auditState();
    const results = await Promise.allSettled([
      amendSpotCheck(
        callers.shanxi,
        amendment(check, { team: "Race A", rectifiedOn: { [first.id]: addDays(checkedOn, 1) } }),
        { db },
      ),
      amendSpotCheck(
        callers.shanxi,
        amendment(check, { team: "Race B", rectifiedOn: { [first.id]: addDays(checkedOn, 2) } }),
        { db: otherDb },
      ),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0].reason).toMatchObject({ code: "CONFLICT", messageKey: "spotCheckChanged" });
    const winner = results[0].status === "fulfilled" ? "A" : "B";
    const after = await spotCheckSnapshot(check.id);
    expect(after.row.team).toBe(`Race ${winner}`);
    expect(after.row.version).toBe(check.version + 1);
    // The winner's finding change, not a mix of both.
    expect(isoDate(after.row.findings[0].rectifiedOn!)).toBe(addDays(checkedOn, winner === "A" ? 1 : 2));
    expect(after.trail.count).toBe(before.count + 1);
    expect(after.audits.filter((a) => a.action === "spotCheck.amend")).toHaveLength(1);
  });

  it("an amendment committed while another is between load and claim makes the claim fail, writing nothing", async () => {
    const check = await spotCheckWithFindings();
    const [first] = check.findings;
    // The other connection amends (version bumped) and holds its lock; this amendment loads the
    // old version, waits on the row, and finds the version moved when the other commits.
    const other = await holdOpen((tx) =>
      tx.spotCheck.update({ where: { id: check.id }, data: { team: "Held", version: { increment: 1 } } }),
    );
    const pending = amendSpotCheck(
      callers.shanxi,
      amendment(check, { team: "Late", rectifiedOn: { [first.id]: isoDate(check.checkedOn) } }),
      { db },
    ).then(
      () => null,
      (e: unknown) => e,
    );
    await pause(300);
    other.release();
    await other.done;
    expect(await pending).toMatchObject({ code: "CONFLICT", messageKey: "spotCheckChanged" });
    const after = await db.spotCheck.findUniqueOrThrow({
      where: { id: check.id },
      include: { findings: { orderBy: { id: "asc" } } },
    });
    expect(after).toMatchObject({ team: "Held", version: check.version + 1 });
    expect(after.findings).toEqual(check.findings);
  });

  it("refuses bad input with errors per field and writes nothing", async () => {
    const check = await spotCheckWithFindings();
    const [first, second] = check.findings;
    const parse = (values: Record<string, string>) => {
      const r = parseForm(spotCheckAmendmentSchema, amendmentFromForm(values));
      return r.success ? {} : r.fieldErrors;
    };
    const base = { mineCode: check.mine.code, spotCheckId: String(check.id), version: "0" };
    expect(
      parse({
        ...base,
        team: "",
        notes: "n".repeat(4001),
        [`rectifiedOn.${first.id}`]: "2024-02-30",
        [`rectifiedOn.${second.id}`]: "31/12/2024",
      }),
    ).toEqual({
      team: "required",
      notes: "tooLong",
      [`rectifiedOn.${first.id}`]: "dateInvalid",
      [`rectifiedOn.${second.id}`]: "dateInvalid",
    });
    expect(parse({ ...base, team: "t".repeat(201) })).toEqual({ team: "tooLong" });
    expect(parse({ ...base, version: "", team: "ok" })).toHaveProperty("version");
    // Empty date clears; the form's flat fields gather into the record the service takes.
    const ok = spotCheckAmendmentSchema.parse(
      amendmentFromForm({ ...base, team: " Team ", notes: "", [`rectifiedOn.${first.id}`]: "" }),
    );
    expect(ok).toEqual({
      ...base,
      spotCheckId: check.id,
      version: 0,
      team: "Team",
      notes: null,
      rectifiedOn: { [first.id]: null },
    });

    // Dates the schema cannot judge: before the check, in the future.
    const before = await spotCheckSnapshot(check.id);
    const checkedOn = isoDate(check.checkedOn);
    await expect(
      amendSpotCheck(
        callers.shanxi,
        amendment(check, {
          team: "Should not be saved",
          rectifiedOn: { [first.id]: addDays(checkedOn, -1), [second.id]: addDays(today, 1) },
        }),
        { db },
      ),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: {
        [`rectifiedOn.${first.id}`]: "rectifiedBeforeCheck",
        [`rectifiedOn.${second.id}`]: "dateInFuture",
      },
    });
    // Boundaries are allowed: the check date itself and today; see below that they save.
    // A finding of another spot-check is not this one's child.
    const [stranger] = (await spotCheckWithFindings()).findings;
    await expect(
      amendSpotCheck(callers.shanxi, amendment(check, { rectifiedOn: { [stranger.id]: null } }), { db }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await spotCheckSnapshot(check.id)).toEqual(before);

    await amendSpotCheck(
      callers.shanxi,
      amendment(check, { rectifiedOn: { [first.id]: checkedOn, [second.id]: today } }),
      { db },
    );
    const saved = await db.finding.findMany({ where: { spotCheckId: check.id }, orderBy: { id: "asc" } });
    expect(saved.slice(0, 2).map((f) => isoDate(f.rectifiedOn!))).toEqual([checkedOn, today]);
  });

  it("outside the caller's scope or role: NOT_FOUND or FORBIDDEN, and nothing written", async () => {
    const shanxiCheck = await spotCheckWithFindings("140226");
    const guizhouCheck = await spotCheckWithFindings("520281");
    const guizhouRegulator: Caller = { ...callers.shanxi, jurisdiction: "52" };
    const managerCheck = await spotCheckWithFindings();
    const manager = await createUser(db, "MINE_MANAGER", { mine: managerCheck.mine });
    const snapshots = async () =>
      Promise.all([shanxiCheck.id, guizhouCheck.id, managerCheck.id].map((id) => spotCheckSnapshot(id)));
    const before = await snapshots();

    const attempts: [Caller, SpotCheckAmendmentInput, string][] = [
      // A regulator of another province, and the Datong local regulator on a Guizhou mine.
      [guizhouRegulator, amendment(shanxiCheck, { team: "x" }), "NOT_FOUND"],
      [callers.datong, amendment(guizhouCheck, { team: "x" }), "NOT_FOUND"],
      // The spot-check must belong to the mine named in the URL.
      [callers.shanxi, amendment(shanxiCheck, { mineCode: managerCheck.mine.code, team: "x" }), "NOT_FOUND"],
      // Roles that read but do not record spot-checks.
      [callers.official, amendment(shanxiCheck, { team: "x" }), "FORBIDDEN"],
      [callers.admin, amendment(guizhouCheck, { team: "x" }), "FORBIDDEN"],
      [manager, amendment(managerCheck, { team: "x" }), "FORBIDDEN"],
      [manager, amendment(shanxiCheck, { team: "x" }), "NOT_FOUND"],
    ];
    for (const [caller, input, code] of attempts) {
      await expect(amendSpotCheck(caller, input, { db }), `${caller.email} → ${input.spotCheckId}`).rejects.toSatisfy(
        (e: unknown) => e instanceof ServiceError && e.code === code,
      );
    }
    expect(await snapshots()).toEqual(before);

    // The Guizhou regulator may amend the Guizhou spot-check: the scope is the only thing that differed.
    await amendSpotCheck(guizhouRegulator, amendment(guizhouCheck, { team: "Guizhou team" }), { db });
    expect((await db.spotCheck.findUniqueOrThrow({ where: { id: guizhouCheck.id } })).team).toBe("Guizhou team");
  });
});

// ---------------------------------------------------------------------------------------------
// Decisions

/** A new Shanxi Level-2 mine (the province decides Level 2) with a fresh proposal from a low spot-check. */
async function proposal() {
  const mine = await createMine(db);
  await createGrade(db, mine, { level: 2, announcedOn: addDays(today, -200) });
  const scores = await evenScores(db, 75, today);
  const result = await recordSpotCheck(
    callers.shanxi,
    {
      mineCode: mine.code,
      checkedOn: today,
      type: "ROUTINE",
      team: "Concurrency test team",
      scores,
      findings: [],
      majorHiddenDangers: [],
      conclusion: "DOWNGRADE_PROPOSED",
    },
    { db },
  );
  const decision = await db.decision.findUniqueOrThrow({ where: { id: result.proposals[0].id } });
  expect(decision).toMatchObject({ status: "PROPOSED", fromLevel: 2 });
  return { mine, decisionId: decision.id, version: decision.version };
}

async function decisionSnapshot(decisionId: number, mineId: number) {
  const [row, grades, audits, trail] = await Promise.all([
    db.decision.findUniqueOrThrow({ where: { id: decisionId } }),
    db.grade.findMany({ where: { mineId }, orderBy: { id: "asc" } }),
    db.auditLog.findMany({ where: { entity: "Decision", entityId: String(decisionId) }, orderBy: { id: "asc" } }),
    auditState(),
  ]);
  return { row, grades, audits, trail };
}

describe("deciding on a proposal", () => {
  it("the form always sends the version it was rendered from", () => {
    const confirm = { decisionId: "1", number: "N", legalBasis: "L", effectiveOn: today };
    expect(confirmDecisionSchema.safeParse(confirm).success).toBe(false);
    expect(confirmDecisionSchema.parse({ ...confirm, version: "3" }).version).toBe(3);
    expect(withdrawDecisionSchema.safeParse({ decisionId: "1", reason: "r" }).success).toBe(false);
    expect(withdrawDecisionSchema.parse({ decisionId: "1", reason: "r", version: "0" }).version).toBe(0);
  });

  it("confirm: the second official, from the same version, gets a conflict and nothing changes again", async () => {
    const { mine, decisionId, version } = await proposal();
    await confirmDecision(
      callers.shanxi,
      { decisionId, version, number: "晋-A", legalBasis: "Rules", effectiveOn: today },
      { db },
    );
    const afterA = await decisionSnapshot(decisionId, mine.id);
    expect(afterA.row).toMatchObject({ status: "CONFIRMED", number: "晋-A", version: version + 1 });
    await expect(
      confirmDecision(
        callers.shanxi,
        { decisionId, version, number: "晋-B", legalBasis: "Other rules", effectiveOn: today },
        { db },
      ),
    ).rejects.toMatchObject({ code: "CONFLICT", messageKey: "alreadyDecided" });
    await expect(
      withdrawDecision(callers.shanxi, { decisionId, version, reason: "too late" }, { db }),
    ).rejects.toMatchObject({ code: "CONFLICT", messageKey: "alreadyDecided" });
    expect(await decisionSnapshot(decisionId, mine.id)).toEqual(afterA);
  });

  it("confirm: a proposal changed since the page was rendered is a conflict (decisionChanged), not decided unseen", async () => {
    const { mine, decisionId, version } = await proposal();
    // Something else changed the proposal meanwhile (its version moved on; it is still proposed).
    await db.decision.update({
      where: { id: decisionId },
      data: { evidence: { amended: true }, version: { increment: 1 } },
    });
    const before = await decisionSnapshot(decisionId, mine.id);
    await expect(
      confirmDecision(
        callers.shanxi,
        { decisionId, version, number: "晋-stale", legalBasis: "Rules", effectiveOn: today },
        { db },
      ),
    ).rejects.toMatchObject({ code: "CONFLICT", messageKey: "decisionChanged" });
    expect(await decisionSnapshot(decisionId, mine.id)).toEqual(before);
    // From the current version it goes through.
    await confirmDecision(
      callers.shanxi,
      { decisionId, version: version + 1, number: "晋-fresh", legalBasis: "Rules", effectiveOn: today },
      { db },
    );
    expect((await db.decision.findUniqueOrThrow({ where: { id: decisionId } })).status).toBe("CONFIRMED");
  });

  it("withdraw: the second withdrawal, or one from a changed proposal, conflicts and changes nothing", async () => {
    const { mine, decisionId, version } = await proposal();
    await withdrawDecision(callers.shanxi, { decisionId, version, reason: "Reason A" }, { db });
    const afterA = await decisionSnapshot(decisionId, mine.id);
    expect(afterA.row).toMatchObject({ status: "WITHDRAWN", withdrawnReason: "Reason A", version: version + 1 });
    await expect(
      withdrawDecision(callers.shanxi, { decisionId, version, reason: "Reason B" }, { db }),
    ).rejects.toMatchObject({ code: "CONFLICT", messageKey: "alreadyDecided" });
    await expect(
      confirmDecision(
        callers.shanxi,
        { decisionId, version, number: "N", legalBasis: "L", effectiveOn: today },
        { db },
      ),
    ).rejects.toMatchObject({ code: "CONFLICT", messageKey: "alreadyDecided" });
    expect(await decisionSnapshot(decisionId, mine.id)).toEqual(afterA);

    const changed = await proposal();
    await db.decision.update({ where: { id: changed.decisionId }, data: { version: { increment: 1 } } });
    const before = await decisionSnapshot(changed.decisionId, changed.mine.id);
    await expect(
      withdrawDecision(
        callers.shanxi,
        { decisionId: changed.decisionId, version: changed.version, reason: "stale" },
        { db },
      ),
    ).rejects.toMatchObject({ code: "CONFLICT", messageKey: "decisionChanged" });
    expect(await decisionSnapshot(changed.decisionId, changed.mine.id)).toEqual(before);
  });

  it("confirm and withdraw racing from two connections: exactly one wins, the grade changes at most once", async () => {
    const { mine, decisionId, version } = await proposal();
    const gradesBefore = await db.grade.findMany({ where: { mineId: mine.id }, orderBy: { id: "asc" } });
    const results = await Promise.allSettled([
      confirmDecision(
        callers.shanxi,
        { decisionId, version, number: "晋-race", legalBasis: "Rules", effectiveOn: today },
        { db },
      ),
      withdrawDecision(callers.shanxi, { decisionId, version, reason: "race" }, { db: otherDb }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(lost).toHaveLength(1);
    expect(lost[0].reason).toMatchObject({ code: "CONFLICT", messageKey: "alreadyDecided" });
    const after = await decisionSnapshot(decisionId, mine.id);
    const confirmed = results[0].status === "fulfilled";
    expect(after.row).toMatchObject({ status: confirmed ? "CONFIRMED" : "WITHDRAWN", version: version + 1 });
    expect(after.audits.filter((a) => a.action !== "decision.propose")).toHaveLength(1);
    // A downgrade starts the lower grade; a revocation (Shanxi grants no Level 3: Level 2 slides to revoked) none.
    expect(after.grades).toHaveLength(gradesBefore.length + (confirmed && after.row.type === "DOWNGRADE" ? 1 : 0));
  });

  it("a proposal changed while a confirmation waits on it: the claim fails with decisionChanged", async () => {
    const { mine, decisionId, version } = await proposal();
    const other = await holdOpen((tx) =>
      tx.decision.update({ where: { id: decisionId }, data: { version: { increment: 1 } } }),
    );
    const pending = confirmDecision(
      callers.shanxi,
      { decisionId, version, number: "晋-wait", legalBasis: "Rules", effectiveOn: today },
      { db },
    ).then(
      () => null,
      (e: unknown) => e,
    );
    await pause(300);
    other.release();
    await other.done;
    expect(await pending).toMatchObject({ code: "CONFLICT", messageKey: "decisionChanged" });
    const after = await decisionSnapshot(decisionId, mine.id);
    expect(after.row).toMatchObject({ status: "PROPOSED", version: version + 1, number: null });
    expect(after.grades.filter((g) => g.endedByDecisionId === decisionId || g.fromDecisionId === decisionId)).toEqual(
      [],
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Application steps

const T = addDays(today, -30);
const day = (n: number) => addDays(T, n);
let ipCounter = 0;

/**
 * A Level-2 application of a new Shanxi mine, by its manager, taken through review (and, with
 * `notice`, assessment and the start of the public notice).
 */
async function application(notice = false) {
  const mine = await createMine(db);
  const manager = await createUser(db, "MINE_MANAGER", { mine });
  const scores = (v: number) => evenScores(db, v, today);
  const { applicationId } = await submitApplication(
    manager,
    { appliedLevel: 2, conditions: await metConditions(db, today), scores: await scores(95) },
    { db, today: day(0) },
  );
  // Level 2: the prefecture reviews (one tier below the province, which grades).
  await reviewApplication(callers.datong, { applicationId, version: 0, outcome: "PASS" }, { db, today: day(1) });
  if (notice) {
    await assessApplication(
      callers.shanxi,
      { applicationId, version: 1, scores: await scores(92) },
      { db, today: day(2) },
    );
    await startPublicNotice(callers.shanxi, { applicationId, version: 2 }, { db, today: day(3) });
  }
  return { mine, applicationId, scores };
}

async function applicationSnapshot(applicationId: number) {
  const [row, events, objections, audits, trail] = await Promise.all([
    db.gradeApplication.findUniqueOrThrow({ where: { id: applicationId } }),
    db.applicationEvent.findMany({ where: { applicationId }, orderBy: { id: "asc" } }),
    db.objection.findMany({ where: { applicationId }, orderBy: { id: "asc" } }),
    db.auditLog.findMany({
      where: { entity: "GradeApplication", entityId: String(applicationId) },
      orderBy: { id: "asc" },
    }),
    auditState(),
  ]);
  return { row, events, objections, audits, trail };
}

describe("an application step", () => {
  it("taken from a stale version conflicts and changes nothing", async () => {
    const { applicationId, scores } = await application();
    const seen = (await db.gradeApplication.findUniqueOrThrow({ where: { id: applicationId } })).version;
    // Both officials have the page at the same version; one assesses first.
    await assessApplication(
      callers.shanxi,
      { applicationId, version: seen, scores: await scores(91) },
      { db, today: day(2) },
    );
    const afterA = await applicationSnapshot(applicationId);
    expect(afterA.row).toMatchObject({ state: "ASSESSED", version: seen + 1 });
    await expect(
      rejectApplication(callers.shanxi, { applicationId, version: seen, reason: "Rejected from a stale page" }, { db }),
    ).rejects.toMatchObject({ code: "CONFLICT", messageKey: "applicationChanged" });
    expect(await applicationSnapshot(applicationId)).toEqual(afterA);
  });

  it("two steps racing from two connections: exactly one wins", async () => {
    const { applicationId } = await application(true);
    const objections = [];
    for (const name of ["张三", "李四"])
      objections.push(
        (
          await lodgeObjection(
            { applicationId, name, contact: `${name}@example.com`, text: `Objection lodged by ${name}.` },
            { ip: `198.51.100.${200 + ++ipCounter}` },
            { db, today: day(4) },
          )
        ).objectionId,
      );
    const version = (await db.gradeApplication.findUniqueOrThrow({ where: { id: applicationId } })).version;
    const before = await applicationSnapshot(applicationId);
    const results = await Promise.allSettled([
      resolveObjection(
        callers.shanxi,
        { applicationId, objectionId: objections[0], version, outcome: "DISMISSED", reason: "Unfounded (A)" },
        { db, today: day(5) },
      ),
      resolveObjection(
        callers.shanxi,
        { applicationId, objectionId: objections[1], version, outcome: "DISMISSED", reason: "Unfounded (B)" },
        { db: otherDb, today: day(5) },
      ),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(lost).toHaveLength(1);
    expect(lost[0].reason).toMatchObject({ code: "CONFLICT", messageKey: "applicationChanged" });
    const after = await applicationSnapshot(applicationId);
    expect(after.row).toMatchObject({ state: "PUBLIC_NOTICE", version: version + 1 });
    // Only the winner's objection is resolved; the loser's stays open, with no audit row of its own.
    expect(after.objections.map((o) => o.status).sort()).toEqual(["DISMISSED", "OPEN"]);
    expect(after.trail.count).toBe(before.trail.count + 1);
  });
});
