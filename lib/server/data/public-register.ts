import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { dateValue, isoDate, todayInChina } from "@/lib/domain/dates";
import { regionFilter } from "@/lib/server/auth/scope";
import { db as defaultDb, type Db } from "@/lib/server/db";
import { inForceOn } from "@/lib/server/grade-in-force";
import { lastValidDay } from "@/lib/domain/grade-validity";

// What the public may read, and nothing more: announced grades in force, final decisions, and a
// mine's public page. Every query selects its fields explicitly so no private field can leak.

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
  const db = opts.db ?? defaultDb;
  const today = opts.today ?? todayInChina();
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
export async function listFinalDecisions(
  filter: { province?: string; q?: string; page: number; pageSize: number },
  opts: { db?: Db } = {},
) {
  const db = opts.db ?? defaultDb;
  const where: Prisma.DecisionWhereInput = { status: "CONFIRMED", mine: mineMatch(filter) };
  const [total, rows] = await Promise.all([
    db.decision.count({ where }),
    db.decision.findMany({
      where,
      orderBy: [{ effectiveOn: "desc" }, { id: "desc" }],
      skip: (filter.page - 1) * filter.pageSize,
      take: filter.pageSize,
      select: {
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
  const db = opts.db ?? defaultDb;
  const today = opts.today ?? todayInChina();
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
        select: { type: true, reason: true, fromLevel: true, toLevel: true, number: true, effectiveOn: true },
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
  const db = opts.db ?? defaultDb;
  const codes = await db.mine.findMany({ distinct: ["provinceCode"], select: { provinceCode: true } });
  return db.region.findMany({
    where: { code: { in: codes.map((c) => c.provinceCode) } },
    orderBy: { code: "asc" },
    select: { code: true, nameZh: true, nameEn: true },
  });
}

/** Region names for a set of county codes: county · prefecture · province, both languages. */
export async function regionNames(countyCodes: string[], opts: { db?: Db } = {}) {
  const db = opts.db ?? defaultDb;
  const rows = await db.region.findMany({
    where: { code: { in: [...new Set(countyCodes)] } },
    select: {
      code: true,
      nameZh: true,
      nameEn: true,
      parent: { select: { nameZh: true, nameEn: true, parent: { select: { nameZh: true, nameEn: true } } } },
    },
  });
  return new Map(
    rows.map((r) => [r.code, [r.parent?.parent, r.parent, r].filter((x) => x !== null && x !== undefined)]),
  );
}
