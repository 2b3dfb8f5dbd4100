import "server-only";
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

/** An enterprise chosen for a mine: any that exists (enterprises are not scoped; their mines are). */
export async function enterpriseExists(tx: Tx, enterpriseId: number | null): Promise<void> {
  if (enterpriseId === null) return;
  const found = await tx.enterprise.findUnique({ where: { id: enterpriseId }, select: { id: true } });
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
