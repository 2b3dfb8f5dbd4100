import "server-only";
import { cacheable, cacheEntry, cacheGuard, checkCacheGuard, TAGS } from "@/lib/server/cache/tags";
import { db as defaultDb, type Db } from "@/lib/server/db";
import { fromCache } from "@/lib/server/http/database-lost";

/** A region as the region picker offers it. */
export interface RegionOption {
  code: string;
  nameZh: string;
  nameEn: string | null;
  parentCode: string | null;
}

/**
 * The regions under a jurisdiction prefix (all of them for ""), for the province → prefecture →
 * county picker; `depth` stops at prefectures where counties are not wanted (spot-check targets).
 */
export async function regionsUnder(prefix: string, opts: { db?: Db; maxLength?: 2 | 4 | 6 } = {}) {
  const maxLength = opts.maxLength ?? 6;
  return cacheable(opts.db)
    ? fromCache(cachedRegionsUnder(cacheGuard(), prefix, maxLength))
    : readRegionsUnder(opts.db!, prefix, maxLength);
}

/** Regions are reference data (setup loads them): cached, tagged "reference". */
async function cachedRegionsUnder(guard: string, prefix: string, maxLength: 2 | 4 | 6) {
  "use cache";
  checkCacheGuard(guard);
  cacheEntry("reference", TAGS.reference);
  return readRegionsUnder(defaultDb, prefix, maxLength);
}

async function readRegionsUnder(db: Db, prefix: string, maxLength: 2 | 4 | 6) {
  const levels = (["PROVINCE", "PREFECTURE", "COUNTY"] as const).slice(0, maxLength / 2);
  const rows = await db.region.findMany({
    where: { level: { in: [...levels] }, ...(prefix ? { code: { startsWith: prefix } } : {}) },
    orderBy: { code: "asc" },
    select: { code: true, nameZh: true, nameEn: true, parentCode: true },
  });
  // The caller's own region's ancestors are shown too, so the picker can name where it starts.
  if (prefix.length > 2) {
    const above = await db.region.findMany({
      where: { code: { in: [prefix.slice(0, 2), prefix.slice(0, 4)].filter((c) => c.length < prefix.length) } },
      select: { code: true, nameZh: true, nameEn: true, parentCode: true },
    });
    rows.unshift(...above);
  }
  return rows satisfies RegionOption[];
}
