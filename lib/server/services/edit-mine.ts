import "server-only";
import { mineScope, type Caller } from "@/lib/server/auth/scope";
import { audit } from "@/lib/server/audit";
import { db as defaultDb, type Db } from "@/lib/server/db";
import { notFound, ServiceError } from "@/lib/server/errors";
import { invalidate } from "@/lib/server/cache/tags";
import { enterpriseExists, requireRegister } from "@/lib/server/register/scope";
import type { EditMineInput } from "@/lib/validation/mine-register";

const ATTRIBUTES = [
  "name",
  "nameEn",
  "enterpriseId",
  "type",
  "capacity",
  "gasGrade",
  "hydroType",
  "rockBurst",
  "combustionClass",
] as const;

/**
 * Edits a mine's attributes (regulators, mines in their jurisdiction), moving it to another
 * enterprise included. Version-checked: an edit made by someone else since the form was opened
 * is not overwritten. Audited with the attributes before and after (a move of enterprise also
 * under its own action, so the audit can be searched for it). Code and county do not change: the
 * code is the mine's identity on every record and document.
 */
export async function editMine(caller: Caller, input: EditMineInput, opts: { db?: Db } = {}) {
  const db = opts.db ?? defaultDb;
  requireRegister(caller);
  const result = await db.$transaction(async (tx) => {
    const mine = await tx.mine.findFirst({ where: { AND: [{ code: input.mineCode }, mineScope(caller)] } });
    if (!mine) throw notFound();
    await enterpriseExists(tx, caller, input.enterpriseId);
    const data = Object.fromEntries(ATTRIBUTES.map((k) => [k, input[k]]));
    const { count } = await tx.mine.updateMany({
      where: { id: mine.id, version: input.version },
      data: { ...data, version: { increment: 1 } },
    });
    if (count === 0) throw new ServiceError("CONFLICT", "mineChanged");
    const before = Object.fromEntries(ATTRIBUTES.map((k) => [k, mine[k]]));
    const common = { actorId: caller.id, entity: "Mine", entityId: mine.code, regionCode: mine.countyCode };
    await audit(tx, { ...common, action: "mine.edit", before, after: data });
    if (mine.enterpriseId !== input.enterpriseId) {
      await audit(tx, {
        ...common,
        action: "mine.moveEnterprise",
        before: { enterpriseId: mine.enterpriseId },
        after: { enterpriseId: input.enterpriseId },
      });
    }
    return { mineCode: mine.code, countyCode: mine.countyCode };
  });
  // The type and the enterprise are filters of the figures' tables; the name shows in the register.
  invalidate({ mines: [{ code: result.mineCode, countyCode: result.countyCode }] });
  return { mineCode: result.mineCode };
}
