import "server-only";
import type { Caller } from "@/lib/server/auth/scope";
import { audit } from "@/lib/server/audit";
import { db as defaultDb, type Db } from "@/lib/server/db";
import { notFound, ServiceError } from "@/lib/server/errors";
import { enterpriseInScope, requireRegister } from "@/lib/server/register/scope";
import type { EditEnterpriseInput } from "@/lib/validation/mine-register";
import { afterCommit } from "@/lib/server/cache/tags";

/**
 * Renames an enterprise (version-checked, audited before and after). An enterprise is the caller's
 * to edit when every mine it owns lies in the caller's jurisdiction (or it owns none yet): a group
 * with mines in several provinces is renamed by the national regulator, not by one province.
 */
export async function editEnterprise(caller: Caller, input: EditEnterpriseInput, opts: { db?: Db } = {}) {
  const db = opts.db ?? defaultDb;
  requireRegister(caller, "enterprise.manage");
  const write = db.$transaction(async (tx) => {
    const enterprise = await tx.enterprise.findUnique({ where: { id: input.enterpriseId } });
    if (!enterprise || !(await enterpriseInScope(tx, caller, enterprise.id))) throw notFound();
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('enterprise-name'))`;
    const sameName = await tx.enterprise.findFirst({
      where: { name: input.name, id: { not: enterprise.id } },
      select: { id: true },
    });
    if (sameName) throw new ServiceError("CONFLICT", "validation", { name: "enterpriseNameTaken" });
    const { count } = await tx.enterprise.updateMany({
      where: { id: enterprise.id, version: input.version },
      data: { name: input.name, nameEn: input.nameEn, version: { increment: 1 } },
    });
    if (count === 0) throw new ServiceError("CONFLICT", "enterpriseChanged");
    await audit(tx, {
      actorId: caller.id,
      action: "enterprise.edit",
      entity: "Enterprise",
      entityId: enterprise.id,
      regionCode: caller.jurisdiction,
      before: { name: enterprise.name, nameEn: enterprise.nameEn },
      after: { name: input.name, nameEn: input.nameEn },
    });
    return { enterpriseId: enterprise.id };
  });
  // An enterprise's name shows on its mines' public pages.
  return afterCommit(write, () => ({ allMines: true }));
}
