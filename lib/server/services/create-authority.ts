import "server-only";
import { audit } from "@/lib/server/audit";
import type { Caller } from "@/lib/server/auth/scope";
import { db as defaultDb, type Db } from "@/lib/server/db";
import type { CreateAuthorityInput } from "@/lib/validation/admin";
import { checkAuthorityPlace, lockAuthorityPlace, requireAuthorityManager } from "./authority-fields";
import { afterCommit } from "@/lib/server/cache/tags";

/** Creates an authority (ADMIN): names in both languages, kind and region, one per kind and region. */
export async function createAuthority(caller: Caller, input: CreateAuthorityInput, opts: { db?: Db } = {}) {
  const db = opts.db ?? defaultDb;
  requireAuthorityManager(caller);
  const write = db.$transaction(async (tx) => {
    await lockAuthorityPlace(tx, input.kind, input.regionCode);
    await checkAuthorityPlace(tx, input.kind, input.regionCode, null);
    const authority = await tx.authority.create({ data: input });
    await audit(tx, {
      actorId: caller.id,
      action: "authority.create",
      entity: "Authority",
      entityId: authority.id,
      regionCode: authority.regionCode,
      after: authority,
    });
    return { authorityId: authority.id };
  });
  return afterCommit(write, () => ({ reference: true }));
}
