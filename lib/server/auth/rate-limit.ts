import "server-only";
import type { Db } from "@/lib/server/db";
import { ACCOUNT_LOCKOUT, LOCKOUT_HISTORY_MS, loginLockout, type LoginAttemptRecord, type Lockout } from "./lockout";

// Sign-in attempts are recorded in the database, so the lockout holds across server processes;
// whether a key is locked is derived from those rows (lockout.ts), nothing else is stored.
export const MAX_FAILURES_PER_EMAIL = ACCOUNT_LOCKOUT.maxFailures;

/** Rows read per key: a few lock cycles of the address rule, so a flood cannot make a sign-in slow. */
const HISTORY_ROWS = 300;

async function history(db: Db, where: { email: string } | { ip: string }, now: Date, beforeId?: number) {
  const rows = await db.loginAttempt.findMany({
    where: {
      ...where,
      at: { gte: new Date(now.getTime() - LOCKOUT_HISTORY_MS) },
      ...(beforeId === undefined ? {} : { id: { lt: beforeId } }),
    },
    orderBy: { at: "desc" },
    take: HISTORY_ROWS,
    select: { at: true, success: true },
  });
  return rows satisfies LoginAttemptRecord[];
}

/**
 * The lock on a sign-in for this email or address at `now`, if any. `beforeId` leaves out the
 * attempt being decided (and any recorded after it).
 */
export async function currentLockout(
  db: Db,
  email: string,
  ip: string,
  now = new Date(),
  beforeId?: number,
): Promise<Lockout | null> {
  const [byEmail, byIp] = await Promise.all([
    history(db, { email }, now, beforeId),
    ip ? history(db, { ip }, now, beforeId) : Promise.resolve(null),
  ]);
  return loginLockout(byEmail, byIp, now);
}

/** Records an attempt; returns its id. */
export async function recordLoginAttempt(
  db: Db,
  email: string,
  ip: string,
  success: boolean,
  at = new Date(),
): Promise<number> {
  const row = await db.loginAttempt.create({ data: { email, ip, success, at }, select: { id: true } });
  return row.id;
}

export async function markLoginSucceeded(db: Db, id: number): Promise<void> {
  await db.loginAttempt.update({ where: { id }, data: { success: true } });
}
