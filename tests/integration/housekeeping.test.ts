// Housekeeping (lib/server/housekeeping.ts): sign-in attempts older than the lockout reads and
// revoked sessions past their expiry are deleted, by a service that can be called directly and by
// a schedule the server process starts (instrumentation.ts register()).
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { register } from "@/instrumentation";
import { ACCOUNT_LOCKOUT, LOCKOUT_HISTORY_MS } from "@/lib/server/auth/lockout";
import { currentLockout } from "@/lib/server/auth/rate-limit";
import { scheduleHousekeeping, stopHousekeeping } from "@/lib/server/housekeeping";
import { purgeSignInRecords } from "@/lib/server/services/purge-sign-in-records";
import { testDb } from "../support/db";
import { createUser } from "../support/factories";

const db = testDb();
afterAll(() => db.$disconnect());
afterEach(() => void stopHousekeeping());

const MIN = 60_000;
const email = () => `housekeeping-${randomUUID()}@test.invalid`;

async function attempt(address: string, at: Date, success = false) {
  return (await db.loginAttempt.create({ data: { email: address, ip: "203.0.113.9", success, at } })).id;
}

async function revoked(expiresAt: Date) {
  const user = await createUser(db, "OFFICIAL");
  const sid = randomUUID();
  await db.revokedSession.create({ data: { sid, userId: user.id, expiresAt } });
  return sid;
}

const attemptExists = async (id: number) => (await db.loginAttempt.count({ where: { id } })) === 1;
const sessionExists = async (sid: string) => (await db.revokedSession.count({ where: { sid } })) === 1;

describe("purgeSignInRecords", () => {
  it("deletes attempts older than the lockout's history and expired revocations, and keeps the rest", async () => {
    const now = new Date();
    const who = email();
    const old = await attempt(who, new Date(now.getTime() - LOCKOUT_HISTORY_MS - MIN));
    const kept = await attempt(who, new Date(now.getTime() - LOCKOUT_HISTORY_MS + MIN));
    const expired = await revoked(new Date(now.getTime() - 1000));
    const live = await revoked(new Date(now.getTime() + 60 * MIN));

    const purged = await purgeSignInRecords({ db, now });
    expect(purged.loginAttempts).toBeGreaterThanOrEqual(1);
    expect(purged.revokedSessions).toBeGreaterThanOrEqual(1);
    expect(await attemptExists(old)).toBe(false);
    expect(await attemptExists(kept)).toBe(true);
    expect(await sessionExists(expired)).toBe(false);
    expect(await sessionExists(live)).toBe(true);
    // Nothing left to do the second time.
    expect(await purgeSignInRecords({ db, now })).toEqual({ loginAttempts: 0, revokedSessions: 0 });
  });

  it("leaves a lockout in force", async () => {
    const now = new Date();
    const who = email();
    for (let i = 0; i < ACCOUNT_LOCKOUT.maxFailures; i++) await attempt(who, new Date(now.getTime() - (10 - i) * MIN));
    const before = await currentLockout(db, who, "", now);
    expect(before?.scope).toBe("account");
    await purgeSignInRecords({ db, now });
    expect(await currentLockout(db, who, "", now)).toEqual(before);
  });
});

describe("the schedule", () => {
  it("purges on its own, round after round, until stopped", async () => {
    const longAgo = () => new Date(Date.now() - LOCKOUT_HISTORY_MS - 5 * MIN);
    const first = await attempt(email(), longAgo());
    const stop = scheduleHousekeeping({ db, intervalMs: 50, firstRunMs: 0 });
    try {
      // The schedule runs on its own clock: poll until its rounds have done their work.
      await expect.poll(() => attemptExists(first), { timeout: 20_000 }).toBe(false);
      const second = await attempt(email(), longAgo());
      const expired = await revoked(new Date(Date.now() - 1000));
      await expect.poll(() => attemptExists(second), { timeout: 20_000 }).toBe(false);
      await expect.poll(() => sessionExists(expired), { timeout: 20_000 }).toBe(false);
    } finally {
      stop();
    }
  });

  it("is started by instrumentation.ts in the Node.js server, once", async () => {
    const runtime = process.env.NEXT_RUNTIME;
    try {
      process.env.NEXT_RUNTIME = "edge";
      await register();
      expect(stopHousekeeping()).toBe(false);
      process.env.NEXT_RUNTIME = "nodejs";
      await register();
      await register();
      expect(stopHousekeeping()).toBe(true);
      expect(stopHousekeeping()).toBe(false);
    } finally {
      process.env.NEXT_RUNTIME = runtime;
    }
  });
});
