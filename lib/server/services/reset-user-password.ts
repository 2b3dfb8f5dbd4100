import "server-only";
import { initialPassword } from "@/lib/server/auth/initial-password";
import { hashPassword } from "@/lib/server/auth/password";
import type { Caller } from "@/lib/server/auth/scope";
import { db as defaultDb, type Db } from "@/lib/server/db";
import { ServiceError } from "@/lib/server/errors";
import type { UserRef } from "@/lib/validation/admin";
import { lockManagedUser, requireUserManager, sessionsEndNow, updateManagedUser } from "./managed-user";

/**
 * Gives an account within reach a new one-time password (returned once, to be passed on), ends its
 * sessions, and makes the user choose their own at the next sign-in. Not one's own: that is the
 * change-password page, which asks for the current one.
 */
export async function resetUserPassword(caller: Caller, ref: UserRef, opts: { db?: Db; now?: Date } = {}) {
  const db = opts.db ?? defaultDb;
  requireUserManager(caller);
  return db.$transaction(async (tx) => {
    const user = await lockManagedUser(tx, caller, ref.userId, ref.version);
    if (user.id === caller.id) throw new ServiceError("INVALID_STATE", "notYourself");
    const password = initialPassword(user.email);
    const after = await updateManagedUser(
      tx,
      caller,
      user,
      "user.resetPassword",
      {
        passwordHash: await hashPassword(password),
        mustChangePassword: true,
        sessionsValidFrom: sessionsEndNow(opts.now),
      },
      { passwordReset: true },
    );
    return { userId: after.id, version: after.version, password };
  });
}
