import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { dateValue, todayInChina } from "@/lib/domain/dates";
import { isInForce } from "@/lib/domain/grade-validity";
import { provinceOf } from "@/lib/domain/region-code";
import { can } from "@/lib/server/auth/permissions";
import { mineScope, regionFilter, type Caller } from "@/lib/server/auth/scope";
import { inForceOn } from "@/lib/server/grade-in-force";
import { cacheable, cacheEntry, cacheGuard, checkCacheGuard, TAGS } from "@/lib/server/cache/tags";
import { db as defaultDb, type Db } from "@/lib/server/db";
import type { MineSearch } from "@/lib/validation/mine-search";
import { fromCache } from "@/lib/server/http/database-lost";

function orderBy(search: MineSearch): Prisma.MineOrderByWithRelationInput[] {
  const dir = search.dir;
  switch (search.sort) {
    case "code":
      return [{ code: dir }];
    case "capacity":
      return [{ capacity: dir }, { code: "asc" }];
    case "region":
      return [{ countyCode: dir }, { name: "asc" }];
    default:
      return [{ name: dir }, { code: "asc" }];
  }
}

/** Status periods that cover `day` (startedOn ≤ day < endedOn, or open). */
function periodOn(day: string): Prisma.MineStatusPeriodWhereInput {
  const d = dateValue(day);
  return { startedOn: { lte: d }, OR: [{ endedOn: null }, { endedOn: { gt: d } }] };
}

/**
 * The registry's filter. With `search.asOf` (opened from a dashboard's as-of date) grades and
 * production status are those of that day, and only mines that existed then are listed.
 */
export function mineSearchWhere(caller: Caller, search: MineSearch, today: string): Prisma.MineWhereInput {
  const and: Prisma.MineWhereInput[] = [mineScope(caller)];
  const day = search.asOf ?? today;
  if (search.q) and.push({ OR: [{ name: { contains: search.q } }, { code: { contains: search.q.toUpperCase() } }] });
  if (search.region) and.push(regionFilter(search.region));
  if (search.enterprise) and.push({ enterpriseId: search.enterprise });
  if (search.type) and.push({ type: search.type });
  if (search.asOf) {
    and.push({ statusPeriods: { some: { ...periodOn(day), ...(search.status ? { status: search.status } : {}) } } });
  } else if (search.status) and.push({ status: search.status });
  if (search.gas) and.push({ gasGrade: search.gas });
  if (search.grade === "none") and.push({ grades: { none: inForceOn(day) } });
  else if (search.grade) and.push({ grades: { some: inForceOn(day, Number(search.grade)) } });
  return { AND: and };
}

export async function searchMines(caller: Caller, search: MineSearch, opts: { db?: Db; today?: string } = {}) {
  const db = opts.db ?? defaultDb;
  const today = opts.today ?? todayInChina();
  if (!can(caller.role, "mine.read")) return { items: [], total: 0, page: 1, pageSize: search.pageSize };
  const where = mineSearchWhere(caller, search, today);
  const day = search.asOf ?? today;
  const [total, mines] = await Promise.all([
    db.mine.count({ where }),
    db.mine.findMany({
      where,
      orderBy: orderBy(search),
      skip: (search.page - 1) * search.pageSize,
      take: search.pageSize,
      select: {
        id: true,
        code: true,
        name: true,
        nameEn: true,
        type: true,
        status: true,
        capacity: true,
        gasGrade: true,
        countyCode: true,
        county: {
          select: {
            nameZh: true,
            nameEn: true,
            parent: { select: { nameZh: true, nameEn: true, parent: { select: { nameZh: true, nameEn: true } } } },
          },
        },
        enterprise: { select: { id: true, name: true, nameEn: true } },
        grades: {
          where: inForceOn(day),
          select: { level: true, validUntil: true },
          orderBy: { announcedOn: "desc" },
          take: 1,
        },
        statusPeriods: { where: periodOn(day), select: { status: true }, orderBy: { startedOn: "desc" }, take: 1 },
      },
    }),
  ]);
  const items = mines.map(({ grades, statusPeriods, ...m }) => ({
    ...m,
    // The status on the as-of day; today's is the mine's own (kept in step with its periods).
    status: search.asOf ? (statusPeriods[0]?.status ?? m.status) : m.status,
    currentGrade: grades[0] ?? null,
  }));
  return { items, total, page: search.page, pageSize: search.pageSize };
}

export type MineSearchResult = Awaited<ReturnType<typeof searchMines>>;

/** Which decisions a reader sees on a profile: mine managers final ones only, regulators proposals too. */
type ProfileView = "final" | "all";

/**
 * Everything the profile page shows, or null when the mine does not exist or lies outside the caller's
 * scope. The scope is checked first, uncached; the profile itself is the same for every reader of one
 * view who may see the mine, so it is cached per (code, view), tagged with the mine (every write to it
 * expires it), "mines" (bulk writes), "rules" and "reference" (rule version, authority and region names).
 * The grade in force is picked outside the cache, on the reader's day.
 */
