import "server-only";
import { LOCKOUT_HISTORY_MS } from "@/lib/server/auth/lockout";
import { db as defaultDb, type Db } from "@/lib/server/db";

export interface PurgedSignInRecords {
  loginAttempts: number;
  revokedSessions: number;
}

/**
 * Deletes the sign-in records nothing reads any more: attempts older than the history the lockout
 * reads back (LOCKOUT_HISTORY_MS, rate-limit.ts), and revoked sessions past their expiry, whose
 * cookies the absolute session lifetime refuses anyway. Idempotent; no caller: it is the server's
 * own housekeeping (lib/server/housekeeping.ts), not a user's action.
 */
export async function purgeSignInRecords(opts: { db?: Db; now?: Date } = {}): Promise<PurgedSignInRecords> {
  const db = opts.db ?? defaultDb;
  const now = opts.now ?? new Date();
  const [attempts, sessions] = await db.$transaction([
    db.loginAttempt.deleteMany({ where: { at: { lt: new Date(now.getTime() - LOCKOUT_HISTORY_MS) } } }),
    db.revokedSession.deleteMany({ where: { expiresAt: { lt: now } } }),
  ]);
  return { loginAttempts: attempts.count, revokedSessions: sessions.count };
}
