import "server-only";
import { isoDate } from "@/lib/domain/dates";
import { can } from "@/lib/server/auth/permissions";
import { mineScope, type Caller } from "@/lib/server/auth/scope";
import { db as defaultDb, type Db } from "@/lib/server/db";
import { nextSequences } from "@/lib/server/register/mine-codes";
import { enterpriseInScope, enterpriseScope } from "@/lib/server/register/scope";

// Reads of the mine register's forms, for callers who keep the register (mine.register); anyone
// else gets nothing, as if the page did not exist.

/** A region of the picker: code, names, and its parent's code ("" for a province). */
export interface RegionChoice {
  code: string;
  nameZh: string;
  nameEn: string | null;
  parent: string;
}

/**
 * The regions a caller may register mines in (provinces, prefectures and counties under its
 * jurisdiction, plus the regions above it so the picker can show the path), and the next free
 * code sequence of each county that has mines.
 */
export async function registerChoices(caller: Caller, opts: { db?: Db } = {}) {
  const db = opts.db ?? defaultDb;
  if (!can(caller.role, "mine.register")) return null;
  const j = caller.jurisdiction;
  const above = [j.slice(0, 2), j.slice(0, 4)].filter((c) => c.length > 0 && c.length < j.length);
  const rows = await db.region.findMany({
    where: { OR: [{ code: { startsWith: j } }, { code: { in: above } }] },
    select: { code: true, nameZh: true, nameEn: true, parentCode: true, level: true },
    orderBy: { code: "asc" },
  });
  const regions: RegionChoice[] = rows.map((r) => ({
    code: r.code,
    nameZh: r.nameZh,
    nameEn: r.nameEn,
    parent: r.parentCode ?? "",
  }));
  const counties = rows.filter((r) => r.level === "COUNTY").map((r) => r.code);
  const next = Object.fromEntries(await nextSequences(db, counties));
  return { regions, nextSequence: next as Record<string, string> };
}

/** Enterprises to choose from: those the caller sees (enterpriseScope). */
export async function enterpriseChoices(caller: Caller, opts: { db?: Db } = {}) {
  const db = opts.db ?? defaultDb;
  if (!can(caller.role, "mine.register")) return [];
  return db.enterprise.findMany({
    where: enterpriseScope(caller),
    select: { id: true, name: true, nameEn: true },
    orderBy: { name: "asc" },
  });
}

/** A mine as its edit and status forms need it, or null (no permission, absent or out of scope). */
export async function getMineForRegister(caller: Caller, code: string, opts: { db?: Db } = {}) {
  const db = opts.db ?? defaultDb;
  if (!can(caller.role, "mine.register")) return null;
  const mine = await db.mine.findFirst({
    where: { AND: [{ code }, mineScope(caller)] },
    include: { statusPeriods: { orderBy: { startedOn: "desc" } } },
  });
  if (!mine) return null;
  return {
    ...mine,
    statusPeriods: mine.statusPeriods.map((p) => ({
      id: p.id,
      status: p.status,
      startedOn: isoDate(p.startedOn),
      endedOn: p.endedOn ? isoDate(p.endedOn) : null,
      reason: p.reason,
      documentNo: p.documentNo,
    })),
  };
}

const PAGE_SIZE = 50;

/**
 * The enterprises the caller sees, with how many mines of the caller's scope each owns, searched by name, paged;
 * `editable` says whether the caller may rename it (every mine it owns is in scope).
 */
export async function listEnterprises(caller: Caller, search: { q?: string; page?: number }, opts: { db?: Db } = {}) {
  const db = opts.db ?? defaultDb;
  if (!can(caller.role, "enterprise.manage")) return null;
  const q = (search.q ?? "").trim().slice(0, 100);
  const page = Math.max(1, Math.min(1000, Math.floor(search.page ?? 1)));
  const where = {
    AND: [
      enterpriseScope(caller),
      q ? { OR: [{ name: { contains: q } }, { nameEn: { contains: q, mode: "insensitive" as const } }] } : {},
    ],
  };
  const [total, rows] = await Promise.all([
    db.enterprise.count({ where }),
    db.enterprise.findMany({
      where,
      orderBy: { name: "asc" },
      skip: (page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      select: {
        id: true,
        name: true,
        nameEn: true,
        _count: { select: { mines: { where: mineScope(caller) } } },
      },
    }),
  ]);
  const items = await Promise.all(
    rows.map(async (e) => ({
      id: e.id,
      name: e.name,
      nameEn: e.nameEn,
      minesInScope: e._count.mines,
      editable: await enterpriseInScope(db, caller, e.id),
    })),
  );
  return { items, total, page, pageSize: PAGE_SIZE, q };
}

/** An enterprise the caller may edit, with its version, or null. */
export async function getEnterpriseForEdit(caller: Caller, id: number, opts: { db?: Db } = {}) {
  const db = opts.db ?? defaultDb;
  if (!can(caller.role, "enterprise.manage") || !Number.isSafeInteger(id) || id < 1 || id > 2_147_483_647) return null;
  const enterprise = await db.enterprise.findUnique({ where: { id } });
  if (!enterprise || !(await enterpriseInScope(db, caller, id))) return null;
  const mines = await db.mine.findMany({
    where: { AND: [{ enterpriseId: id }, mineScope(caller)] },
    select: { code: true, name: true, nameEn: true },
    orderBy: { code: "asc" },
    take: 200,
  });
  return { ...enterprise, mines };
}
