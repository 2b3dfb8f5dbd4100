import "server-only";
import type { Db } from "@/lib/server/db";
import { isProductionMode } from "@/lib/server/env";
import { logger } from "@/lib/server/log/logger";
import { currentRequestId } from "@/lib/server/log/request-context";
import { verifyPassword } from "./password";
import { checkPasswordPolicy } from "./password-policy";
import { currentLockout, markLoginSucceeded, recordLoginAttempt } from "./rate-limit";

export type AuthenticateResult =
  | { ok: true; user: { id: number; email: string; name: string } }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "locked"; until: Date }
  | { ok: false; reason: "password_not_allowed" };

export interface AuthenticateOptions {
  now?: Date;
  /** Production mode (env.ts) unless given. */
  productionMode?: boolean;
}

// A fixed hash to compare against when the email is unknown, so both paths cost the same time.
const DUMMY_HASH = "$2b$10$QXSvIwX0sRwpZsg6TUI7su1Jl.IsKfeRc3M.xFLX4RUz22eIsejji";

/**
 * Checks credentials under the lockout (lockout.ts). Every attempt is recorded, first as a failure
 * and before anything is decided, so parallel guesses see each other and cannot slip past the lock;
 * a sign-in that succeeds is then marked so. While the account or the address is locked, even the
 * right password is refused, without running bcrypt; the failure that brings on a lock already
 * answers "locked". Unknown emails are counted and locked like
 * known ones, and a wrong password says only "invalid", so nothing tells which accounts exist.
 */
export async function authenticate(
  db: Db,
  rawEmail: string,
  password: string,
  ip: string,
  options: AuthenticateOptions = {},
): Promise<AuthenticateResult> {
  const result = await checkCredentials(db, rawEmail, password, ip, options);
  // The outcome and, once proven, the user; never the email or password typed.
  const requestId = await currentRequestId();
  const userId = result.ok ? result.user.id : undefined;
  logger.info({ requestId, userId, action: "signIn", outcome: result.ok ? "success" : result.reason }, "sign-in");
  return result;
}

async function checkCredentials(
  db: Db,
  rawEmail: string,
  password: string,
  ip: string,
  options: AuthenticateOptions,
): Promise<AuthenticateResult> {
  const now = options.now ?? new Date();
  const email = rawEmail.trim().toLowerCase();
  const attemptId = await recordLoginAttempt(db, email, ip, false, now);
  const lock = await currentLockout(db, email, ip, now, attemptId);
  if (lock) return { ok: false, reason: "locked", until: lock.until };
  const user = await db.user.findUnique({ where: { email } });
  const valid = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !user.active || !valid) {
    // The failure that locks says so at once (unknown emails lock alike, so this tells nothing).
    const lockedNow = await currentLockout(db, email, ip, now);
    return lockedNow ? { ok: false, reason: "locked", until: lockedNow.until } : { ok: false, reason: "invalid" };
  }
  // Only now, with the password proven, may the answer depend on the password itself.
  if ((options.productionMode ?? isProductionMode()) && !checkPasswordPolicy(password, email).ok)
    return { ok: false, reason: "password_not_allowed" };
  await markLoginSucceeded(db, attemptId);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
}
