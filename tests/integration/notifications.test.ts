// Notifications (issue 15, part 2): written by notify() inside the event's own transaction, to the
// recipients the permission and configuration functions name, with the email outbox per preference.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { todayInChina } from "@/lib/domain/dates";
import { addMonths } from "@/lib/domain/grading";
import type { Level } from "@/lib/domain/rules";
import { addDays } from "@/lib/domain/triggers";
import type { Caller } from "@/lib/server/auth/scope";
import { listNotifications, notificationPreferences, unreadNotificationCount } from "@/lib/server/data/notifications";
import { notify } from "@/lib/server/notifications/notify";
import {
  markAllNotificationsRead,
  markNotificationRead,
  saveNotificationPreferences,
} from "@/lib/server/services/notifications";
import { preferencesSchema } from "@/lib/validation/notifications";
import { addReply } from "@/lib/server/services/add-reply";
import { confirmDecision, withdrawDecision } from "@/lib/server/services/decide-decision";
import { recordSpotCheck } from "@/lib/server/services/record-spot-check";
import { reviewApplication } from "@/lib/server/services/review-application";
import { submitApplication } from "@/lib/server/services/submit-application";
import type { SpotCheckInput } from "@/lib/validation/spot-check";
import { testDb } from "../support/db";
import { demoCallers } from "../support/demo-callers";
import { createGrade, createMine, createUser, evenScores, metConditions } from "../support/factories";

const db = testDb();
const today = todayInChina();
const callers: Record<string, Caller> = {};
const savedSmtp = process.env.SMTP_URL;

beforeAll(async () => {
  Object.assign(callers, await demoCallers(db));
});
afterEach(() => {
  if (savedSmtp === undefined) delete process.env.SMTP_URL;
  else process.env.SMTP_URL = savedSmtp;
});
afterAll(() => db.$disconnect());

async function gradedMine(level: Level, countyCode = "140226") {
  const mine = await createMine(db, { countyCode });
  await createGrade(db, mine, { level, announcedOn: addMonths(today, -6) });
  return mine;
}

async function sheet(mineCode: string, value: number, extra: Partial<SpotCheckInput> = {}): Promise<SpotCheckInput> {
  return {
    mineCode,
    checkedOn: today,
    type: "ROUTINE",
    team: "Test team",
    scores: await evenScores(db, value, today),
    findings: [],
    majorHiddenDangers: [],
    conclusion: "GRADE_MAINTAINED",
    ...extra,
  };
}

const finding = {
  elementCode: "E07",
  text: "Ventilation log incomplete",
  severity: "GENERAL" as const,
  rectifyBy: addMonths(today, 1),
};

/** The users notified of `kind` about the mine (by its code in the params), ascending. */
async function notifiedOf(kind: string, mineCode: string): Promise<number[]> {
  const rows = await db.notification.findMany({
    where: { kind, params: { path: ["code"], equals: mineCode } },
    select: { userId: true },
    orderBy: { userId: "asc" },
  });
  return rows.map((r) => r.userId);
}

