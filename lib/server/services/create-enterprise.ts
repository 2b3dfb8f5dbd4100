import "server-only";
import type { Caller } from "@/lib/server/auth/scope";
import { audit } from "@/lib/server/audit";
import { db as defaultDb, type Db } from "@/lib/server/db";
import { ServiceError } from "@/lib/server/errors";
import { requireRegister } from "@/lib/server/register/scope";
import type { EnterpriseInput } from "@/lib/validation/mine-register";

/** Creates an enterprise (regulators who keep the register); names are unique. */
export async function createEnterprise(caller: Caller, input: EnterpriseInput, opts: { db?: Db } = {}) {
  const db = opts.db ?? defaultDb;
  requireRegister(caller, "enterprise.manage");
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('enterprise-name'))`;
    if (await tx.enterprise.findFirst({ where: { name: input.name }, select: { id: true } }))
      throw new ServiceError("CONFLICT", "validation", { name: "enterpriseNameTaken" });
    const enterprise = await tx.enterprise.create({ data: { name: input.name, nameEn: input.nameEn } });
    await audit(tx, {
      actorId: caller.id,
      action: "enterprise.create",
      entity: "Enterprise",
      entityId: enterprise.id,
      regionCode: caller.jurisdiction,
      after: input,
    });
    return { enterpriseId: enterprise.id };
  });
}
