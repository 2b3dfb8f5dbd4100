import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { can, type Action } from "@/lib/server/auth/permissions";
import { mineScope, regionInScope, type Caller } from "@/lib/server/auth/scope";
import type { DbOrTx, Tx } from "@/lib/server/db";
import { forbidden, ServiceError } from "@/lib/server/errors";

/** The register's writes: the role must keep the register (product.md: regulators, not ADMIN). */
export function requireRegister(caller: Caller, action: Action = "mine.register"): void {
  if (!can(caller.role, action)) throw forbidden();
}

/**
 * A county the caller may register mines in: it exists, is a county, and lies in the caller's
 * jurisdiction. Outside it reads as unknown, as everywhere else (nothing is told about it).
 */
export async function countyInScope(tx: Tx, caller: Caller, countyCode: string) {
  const county = regionInScope(caller, countyCode)
    ? await tx.region.findFirst({ where: { code: countyCode, level: "COUNTY" } })
    : null;
  if (!county) throw new ServiceError("VALIDATION", "validation", { countyCode: "countyNotFound" });
  return county;
}

/**
 * The enterprises a caller sees: those owning a mine in the caller's scope, and those owning none
 * yet (just created, to be given their first mine). An enterprise whose mines all lie elsewhere is
 * another jurisdiction's business, like its mines.
 */
export function enterpriseScope(caller: Caller): Prisma.EnterpriseWhereInput {
  return { OR: [{ mines: { some: mineScope(caller) } }, { mines: { none: {} } }] };
}

/** An enterprise chosen for a mine: one the caller sees (else it reads as unknown). */
export async function enterpriseExists(tx: Tx, caller: Caller, enterpriseId: number | null): Promise<void> {
  if (enterpriseId === null) return;
  const found = await tx.enterprise.findFirst({
    where: { AND: [{ id: enterpriseId }, enterpriseScope(caller)] },
    select: { id: true },
  });
  if (!found) throw new ServiceError("VALIDATION", "validation", { enterpriseId: "enterpriseNotFound" });
}

/**
 * Whether an enterprise is the caller's to edit: every mine it owns lies in the caller's scope (true
 * when it owns none yet). A group with mines in several provinces is the national regulator's.
 */
export async function enterpriseInScope(db: DbOrTx, caller: Caller, enterpriseId: number): Promise<boolean> {
  if (!can(caller.role, "enterprise.manage")) return false;
  if (caller.jurisdiction === "") return true;
  const outside = await db.mine.count({ where: { enterpriseId, NOT: mineScope(caller) } });
  return outside === 0;
}
