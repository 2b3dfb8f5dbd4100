// Housekeeping (lib/server/housekeeping.ts): sign-in attempts older than the lockout reads and
// revoked sessions past their expiry are deleted, by a service that can be called directly and by
// the "housekeeping" scheduled job (tests/integration/scheduled-jobs.test.ts).
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { ACCOUNT_LOCKOUT, LOCKOUT_HISTORY_MS } from "@/lib/server/auth/lockout";
import { currentLockout } from "@/lib/server/auth/rate-limit";
import { purgeSignInRecords } from "@/lib/server/services/purge-sign-in-records";
import { testDb } from "../support/db";
import { createUser } from "../support/factories";

const db = testDb();
afterAll(() => db.$disconnect());

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
