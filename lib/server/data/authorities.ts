import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { prefectureOf, provinceOf, regionLevel } from "@/lib/domain/region-code";
import type { Caller } from "@/lib/server/auth/scope";
import type { Tx } from "@/lib/server/db";

/** The authority a regulator acts for: NMSA, its province, or its prefecture (falling back to the province). */
export async function authorityOf(tx: Tx, caller: Caller) {
  const j = caller.jurisdiction;
  const candidates: Prisma.AuthorityWhereInput[] =
    j === ""
      ? [{ kind: "NATIONAL" }]
      : regionLevel(j) === "PROVINCE"
        ? [{ kind: "PROVINCIAL", regionCode: j }]
        : [
            { kind: "PREFECTURE", regionCode: prefectureOf(j) },
            { kind: "PROVINCIAL", regionCode: provinceOf(j) },
          ];
  for (const where of candidates) {
    const found = await tx.authority.findFirst({ where });
    if (found) return found;
  }
  return tx.authority.findFirstOrThrow({ where: { kind: "NATIONAL" } });
}

/** Who decides on a grade of this level for a mine: NMSA for Level 1, the province for Levels 2 and 3. */
export async function decidingAuthority(tx: Tx, level: number, provinceCode: string) {
  if (level === 1) return tx.authority.findFirstOrThrow({ where: { kind: "NATIONAL" } });
  return (
    (await tx.authority.findFirst({ where: { kind: "PROVINCIAL", regionCode: provinceCode } })) ??
    tx.authority.findFirstOrThrow({ where: { kind: "NATIONAL" } })
  );
}
