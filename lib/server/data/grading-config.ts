import "server-only";
import { grantedLevels, type AuthorityConfig } from "@/lib/domain/authority-config";
import type { ConsequencePlace } from "@/lib/domain/consequences";
import type { DbOrTx } from "@/lib/server/db";

const select = {
  provinceCode: true,
  level: true,
  granted: true,
  reviewerKind: true,
  graderKind: true,
  proposerKind: true,
  confirmerKind: true,
  publisherKind: true,
  failedRoute: true,
} as const;

/**
 * Who decides (ProvinceGradingConfig): the national defaults and the rows of `provinceCode`, or of every
 * province when none is given (a few rows per province, so reading them all is cheap).
 */
export async function authorityConfig(db: DbOrTx, provinceCode?: string): Promise<AuthorityConfig> {
  return db.provinceGradingConfig.findMany({
    where: provinceCode === undefined ? {} : { provinceCode: { in: ["", provinceCode] } },
    select,
    orderBy: [{ provinceCode: "asc" }, { level: "asc" }],
  });
}

/** A lookup of where a mine's grade is, for the consequence table: its province and the levels that province grants. */
export async function consequencePlaces(db: DbOrTx): Promise<(provinceCode: string) => ConsequencePlace> {
  const config = await authorityConfig(db);
  const cache = new Map<string, ConsequencePlace>();
  return (provinceCode) => {
    let place = cache.get(provinceCode);
    if (!place) cache.set(provinceCode, (place = { provinceCode, grantedLevels: grantedLevels(config, provinceCode) }));
    return place;
  };
}

export async function consequencePlace(db: DbOrTx, provinceCode: string): Promise<ConsequencePlace> {
  const config = await authorityConfig(db, provinceCode);
  return { provinceCode, grantedLevels: grantedLevels(config, provinceCode) };
}