export async function getMineProfile(caller: Caller, code: string, opts: { db?: Db; today?: string } = {}) {
  const db = opts.db ?? defaultDb;
  const today = opts.today ?? todayInChina();
  if (!can(caller.role, "mine.read")) return null;
  const visible = await db.mine.findFirst({ where: { AND: [{ code }, mineScope(caller)] }, select: { id: true } });
  if (!visible) return null;
  const view: ProfileView = caller.role === "MINE_MANAGER" ? "final" : "all";
  const mine = cacheable(opts.db)
    ? await fromCache(cachedProfile(cacheGuard(), code, view))
    : await readProfile(db, code, view);
  if (!mine) return null;
  const current = mine.grades.find((g) => isInForce(g, today)) ?? null;
  return { mine, currentGrade: current, today };
}

async function cachedProfile(guard: string, code: string, view: ProfileView) {
  "use cache";
  checkCacheGuard(guard);
  cacheEntry("register", TAGS.mine(code), TAGS.mines, TAGS.rules, TAGS.reference);
  return readProfile(defaultDb, code, view);
}

/** The profile's rows, the scores as plain numbers (a cached entry holds no Prisma Decimal). */
async function readProfile(db: Db, code: string, view: ProfileView) {
  const mine = await db.mine.findUnique({
    where: { code },
    include: {
      county: { include: { parent: { include: { parent: true } } } },
      enterprise: true,
      statusPeriods: { orderBy: { startedOn: "desc" } },
      grades: {
        orderBy: [{ announcedOn: "desc" }, { id: "desc" }],
        include: {
          authority: true,
          ruleVersion: { select: { code: true, nameZh: true, nameEn: true } },
          endedByDecision: { select: { id: true, type: true, reason: true, number: true } },
        },
      },
      spotChecks: {
        where: { status: "COMPLETED" },
        orderBy: { checkedOn: "desc" },
        include: {
          authority: true,
          scoresheet: {
            include: { scores: { orderBy: { elementCode: "asc" } }, ruleVersion: { select: { id: true, code: true } } },
          },
          findings: { orderBy: { id: "asc" } },
          _count: { select: { hiddenDangers: true } },
        },
      },
      decisions: {
        // Mine managers see decisions once they are final; regulators also see proposals.
        where: view === "final" ? { status: "CONFIRMED" as const } : {},
        orderBy: [{ proposedAt: "desc" }],
        include: { authority: true },
      },
      accidents: { orderBy: { occurredOn: "desc" } },
    },
  });
  if (!mine) return null;
  return {
    ...mine,
    spotChecks: mine.spotChecks.map((s) => ({
      ...s,
      scoresheet: {
        ...s.scoresheet,
        total: Number(s.scoresheet.total),
        scores: s.scoresheet.scores.map((e) => ({ ...e, score: e.score === null ? null : Number(e.score) })),
      },
    })),
  };
}

export type MineProfile = NonNullable<Awaited<ReturnType<typeof getMineProfile>>>;

/** Element names of the rule versions a profile's spot-checks were scored under. */
export async function elementNames(ruleVersionIds: number[], opts: { db?: Db } = {}) {
  const db = opts.db ?? defaultDb;
  if (ruleVersionIds.length === 0) return [];
  return db.ruleElement.findMany({
    where: { ruleVersionId: { in: ruleVersionIds } },
    select: {
      ruleVersionId: true,
      mineType: true,
      code: true,
      nameZh: true,
      nameEn: true,
      partCode: true,
      sortOrder: true,
    },
    orderBy: { sortOrder: "asc" },
  });
}

/** Provinces and prefectures the caller may filter by. */
export async function regionOptions(caller: Caller, opts: { db?: Db } = {}) {
  const db = opts.db ?? defaultDb;
  if (caller.role === "MINE_MANAGER") return [];
  const j = caller.jurisdiction;
  const provinces = await db.region.findMany({
    where: {
      level: { in: j.length >= 2 ? ["PROVINCE", "PREFECTURE"] : ["PROVINCE"] },
      code: j ? { startsWith: provinceOf(j) } : undefined,
      // Only regions that have mines, so the list stays short.
      ...(j.length >= 2 ? {} : { children: { some: { children: { some: { mines: { some: {} } } } } } }),
    },
    orderBy: { code: "asc" },
    select: { code: true, nameZh: true, nameEn: true, level: true },
  });
  return provinces.filter((r) => r.code.startsWith(j) || j.startsWith(r.code));
}

/** The few fields a form needs about a mine in the caller's scope, or null (out of scope reads as absent). */
export async function getMineSummary(caller: Caller, code: string, opts: { db?: Db } = {}) {
  const db = opts.db ?? defaultDb;
  return db.mine.findFirst({
    where: { AND: [{ code }, mineScope(caller)] },
    select: { id: true, code: true, name: true, nameEn: true, type: true, countyCode: true, provinceCode: true },
  });
}
