import "server-only";
import { audit } from "@/lib/server/audit";
import type { Caller } from "@/lib/server/auth/scope";
import { db as defaultDb, type Db } from "@/lib/server/db";
import { notFound, ServiceError } from "@/lib/server/errors";
import type { UpdateAuthorityInput } from "@/lib/validation/admin";
import { checkAuthorityPlace, lockAuthorityPlace, requireAuthorityManager } from "./authority-fields";
import { afterCommit } from "@/lib/server/cache/tags";

/**
 * Changes an authority's names, kind or region (ADMIN), if nobody changed it since the page showed
 * `version`. Grades, decisions and spot-checks refer to it by id, so they name it as it now is.
 */
export async function updateAuthority(caller: Caller, input: UpdateAuthorityInput, opts: { db?: Db } = {}) {
  const db = opts.db ?? defaultDb;
  requireAuthorityManager(caller);
  const { authorityId, version, ...data } = input;
  const write = db.$transaction(async (tx) => {
    await lockAuthorityPlace(tx, data.kind, data.regionCode);
    await tx.$executeRaw`SELECT 1 FROM "Authority" WHERE "id" = ${authorityId} FOR UPDATE`;
    const before = await tx.authority.findUnique({ where: { id: authorityId } });
    if (!before) throw notFound();
    if (before.version !== version) throw new ServiceError("CONFLICT", "authorityChanged");
    await checkAuthorityPlace(tx, data.kind, data.regionCode, authorityId);
    const after = await tx.authority.update({
      where: { id: authorityId },
      data: { ...data, version: { increment: 1 } },
    });
    await audit(tx, {
      actorId: caller.id,
      action: "authority.update",
      entity: "Authority",
      entityId: authorityId,
      regionCode: after.regionCode,
      before,
      after,
    });
    return { authorityId, version: after.version };
  });
  // An authority's name shows on the public register (grades, decisions) and mine pages.
  return afterCommit(write, () => ({ reference: true, allMines: true }));
}
