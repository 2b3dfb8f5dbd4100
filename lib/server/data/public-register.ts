import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { dateValue, isoDate, todayInChina } from "@/lib/domain/dates";
import { regionFilter } from "@/lib/server/auth/scope";
import { db as defaultDb, type Db } from "@/lib/server/db";
import { inForceOn } from "@/lib/server/grade-in-force";
import { lastValidDay } from "@/lib/domain/grade-validity";
import { cacheable, cacheEntry, cacheGuard, checkCacheGuard, TAGS } from "@/lib/server/cache/tags";
import { fromCache } from "@/lib/server/http/database-lost";

// What the public may read, and nothing more: announced grades in force, final decisions, and a
// mine's public page. Every query selects its fields explicitly so no private field can leak.
// The same for every reader, so cached ("use cache", tagged "register" or the mine's tag; writes
// expire them, lib/server/cache/tags.ts) with plain arguments only: the filter and the day. A test's
// own database (opts.db) is read directly.

export interface PublicGradeFilter {
  province?: string;
  level?: number;
  q?: string;
  page: number;
  pageSize: number;
}

function mineMatch(filter: { province?: string; q?: string }): Prisma.MineWhereInput {
  const and: Prisma.MineWhereInput[] = [];
  if (filter.province) and.push(regionFilter(filter.province));
  if (filter.q) and.push({ OR: [{ name: { contains: filter.q } }, { code: { contains: filter.q } }] });
  return { AND: and };
}

/** Announced grades in force today (the grade a mine holds now), paged, by mine code. */
export async function listAnnouncedGrades(filter: PublicGradeFilter, opts: { db?: Db; today?: string } = {}) {
  const today = opts.today ?? todayInChina();
  const plain = {
    province: filter.province,
    level: filter.level,
    q: filter.q,
    page: filter.page,
    pageSize: filter.pageSize,
  };
  return cacheable(opts.db)
    ? fromCache(cachedAnnouncedGrades(cacheGuard(), plain, today))
    : readAnnouncedGrades(opts.db!, plain, today);
}

async function cachedAnnouncedGrades(guard: string, filter: PublicGradeFilter, today: string) {
  "use cache";
  checkCacheGuard(guard);
  cacheEntry("register", TAGS.register);
  return readAnnouncedGrades(defaultDb, filter, today);
}

async function readAnnouncedGrades(db: Db, filter: PublicGradeFilter, today: string) {
  const where: Prisma.GradeWhereInput = { ...inForceOn(today, filter.level), mine: mineMatch(filter) };
  const [total, rows] = await Promise.all([
    db.grade.count({ where }),
    db.grade.findMany({
      where,
      orderBy: [{ mine: { code: "asc" } }, { id: "asc" }],
      skip: (filter.page - 1) * filter.pageSize,
      take: filter.pageSize,
      select: {
        level: true,
        announcedOn: true,
        validUntil: true,
        announcementNo: true,
        mine: { select: { code: true, name: true, nameEn: true, countyCode: true } },
      },
    }),
  ]);
  return {
    total,
    items: rows.map((g) => ({
      mineCode: g.mine.code,
      mineName: g.mine.name,
      mineNameEn: g.mine.nameEn,
      regionCode: g.mine.countyCode,
      level: g.level,
      announcedOn: isoDate(g.announcedOn),
      // The last day of validity: what the register, its CSV and the public API show (lastValidDay).
      validUntil: lastValidDay(g.validUntil),
      announcementNo: g.announcementNo,
    })),
  };
}

/** Confirmed downgrade and revocation decisions, newest first. */
export async function listFinalDecisions(filter: DecisionFilter, opts: { db?: Db } = {}) {
  const plain = { province: filter.province, q: filter.q, page: filter.page, pageSize: filter.pageSize };
  return cacheable(opts.db)
    ? fromCache(cachedFinalDecisions(cacheGuard(), plain))
    : readFinalDecisions(opts.db!, plain);
}

type DecisionFilter = { province?: string; q?: string; page: number; pageSize: number };

async function cachedFinalDecisions(guard: string, filter: DecisionFilter) {
  "use cache";
  checkCacheGuard(guard);
  cacheEntry("register", TAGS.register);
  return readFinalDecisions(defaultDb, filter);
}

