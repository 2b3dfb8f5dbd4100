import "server-only";
import { mayManageAccount } from "@/lib/domain/account-reach";
import { mineScope, type Caller } from "@/lib/server/auth/scope";
import { db as defaultDb, type Db } from "@/lib/server/db";
import { ServiceError } from "@/lib/server/errors";
import type { LinkMineInput } from "@/lib/validation/admin";
import { lockManagedUser, requireUserManager, updateManagedUser } from "./managed-user";

/**
 * Links a mine manager's account to its mine (or unlinks it): the mine must be one the caller sees
 * and the account's jurisdiction becomes the mine's county, which must stay within the caller's reach.
 */
export async function linkUserMine(caller: Caller, input: LinkMineInput, opts: { db?: Db } = {}) {
  const db = opts.db ?? defaultDb;
  requireUserManager(caller);
  return db.$transaction(async (tx) => {
    const user = await lockManagedUser(tx, caller, input.userId, input.version);
    if (user.role !== "MINE_MANAGER") throw new ServiceError("INVALID_STATE", "notAManager");
    let jurisdiction = user.jurisdiction;
    if (input.mineId !== null) {
      const mine = await tx.mine.findFirst({ where: { AND: [{ id: input.mineId }, mineScope(caller)] } });
      if (!mine) throw new ServiceError("VALIDATION", "validation", { mineId: "mineUnknown" });
      jurisdiction = mine.countyCode;
      if (!mayManageAccount(caller, { role: user.role, jurisdiction }))
        throw new ServiceError("VALIDATION", "validation", { mineId: "beyondReach" });
    }
    const after = await updateManagedUser(tx, caller, user, "user.linkMine", { mineId: input.mineId, jurisdiction });
    return { userId: after.id, version: after.version };
  });
}
