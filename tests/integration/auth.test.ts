// Sign-in against real password hashes and the database-backed lockout; sessions reload the user.
// More on the lockout, production mode and the password policy: sign-in-hardening.test.ts.
import { afterAll, describe, expect, it } from "vitest";
import { authenticate } from "@/lib/server/auth/authenticate";
import { loadCaller } from "@/lib/server/auth/load-caller";
import { hashPassword } from "@/lib/server/auth/password";
import { MAX_FAILURES_PER_EMAIL } from "@/lib/server/auth/rate-limit";
import { checkHealth } from "@/lib/server/data/health";
import { createDb } from "@/lib/server/db";
import { testDb } from "../support/db";

const db = testDb();
afterAll(() => db.$disconnect());

async function tempUser(active = true) {
  const email = `temp-${Date.now()}-${Math.floor(Math.random() * 1e6)}@test.invalid`;
  return db.user.create({
    data: {
      email,
      name: "Temp",
      role: "OFFICIAL",
      jurisdiction: "14",
      passwordHash: await hashPassword("right-password"),
      active,
    },
  });
}

describe("authenticate", () => {
  it("accepts a demo account with the demo password, stored as a bcrypt hash", async () => {
    const result = await authenticate(db, "nmsa@demo.test", "demo-password", "10.0.0.1");
    expect(result).toMatchObject({ ok: true, user: { email: "nmsa@demo.test" } });
    const user = await db.user.findUniqueOrThrow({ where: { email: "nmsa@demo.test" } });
    expect(user.passwordHash).toMatch(/^\$2[aby]\$10\$/);
    expect(user.passwordHash).not.toContain("demo-password");
  });

  it("ignores case and spaces around the email", async () => {
    expect((await authenticate(db, "  NMSA@demo.test ", "demo-password", "")).ok).toBe(true);
  });

  it("rejects a wrong password and an unknown email the same way", async () => {
    expect(await authenticate(db, "nmsa@demo.test", "wrong", "10.0.0.2")).toEqual({ ok: false, reason: "invalid" });
    expect(await authenticate(db, "nobody@demo.test", "demo-password", "10.0.0.2")).toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  it("locks an email after repeated failures, even with the right password, and records that attempt", async () => {
    const user = await tempUser();
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) {
      expect((await authenticate(db, user.email, "wrong", "10.0.0.3")).ok).toBe(false);
    }
    const locked = await authenticate(db, user.email, "right-password", "10.0.0.3");
    expect(locked).toMatchObject({ ok: false, reason: "locked" });
    const failures = await db.loginAttempt.count({ where: { email: user.email, success: false } });
    expect(failures).toBe(MAX_FAILURES_PER_EMAIL + 1);
  });

  it("refuses a deactivated user", async () => {
    const user = await tempUser(false);
    expect(await authenticate(db, user.email, "right-password", "")).toEqual({ ok: false, reason: "invalid" });
  });
});

describe("session reload", () => {
  it("drops a user deactivated after signing in", async () => {
    const user = await tempUser();
    expect(await loadCaller(db, user.id)).toMatchObject({ id: user.id, role: "OFFICIAL", jurisdiction: "14" });
    await db.user.update({ where: { id: user.id }, data: { active: false } });
    expect(await loadCaller(db, user.id)).toBeNull();
  });

  it("picks up a changed role at once", async () => {
    const user = await tempUser();
    await db.user.update({ where: { id: user.id }, data: { role: "PROVINCIAL_REGULATOR" } });
    expect((await loadCaller(db, user.id))?.role).toBe("PROVINCIAL_REGULATOR");
  });

  it("refuses a signed-out session by its id, and only that session", async () => {
    const user = await tempUser();
    await db.revokedSession.create({
      data: { sid: `revoked-${user.id}`, userId: user.id, expiresAt: new Date(Date.now() + 3_600_000) },
    });
    const signedInAt = Math.floor(Date.now() / 1000) - 60;
    expect(await loadCaller(db, user.id, { sid: `revoked-${user.id}`, signedInAt })).toBeNull();
    expect((await loadCaller(db, user.id, { sid: `other-${user.id}`, signedInAt }))?.id).toBe(user.id);
  });

  it("refuses sessions signed in before the user's sessions were voided, not those after", async () => {
    const user = await tempUser();
    const now = Math.floor(Date.now() / 1000);
    await db.user.update({ where: { id: user.id }, data: { sessionsValidFrom: new Date(now * 1000) } });
    expect(await loadCaller(db, user.id, { sid: "before", signedInAt: now - 1 })).toBeNull();
    expect((await loadCaller(db, user.id, { sid: "after", signedInAt: now }))?.id).toBe(user.id);
  });

  it("rejects ids that are not users", async () => {
    expect(await loadCaller(db, Number.NaN)).toBeNull();
    expect(await loadCaller(db, 0)).toBeNull();
    expect(await loadCaller(db, 999_999_999)).toBeNull();
  });
});

describe("health", () => {
  it("is ok with the database up", async () => {
    expect(await checkHealth(db)).toEqual({ status: "ok" });
  });

  it("reports a reason when the database does not answer", async () => {
    const down = createDb("postgresql://postgres@127.0.0.1:1/none", 1);
    const health = await checkHealth(down, 2000);
    expect(health.status).toBe("error");
    expect(health).toHaveProperty("reason");
    await down.$disconnect();
  });
});
