import "server-only";
import { mayManageAccount } from "@/lib/domain/account-reach";
import type { Caller } from "@/lib/server/auth/scope";
import { db as defaultDb, type Db } from "@/lib/server/db";
import { ServiceError } from "@/lib/server/errors";
import type { UpdateUserInput } from "@/lib/validation/admin";
import { checkAccountRegion } from "./account-region";
import { lockManagedUser, requireUserManager, updateManagedUser } from "./managed-user";

/**
 * Changes an account's name, role and jurisdiction: the account must be within the caller's reach
 * as it is and as it would become. Nobody changes their own role or jurisdiction. A change of role
 * or jurisdiction unlinks a mine the new reach no longer covers; it applies to the account's open
 * sessions from their next request, since every request reloads the user (loadCaller).
 */
export async function updateUser(caller: Caller, input: UpdateUserInput, opts: { db?: Db } = {}) {
  const db = opts.db ?? defaultDb;
  requireUserManager(caller);
  return db.$transaction(async (tx) => {
    const user = await lockManagedUser(tx, caller, input.userId, input.version);
    const reachChanged = user.role !== input.role || user.jurisdiction !== input.jurisdiction;
    if (reachChanged && user.id === caller.id)
      throw new ServiceError("VALIDATION", "validation", { role: "notYourself" });
    if (!mayManageAccount(caller, { role: input.role, jurisdiction: input.jurisdiction }))
      throw new ServiceError("VALIDATION", "validation", { jurisdiction: "beyondReach" });
    await checkAccountRegion(tx, input.jurisdiction);
    let mineId = user.mineId;
    if (mineId !== null && input.role !== "MINE_MANAGER") mineId = null;
    if (mineId !== null) {
      const mine = await tx.mine.findUnique({ where: { id: mineId }, select: { countyCode: true } });
      if (mine?.countyCode !== input.jurisdiction) mineId = null;
    }
    const after = await updateManagedUser(tx, caller, user, "user.update", {
      name: input.name,
      role: input.role,
      jurisdiction: input.jurisdiction,
      mineId,
    });
    return { userId: after.id, version: after.version };
  });
}
