import "server-only";
import type { AuthorityKind } from "@/lib/generated/prisma/enums";
import { can } from "@/lib/server/auth/permissions";
import type { Caller } from "@/lib/server/auth/scope";
import type { Tx } from "@/lib/server/db";
import { forbidden, ServiceError } from "@/lib/server/errors";
import { checkAccountRegion } from "./account-region";

// What creating and editing an authority share: who may (ADMIN), and that its region fits its kind.

/** The length of the region code each kind of authority governs. */
const REGION_LENGTH: Record<AuthorityKind, number> = { NATIONAL: 0, PROVINCIAL: 2, PREFECTURE: 4, COUNTY: 6 };

export function requireAuthorityManager(caller: Caller): void {
  if (!can(caller.role, "authority.manage")) throw forbidden();
}

/** The region must be of the kind's level (none for NMSA) and in the region table; one authority per kind and region. */
export async function checkAuthorityPlace(
  tx: Tx,
  kind: AuthorityKind,
  regionCode: string,
  exceptId: number | null,
): Promise<void> {
  if (regionCode.length !== REGION_LENGTH[kind])
    throw new ServiceError("VALIDATION", "validation", { regionCode: "kindRegionMismatch" });
  await checkAccountRegion(tx, regionCode, "regionCode");
  const twin = await tx.authority.findFirst({
    where: { kind, regionCode, ...(exceptId === null ? {} : { id: { not: exceptId } }) },
    select: { id: true },
  });
  if (twin) throw new ServiceError("VALIDATION", "validation", { regionCode: "authorityExists" });
}

/** Serializes writes of authorities of one kind and region, so the uniqueness check above holds under concurrency. */
export async function lockAuthorityPlace(tx: Tx, kind: AuthorityKind, regionCode: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`authority:${kind}:${regionCode}`}))`;
}