describe("notify() inside the caller's transaction", () => {
  it("writes nothing when the transaction rolls back, and both rows when it commits", async () => {
    process.env.SMTP_URL = "smtp://127.0.0.1:9";
    const user = await createUser(db, "NATIONAL_REGULATOR");
    const input = {
      kind: "GRADE_EXPIRING" as const,
      userIds: [user.id],
      params: { mine: "M", code: "rollback-test", validUntil: "2027-01-01", days: 30 },
      link: "/mines",
    };
    await expect(
      db.$transaction(async (tx) => {
        await notify(tx, input);
        throw new Error("the event fails after notifying");
      }),
    ).rejects.toThrow("the event fails");
    expect(await db.notification.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.outboxMessage.count({ where: { userId: user.id } })).toBe(0);

    await db.$transaction((tx) => notify(tx, { ...input, eventKey: "test:commit" }));
    expect(await db.notification.count({ where: { userId: user.id } })).toBe(1);
    expect(await db.outboxMessage.count({ where: { userId: user.id } })).toBe(1);
    // The same event again: nobody is notified or mailed twice.
    await db.$transaction((tx) => notify(tx, { ...input, eventKey: "test:commit" }));
    expect(await db.notification.count({ where: { userId: user.id } })).toBe(1);
    expect(await db.outboxMessage.count({ where: { userId: user.id } })).toBe(1);
  });

  it("a service that fails after its event writes no notification (spot-check on a mine out of scope)", async () => {
    const mine = await gradedMine(2, "150221"); // Inner Mongolia: outside Shanxi
    const manager = await createUser(db, "MINE_MANAGER", { mine });
    await expect(
      recordSpotCheck(callers.shanxi, await sheet(mine.code, 85, { findings: [finding] }), { db }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.notification.count({ where: { userId: manager.id } })).toBe(0);
  });
});

describe("recipients", () => {
  it("spot-check findings go to the mine's active managers, not to other mines' nor to the recorder", async () => {
    const mine = await gradedMine(2);
    const other = await gradedMine(2);
    const manager = await createUser(db, "MINE_MANAGER", { mine });
    const inactive = await createUser(db, "MINE_MANAGER", { mine });
    await db.user.update({ where: { id: inactive.id }, data: { active: false } });
    const otherManager = await createUser(db, "MINE_MANAGER", { mine: other });
    await recordSpotCheck(callers.datong, await sheet(mine.code, 85, { findings: [finding, finding] }), { db });
    expect(await notifiedOf("SPOT_CHECK_FINDINGS", mine.code)).toEqual([manager.id]);
    const [n] = await db.notification.findMany({ where: { userId: manager.id } });
    expect(n.params).toMatchObject({ findings: 2, code: mine.code });
    expect(n.link).toMatch(new RegExp(`^/mines/${mine.code}/spot-checks/\\d+$`));
    expect(await db.notification.count({ where: { userId: otherManager.id } })).toBe(0);
    expect(await notifiedOf("SPOT_CHECK_FINDINGS", other.code)).toEqual([]);
    // Without findings: nobody.
    const quiet = await gradedMine(2);
    await createUser(db, "MINE_MANAGER", { mine: quiet });
    await recordSpotCheck(callers.datong, await sheet(quiet.code, 85), { db });
    expect(await notifiedOf("SPOT_CHECK_FINDINGS", quiet.code)).toEqual([]);
  });

  it("a proposal goes to those who may confirm it (the configuration), its decision to the managers", async () => {
    // Level 1 at a Datong mine: the province confirms (not NMSA, not Datong), per the configuration.
    const mine = await gradedMine(1);
    const manager = await createUser(db, "MINE_MANAGER", { mine });
    const otherProvince = await createUser(db, "PROVINCIAL_REGULATOR", { jurisdiction: "15" });
    const result = await recordSpotCheck(
      callers.datong,
      await sheet(mine.code, 82, { conclusion: "DOWNGRADE_PROPOSED" }),
      {
        db,
      },
    );
    const decisionId = result.proposals[0].id;
    const proposedTo = await notifiedOf("DECISION_PROPOSED", mine.code);
    expect(proposedTo).toContain(callers.shanxi.id);
    expect(proposedTo).not.toContain(callers.nmsa.id);
    expect(proposedTo).not.toContain(callers.datong.id);
    expect(proposedTo).not.toContain(otherProvince.id);
    expect(proposedTo).not.toContain(manager.id);
    await confirmDecision(
      callers.shanxi,
      { decisionId, version: 0, number: "晋矿安〔2026〕9号", legalBasis: "考核定级办法", effectiveOn: today },
      { db },
    );
    expect(await notifiedOf("DECISION_CONFIRMED", mine.code)).toEqual([manager.id]);
    const confirmed = await db.notification.findFirstOrThrow({
      where: { userId: manager.id, kind: "DECISION_CONFIRMED" },
    });
    expect(confirmed.params).toMatchObject({ number: "晋矿安〔2026〕9号", type: "DOWNGRADE" });

    // A reply to the decision goes to the bodies that propose and confirm it: Datong and Shanxi.
    await addReply(manager, { target: "decision", targetId: decisionId, text: "We disagree." }, { db });
    const replyTo = await notifiedOf("REPLY_POSTED", mine.code);
    expect(replyTo).toContain(callers.shanxi.id);
    expect(replyTo).toContain(callers.datong.id);
    expect(replyTo).not.toContain(otherProvince.id);
    expect(replyTo).not.toContain(manager.id);
  });

  it("a withdrawal goes to the managers", async () => {
    const mine = await gradedMine(2);
    const manager = await createUser(db, "MINE_MANAGER", { mine });
    const result = await recordSpotCheck(
      callers.datong,
      await sheet(mine.code, 72, { conclusion: "DOWNGRADE_PROPOSED" }),
      {
        db,
      },
    );
    const decisionId = result.proposals[0].id;
    const confirmer = (
      await db.notification.findFirstOrThrow({
        where: { kind: "DECISION_PROPOSED", params: { path: ["code"], equals: mine.code } },
      })
    ).userId;
    const confirmerCaller = Object.values(callers).find((c) => c.id === confirmer)!;
    await withdrawDecision(confirmerCaller, { decisionId, version: 0, reason: "Measured again" }, { db });
    expect(await notifiedOf("DECISION_WITHDRAWN", mine.code)).toEqual([manager.id]);
  });

  it("an application's step goes to the managers and to the regulators of the next step", async () => {
    const T = addDays(today, -30);
    const mine = await createMine(db);
    const manager = await createUser(db, "MINE_MANAGER", { mine });
    const submitted = await submitApplication(
      manager,
      { appliedLevel: 1, conditions: await metConditions(db, T), scores: await evenScores(db, 95, T), note: "n" },
      { db, today: T },
    );
    // Submitted: Level 1 is reviewed by the province: Shanxi's regulators, nobody else.
    const submittedTo = await notifiedOf("APPLICATION_STATE", mine.code);
    expect(submittedTo).toContain(callers.shanxi.id);
    const shanxiRegulators = await db.user.findMany({
      where: { role: "PROVINCIAL_REGULATOR", jurisdiction: "14", active: true },
      select: { id: true },
      orderBy: { id: "asc" },
    });
    expect(submittedTo).toEqual(shanxiRegulators.map((u) => u.id));
    await reviewApplication(
      callers.shanxi,
      { applicationId: submitted.applicationId, version: 0, outcome: "PASS" },
      { db, today: addDays(T, 1) },
    );
    // Review passed: the manager hears, and NMSA, which assesses Level 1; Datong does not.
    const after = await db.notification.findMany({
      where: {
        kind: "APPLICATION_STATE",
        params: { path: ["state"], equals: "INITIAL_REVIEW_PASSED" },
        link: `/applications/${submitted.applicationId}`,
      },
      select: { userId: true },
      orderBy: { userId: "asc" },
    });
    const ids = after.map((r) => r.userId);
    expect(ids).toContain(callers.nmsa.id);
    expect(ids).toContain(manager.id);
    expect(ids).not.toContain(callers.shanxi.id);
    expect(ids).not.toContain(callers.datong.id);
    // Every national regulator acts for NMSA; no one else is told.
    const national = await db.user.findMany({
      where: { role: "NATIONAL_REGULATOR", active: true },
      select: { id: true },
    });
    expect([...ids].sort((a, b) => a - b)).toEqual([manager.id, ...national.map((u) => u.id)].sort((a, b) => a - b));
  });
});

describe("preferences and the outbox", () => {
  it("mails per preference, in the user's language, only when SMTP_URL is set", async () => {
    const mine = await gradedMine(2);
    const byDefault = await createUser(db, "MINE_MANAGER", { mine });
    const inAppOnly = await createUser(db, "MINE_MANAGER", { mine });
    const english = await createUser(db, "MINE_MANAGER", { mine });
    await db.notificationPreference.create({
      data: { userId: inAppOnly.id, kind: "SPOT_CHECK_FINDINGS", channel: "IN_APP" },
    });
    await db.user.update({ where: { id: english.id }, data: { emailLocale: "en" } });

    delete process.env.SMTP_URL;
    await recordSpotCheck(callers.datong, await sheet(mine.code, 85, { findings: [finding] }), { db });
    expect(await db.notification.count({ where: { userId: { in: [byDefault.id, inAppOnly.id, english.id] } } })).toBe(
      3,
    );
    expect(await db.outboxMessage.count({ where: { userId: { in: [byDefault.id, inAppOnly.id, english.id] } } })).toBe(
      0,
    );

    process.env.SMTP_URL = "smtp://127.0.0.1:9";
    await recordSpotCheck(callers.datong, await sheet(mine.code, 85, { findings: [finding] }), { db });
    const mails = await db.outboxMessage.findMany({
      where: { userId: { in: [byDefault.id, inAppOnly.id, english.id] } },
      orderBy: { userId: "asc" },
    });
    expect(mails.map((m) => m.userId)).toEqual([byDefault.id, english.id]);
    expect(mails[0]).toMatchObject({ status: "PENDING", locale: "zh-CN", recipient: byDefault.email });
    expect(mails[0].subject).toContain("抽查发现问题");
    expect(mails[1].subject).toContain("Spot-check findings");
    expect(mails[1].body).toContain("1 finding");

    // A kind that is in-app by default mails only who asked for it.
    const wants = await createUser(db, "NATIONAL_REGULATOR");
    const doesNot = await createUser(db, "NATIONAL_REGULATOR");
    await db.notificationPreference.create({
      data: { userId: wants.id, kind: "FINDING_OVERDUE", channel: "IN_APP_AND_EMAIL" },
    });
    await db.$transaction((tx) =>
      notify(tx, {
        kind: "FINDING_OVERDUE",
        userIds: [wants.id, doesNot.id],
        params: { mine: "M", code: "x", count: 2 },
      }),
    );
    expect(
      (await db.outboxMessage.findMany({ where: { userId: { in: [wants.id, doesNot.id] } } })).map((m) => m.userId),
    ).toEqual([wants.id]);
  });
});

describe("a user's own notifications", () => {
  async function unread(userId: number, n: number) {
    for (let i = 0; i < n; i++)
      await db.$transaction((tx) =>
        notify(tx, { kind: "FINDING_OVERDUE", userIds: [userId], params: { mine: "M", code: "own", count: i + 1 } }),
      );
  }

  it("marks read only the caller's own: another user's reads as absent and stays unread", async () => {
    const alice = await createUser(db, "NATIONAL_REGULATOR");
    const bob = await createUser(db, "NATIONAL_REGULATOR");
    await unread(alice.id, 2);
    await unread(bob.id, 1);
    expect(await unreadNotificationCount(alice, { db })).toBe(2);
    const bobs = await db.notification.findFirstOrThrow({ where: { userId: bob.id } });
    await expect(markNotificationRead(alice, { notificationId: bobs.id }, { db })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect((await db.notification.findUniqueOrThrow({ where: { id: bobs.id } })).readAt).toBeNull();

    const list = await listNotifications(alice, {}, { db });
    expect(list.items.map((n) => n.kind)).toEqual(["FINDING_OVERDUE", "FINDING_OVERDUE"]);
    expect(list.unread).toBe(2);
    await markNotificationRead(alice, { notificationId: list.items[0].id }, { db });
    // Again: no change, no error.
    expect(await markNotificationRead(alice, { notificationId: list.items[0].id }, { db })).toEqual({ marked: 0 });
    expect(await unreadNotificationCount(alice, { db })).toBe(1);
    expect((await listNotifications(alice, { unreadOnly: true }, { db })).items.map((n) => n.id)).toEqual([
      list.items[1].id,
    ]);

    await markAllNotificationsRead(alice, { db });
    expect(await unreadNotificationCount(alice, { db })).toBe(0);
    expect(await unreadNotificationCount(bob, { db })).toBe(1);
  });

  it("saves the caller's preferences with an audit row; a bad choice is a field error and changes nothing", async () => {
    const user = await createUser(db, "PROVINCIAL_REGULATOR");
    const before = await notificationPreferences(user, { db });
    expect(before.channels.DECISION_PROPOSED).toBe("IN_APP_AND_EMAIL");
    expect(before.channels.REPLY_POSTED).toBe("IN_APP");
    expect(before.emailLocale).toBe("zh-CN");

    const bad = preferencesSchema.safeParse({ ...before.channels, REPLY_POSTED: "EMAIL_ONLY", emailLocale: "fr" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path[0]).sort()).toEqual(["REPLY_POSTED", "emailLocale"]);

    const input = preferencesSchema.parse({ ...before.channels, REPLY_POSTED: "IN_APP_AND_EMAIL", emailLocale: "en" });
    await saveNotificationPreferences(user, input, { db });
    const after = await notificationPreferences(user, { db });
    expect(after.channels.REPLY_POSTED).toBe("IN_APP_AND_EMAIL");
    expect(after.emailLocale).toBe("en");
    expect(await db.auditLog.count({ where: { action: "notification.preferences", entityId: String(user.id) } })).toBe(
      1,
    );

    // The saved choice decides the next mail.
    process.env.SMTP_URL = "smtp://127.0.0.1:9";
    await db.$transaction((tx) =>
      notify(tx, {
        kind: "REPLY_POSTED",
        userIds: [user.id],
        params: { mine: "M", mineEn: "Mine M", code: "p", subject: "DECISION" },
      }),
    );
    const mail = await db.outboxMessage.findFirstOrThrow({ where: { userId: user.id } });
    expect(mail.subject).toBe("[Coal mine grading] Reply from the mine: Mine M");
  });
});
