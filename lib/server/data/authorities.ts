import "server-only";
import { decisionBodies, type MinePlace } from "@/lib/domain/authority-config";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Caller } from "@/lib/server/auth/scope";
import { authorityConfig } from "@/lib/server/data/grading-config";
import type { Tx } from "@/lib/server/db";

/** The authority a regulator acts for: NMSA, its province, or its prefecture (falling back to the province). */
export async function authorityOf(tx: Tx, caller: Caller) {
  const j = caller.jurisdiction;
  const candidates: Prisma.AuthorityWhereInput[] =
    j === ""
      ? [{ kind: "NATIONAL" }]
      : j.length === 2
        ? [{ kind: "PROVINCIAL", regionCode: j }]
        : [
            { kind: "PREFECTURE", regionCode: j.slice(0, 4) },
            { kind: "PROVINCIAL", regionCode: j.slice(0, 2) },
          ];
  for (const where of candidates) {
    const found = await tx.authority.findFirst({ where });
    if (found) return found;
  }
  return tx.authority.findFirstOrThrow({ where: { kind: "NATIONAL" } });
}

/**
 * Who publishes a decision on a grade of this level at the mine (the issuing authority on the public
 * record): the publisher the decision-authority configuration names (Level 1: NMSA, also when the province
 * confirms it). Falls back to the province, then NMSA, when no authority of that kind exists.
 */
export async function publishingAuthority(tx: Tx, level: number, mine: MinePlace) {
  const body = decisionBodies(await authorityConfig(tx, mine.provinceCode), mine, level)?.publisher;
  return (
    (body ? await tx.authority.findFirst({ where: { kind: body.kind, regionCode: body.regionCode } }) : null) ??
    (await tx.authority.findFirst({ where: { kind: "PROVINCIAL", regionCode: mine.provinceCode } })) ??
    tx.authority.findFirstOrThrow({ where: { kind: "NATIONAL" } })
  );
}
