import "server-only";
import type { Caller } from "@/lib/server/auth/scope";
import { db as defaultDb, type Db } from "@/lib/server/db";
import { ServiceError } from "@/lib/server/errors";
import type { UserRef } from "@/lib/validation/admin";
import { lockManagedUser, requireUserManager, updateManagedUser } from "./managed-user";

/** Disables or enables an account within reach; a disabled account's sessions stop at once (loadCaller). Never one's own. */
export async function setUserActive(caller: Caller, ref: UserRef, active: boolean, opts: { db?: Db } = {}) {
  const db = opts.db ?? defaultDb;
  requireUserManager(caller);
  return db.$transaction(async (tx) => {
    const user = await lockManagedUser(tx, caller, ref.userId, ref.version);
    if (user.id === caller.id) throw new ServiceError("INVALID_STATE", "notYourself");
    const after = await updateManagedUser(tx, caller, user, active ? "user.enable" : "user.disable", { active });
    return { userId: after.id, version: after.version };
  });
}
