import "server-only";
import { decisionBodies, type Body, type MinePlace } from "@/lib/domain/authority-config";
import type { Prisma } from "@/lib/generated/prisma/client";
import { prefectureOf, provinceOf, regionLevel } from "@/lib/domain/region-code";
import type { AuthorityKind } from "@/lib/generated/prisma/enums";
import { can } from "@/lib/server/auth/permissions";
import type { Caller } from "@/lib/server/auth/scope";
import { authorityConfig } from "@/lib/server/data/grading-config";
import { db as defaultDb, type Db, type Tx } from "@/lib/server/db";

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

/**
 * Who publishes a decision on a grade of this level at the mine (the issuing authority on the public
 * record): the publisher the decision-authority configuration names (Level 1: NMSA, also when the province
 * confirms it). Falls back to the province, then NMSA, when no authority of that kind exists.
 */
export async function publishingAuthority(tx: Tx, level: number, mine: MinePlace) {
  return (await decisionAuthorities(tx, level, mine)).publisher;
}

/**
 * The publisher (as publishingAuthority) and the proposer of a decision on a grade of this level at the
 * mine, as the configuration names them; the proposer is null when no authority of its kind exists there.
 */
export async function decisionAuthorities(tx: Tx, level: number, mine: MinePlace) {
  const bodies = decisionBodies(await authorityConfig(tx, mine.provinceCode), mine, level);
  const find = (body: Body | undefined) =>
    body ? tx.authority.findFirst({ where: { kind: body.kind, regionCode: body.regionCode } }) : null;
  const publisher =
    (await find(bodies?.publisher)) ??
    (await tx.authority.findFirst({ where: { kind: "PROVINCIAL", regionCode: mine.provinceCode } })) ??
    (await tx.authority.findFirstOrThrow({ where: { kind: "NATIONAL" } }));
  return { publisher, proposer: await find(bodies?.proposer) };
}

// ---- Administration (issue 12): the authorities list and one authority, for ADMIN only ----

export const AUTHORITIES_PAGE_SIZE = 100;

/** The authorities, by kind and region, optionally one kind or a name; null for callers who may not manage them. */
export async function listAuthorities(
  caller: Caller,
  filter: { kind?: AuthorityKind; q?: string; page: number },
  opts: { db?: Db } = {},
) {
  const db = opts.db ?? defaultDb;
  if (!can(caller.role, "authority.manage")) return null;
  const where: Prisma.AuthorityWhereInput = {
    ...(filter.kind ? { kind: filter.kind } : {}),
    ...(filter.q
      ? {
          OR: [
            { nameZh: { contains: filter.q, mode: "insensitive" } },
            { nameEn: { contains: filter.q, mode: "insensitive" } },
            { regionCode: { startsWith: filter.q } },
          ],
        }
      : {}),
  };
  const [total, rows] = await Promise.all([
    db.authority.count({ where }),
    db.authority.findMany({
      where,
      orderBy: [{ regionCode: "asc" }, { kind: "asc" }],
      skip: (filter.page - 1) * AUTHORITIES_PAGE_SIZE,
      take: AUTHORITIES_PAGE_SIZE,
    }),
  ]);
  return { total, rows, pageSize: AUTHORITIES_PAGE_SIZE };
}

export async function authorityForAdmin(caller: Caller, id: number, opts: { db?: Db } = {}) {
  const db = opts.db ?? defaultDb;
  if (!can(caller.role, "authority.manage") || !Number.isInteger(id) || id <= 0 || id > 2_147_483_647) return null;
  return db.authority.findUnique({ where: { id } });
}
