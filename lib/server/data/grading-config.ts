import "server-only";
import { grantedLevels, type AuthorityConfig } from "@/lib/domain/authority-config";
import type { ConsequencePlace } from "@/lib/domain/consequences";
import { can } from "@/lib/server/auth/permissions";
import type { Caller } from "@/lib/server/auth/scope";
import { db as defaultDb, type Db, type DbOrTx } from "@/lib/server/db";

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
  publicNoticeWorkingDays: true,
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

/**
 * Every row of the decision-authority configuration with its sources, for the rule pages (ADMIN, who
 * keeps the rules: ruleVersion.manage); nothing for anyone else. National defaults first, then by province.
 */
export async function gradingConfigRows(caller: Caller, opts: { db?: Db } = {}) {
  if (!can(caller.role, "ruleVersion.manage")) return [];
  const db = opts.db ?? defaultDb;
  const rows = await db.provinceGradingConfig.findMany({
    select: { ...select, source: true, status: true, publicNoticeSource: true, publicNoticeStatus: true },
    orderBy: [{ provinceCode: "asc" }, { level: "asc" }],
  });
  const provinces = await db.region.findMany({
    where: { code: { in: [...new Set(rows.map((r) => r.provinceCode).filter((c) => c !== ""))] } },
    select: { code: true, nameZh: true, nameEn: true },
  });
  return rows.map((r) => ({ ...r, province: provinces.find((p) => p.code === r.provinceCode) ?? null }));
}
