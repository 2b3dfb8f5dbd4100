import "server-only";
import { LOCKOUT_HISTORY_MS } from "@/lib/server/auth/lockout";
import type { Caller } from "@/lib/server/auth/scope";
import { db as defaultDb, type Db } from "@/lib/server/db";
import type { UserRef } from "@/lib/validation/admin";
import { lockManagedUser, requireUserManager, updateManagedUser } from "./managed-user";

/**
 * Lifts a sign-in lockout of an account within reach. The lock is derived from the recorded failed
 * attempts alone (lockout.ts), so lifting it removes the account's recent failures; the audit row
 * keeps how many. A lock on an address (many accounts tried from one place) is not the account's and stays.
 */
export async function liftUserLockout(caller: Caller, ref: UserRef, opts: { db?: Db; now?: Date } = {}) {
  const db = opts.db ?? defaultDb;
  requireUserManager(caller);
  const now = opts.now ?? new Date();
  return db.$transaction(async (tx) => {
    const user = await lockManagedUser(tx, caller, ref.userId, ref.version);
    const removed = await tx.loginAttempt.deleteMany({
      where: { email: user.email, success: false, at: { gte: new Date(now.getTime() - LOCKOUT_HISTORY_MS) } },
    });
    const after = await updateManagedUser(tx, caller, user, "user.liftLockout", {}, { failuresCleared: removed.count });
    return { userId: after.id, version: after.version, failuresCleared: removed.count };
  });
}
