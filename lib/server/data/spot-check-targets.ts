import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { can } from "@/lib/server/auth/permissions";
import type { Caller } from "@/lib/server/auth/scope";
import { db as defaultDb, type Db } from "@/lib/server/db";
import { maySetTargetOf } from "@/lib/server/auth/target-scope";

/**
 * The targets of a year a caller who sets targets sees: ADMIN all; a provincial regulator the
 * national one (which its province falls back to, read-only) and those of its province and its
 * prefectures. Each row says whether the caller may change it. Null for callers who set none.
 */
export async function listSpotCheckTargets(caller: Caller, year: number, opts: { db?: Db } = {}) {
  const db = opts.db ?? defaultDb;
  if (!can(caller.role, "target.manage")) return null;
  const where: Prisma.SpotCheckTargetWhereInput =
    caller.role === "ADMIN"
      ? { year }
      : { year, OR: [{ regionCode: "" }, { regionCode: { startsWith: caller.jurisdiction || "-" } }] };
  const rows = await db.spotCheckTarget.findMany({
    where,
    orderBy: [{ regionCode: "asc" }, { level: { sort: "asc", nulls: "first" } }],
  });
  return rows.map((r) => ({
    id: r.id,
    year: r.year,
    regionCode: r.regionCode,
    level: r.level,
    ratio: Number(r.ratio),
    version: r.version,
    editable: maySetTargetOf(caller, r.regionCode),
  }));
}