async function readFinalDecisions(db: Db, filter: DecisionFilter) {
  const where: Prisma.DecisionWhereInput = { status: "CONFIRMED", mine: mineMatch(filter) };
  const [total, rows] = await Promise.all([
    db.decision.count({ where }),
    db.decision.findMany({
      where,
      orderBy: [{ effectiveOn: "desc" }, { id: "desc" }],
      skip: (filter.page - 1) * filter.pageSize,
      take: filter.pageSize,
      select: {
        id: true,
        type: true,
        reason: true,
        fromLevel: true,
        toLevel: true,
        number: true,
        legalBasis: true,
        effectiveOn: true,
        authority: { select: { nameZh: true, nameEn: true } },
        mine: { select: { code: true, name: true, nameEn: true, countyCode: true } },
      },
    }),
  ]);
  return {
    total,
    items: rows.map((d) => ({
      id: d.id,
      mineCode: d.mine.code,
      mineName: d.mine.name,
      mineNameEn: d.mine.nameEn,
      regionCode: d.mine.countyCode,
      type: d.type,
      reason: d.reason,
      fromLevel: d.fromLevel,
      toLevel: d.toLevel,
      number: d.number,
      legalBasis: d.legalBasis,
      effectiveOn: d.effectiveOn ? isoDate(d.effectiveOn) : null,
      authority: d.authority,
    })),
  };
}

/** A mine's public page: identity, region, type, announced grades and final decisions. */
export async function publicMine(code: string, opts: { db?: Db; today?: string } = {}) {
  const today = opts.today ?? todayInChina();
  return cacheable(opts.db)
    ? fromCache(cachedPublicMine(cacheGuard(), code, today))
    : readPublicMine(opts.db!, code, today);
}

/** Tagged with the mine's code: a write to the mine (or a new mine of that code) expires it, as does a bulk import. */
async function cachedPublicMine(guard: string, code: string, today: string) {
  "use cache";
  checkCacheGuard(guard);
  cacheEntry("register", TAGS.mine(code), TAGS.mines);
  return readPublicMine(defaultDb, code, today);
}

async function readPublicMine(db: Db, code: string, today: string) {
  const mine = await db.mine.findUnique({
    where: { code },
    select: {
      code: true,
      name: true,
      nameEn: true,
      type: true,
      countyCode: true,
      county: {
        select: {
          nameZh: true,
          nameEn: true,
          parent: { select: { nameZh: true, nameEn: true, parent: { select: { nameZh: true, nameEn: true } } } },
        },
      },
      enterprise: { select: { name: true, nameEn: true } },
      grades: {
        where: { announcedOn: { lte: dateValue(today) } },
        orderBy: [{ announcedOn: "desc" }, { id: "desc" }],
        select: {
          level: true,
          announcedOn: true,
          validUntil: true,
          endedOn: true,
          endReason: true,
          announcementNo: true,
          authority: { select: { nameZh: true, nameEn: true } },
        },
      },
      decisions: {
        where: { status: "CONFIRMED" },
        orderBy: { effectiveOn: "desc" },
        select: {
          id: true,
          type: true,
          reason: true,
          fromLevel: true,
          toLevel: true,
          number: true,
          effectiveOn: true,
        },
      },
    },
  });
  // The public sees announced grades and final decisions (product.md): a mine with neither has
  // nothing public about it, and its page is a 404 like an unknown code.
  if (!mine || (mine.grades.length === 0 && mine.decisions.length === 0)) return null;
  return { mine, today };
}

/** Provinces that have mines, for the register's filter. */
export async function provincesWithMines(opts: { db?: Db } = {}) {
  return cacheable(opts.db) ? fromCache(cachedProvincesWithMines(cacheGuard())) : readProvincesWithMines(opts.db!);
}

async function cachedProvincesWithMines(guard: string) {
  "use cache";
  checkCacheGuard(guard);
  cacheEntry("register", TAGS.register, TAGS.reference);
  return readProvincesWithMines(defaultDb);
}

async function readProvincesWithMines(db: Db) {
  const codes = await db.mine.findMany({ distinct: ["provinceCode"], select: { provinceCode: true } });
  return db.region.findMany({
    where: { code: { in: codes.map((c) => c.provinceCode) } },
    orderBy: { code: "asc" },
    select: { code: true, nameZh: true, nameEn: true },
  });
}

/** Region names for a set of county codes: county · prefecture · province, both languages. */
export async function regionNames(countyCodes: string[], opts: { db?: Db } = {}) {
  const codes = [...new Set(countyCodes)].sort();
  const rows = cacheable(opts.db)
    ? await fromCache(cachedRegionRows(cacheGuard(), codes))
    : await readRegionRows(opts.db!, codes);
  return new Map(
    rows.map((r) => [r.code, [r.parent?.parent, r.parent, r].filter((x) => x !== null && x !== undefined)]),
  );
}

async function cachedRegionRows(guard: string, codes: string[]) {
  "use cache";
  checkCacheGuard(guard);
  cacheEntry("reference", TAGS.reference);
  return readRegionRows(defaultDb, codes);
}

async function readRegionRows(db: Db, codes: string[]) {
  return db.region.findMany({
    where: { code: { in: codes } },
    select: {
      code: true,
      nameZh: true,
      nameEn: true,
      parent: { select: { nameZh: true, nameEn: true, parent: { select: { nameZh: true, nameEn: true } } } },
    },
  });
}
