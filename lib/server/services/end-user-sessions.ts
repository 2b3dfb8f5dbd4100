import "server-only";
import type { Caller } from "@/lib/server/auth/scope";
import { db as defaultDb, type Db } from "@/lib/server/db";
import type { UserRef } from "@/lib/validation/admin";
import { lockManagedUser, requireUserManager, sessionsEndNow, updateManagedUser } from "./managed-user";

/** Ends every session of an account within reach (a lost laptop): each is refused from its next request on. */
export async function endUserSessions(caller: Caller, ref: UserRef, opts: { db?: Db; now?: Date } = {}) {
  const db = opts.db ?? defaultDb;
  requireUserManager(caller);
  return db.$transaction(async (tx) => {
    const user = await lockManagedUser(tx, caller, ref.userId, ref.version);
    const after = await updateManagedUser(tx, caller, user, "user.endSessions", {
      sessionsValidFrom: sessionsEndNow(opts.now),
    });
    return { userId: after.id, version: after.version };
  });
}
