import "server-only";
import { dateValue, isoDate, todayInChina } from "@/lib/domain/dates";
import { lastValidDay } from "@/lib/domain/grade-validity";
import type { Caller } from "@/lib/server/auth/scope";
import { cacheable, cacheEntry, cacheGuard, checkCacheGuard, TAGS } from "@/lib/server/cache/tags";
import { db as defaultDb, type Db } from "@/lib/server/db";
import { getSpotCheckDetail } from "./spot-check-detail";
import { fromCache } from "@/lib/server/http/database-lost";

// The data of the official documents (issue 15.4): a decision letter (处理决定书), a grade
// announcement (公告) and a spot-check report (抽查报告). Each is read with exactly the reach of the
// record it prints:
// - a decision letter exists only for a CONFIRMED decision, and confirmed decisions are public
//   (product.md: the public reads final decisions; /register/decisions lists them all), so it is the
//   same for every reader and cached like the register, tagged with the mine (a write to it expires
//   the entry) and the register;
// - an announcement lists the grades announced under one number up to today (announced grades are
//   public), cached the same way;
// - a spot-check report is the scoped spot-check detail (getSpotCheckDetail: the mine in the
//   caller's scope, a draft never shown to a manager), so it is read per caller and not cached.

const regionSelect = {
  nameZh: true,
  nameEn: true,
  parent: { select: { nameZh: true, nameEn: true, parent: { select: { nameZh: true, nameEn: true } } } },
} as const;

type RegionName = { nameZh: string; nameEn: string | null };
type RegionRow = RegionName & { parent: (RegionName & { parent: RegionName | null }) | null };

/** Province · prefecture · county, outermost first (the Chinese name where a region has no English one). */
function regionPath(r: RegionRow): { nameZh: string; nameEn: string }[] {
  return [r.parent?.parent, r.parent, r]
    .filter((x): x is RegionName => Boolean(x))
    .map((x) => ({ nameZh: x.nameZh, nameEn: x.nameEn ?? x.nameZh }));
}

/** A decision id from a URL segment: digits only, else nothing. */
export function parseDocumentId(raw: string): number | null {
  if (!/^\d{1,9}$/.test(raw)) return null;
  const id = Number(raw);
  return id > 0 ? id : null;
}

// ------------------------------------------------------------------------------------------------
// Decision letter

/** The letter of a confirmed decision, or null (unknown, proposed or withdrawn). */
export async function decisionLetterData(id: number, opts: { db?: Db } = {}) {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  return cacheable(opts.db) ? fromCache(cachedDecisionLetter(cacheGuard(), id)) : readDecisionLetter(opts.db!, id);
}

async function cachedDecisionLetter(guard: string, id: number) {
  "use cache";
  checkCacheGuard(guard);
  const letter = await readDecisionLetter(defaultDb, id);
  cacheEntry("register", TAGS.register, ...(letter ? [TAGS.mine(letter.mine.code)] : []));
  return letter;
}

async function readDecisionLetter(db: Db, id: number) {
  const d = await db.decision.findFirst({
    where: { id, status: "CONFIRMED" },
    select: {
      id: true,
      type: true,
      reason: true,
      fromLevel: true,
      toLevel: true,
      number: true,
      legalBasis: true,
      effectiveOn: true,
      decidedAt: true,
      authority: { select: { nameZh: true, nameEn: true } },
      mine: {
        select: {
          code: true,
          name: true,
          nameEn: true,
          enterprise: { select: { name: true, nameEn: true } },
          county: { select: regionSelect },
        },
      },
      grade: {
        select: {
          level: true,
          announcementNo: true,
          announcedOn: true,
          authority: { select: { nameZh: true, nameEn: true } },
          ruleVersion: { select: { nameZh: true, nameEn: true, documentNo: true } },
        },
      },
    },
  });
  if (!d) return null;
  return {
    id: d.id,
    type: d.type,
    reason: d.reason,
    fromLevel: d.fromLevel,
    toLevel: d.toLevel,
    number: d.number,
    legalBasis: d.legalBasis,
    effectiveOn: d.effectiveOn ? isoDate(d.effectiveOn) : null,
    decidedOn: d.decidedAt ? todayInChina(d.decidedAt) : null,
    authority: d.authority ?? d.grade.authority,
    mine: {
      code: d.mine.code,
      name: d.mine.name,
      nameEn: d.mine.nameEn,
      enterprise: d.mine.enterprise,
      region: regionPath(d.mine.county),
    },
    grade: {
      level: d.grade.level,
      announcementNo: d.grade.announcementNo,
      announcedOn: isoDate(d.grade.announcedOn),
    },
    ruleVersion: d.grade.ruleVersion,
  };
}

export type DecisionLetterData = NonNullable<Awaited<ReturnType<typeof readDecisionLetter>>>;

// ------------------------------------------------------------------------------------------------
// Grade announcement

/** The grades announced under one number up to today, or null when there is none. */
export async function announcementData(number: string, opts: { db?: Db; today?: string } = {}) {
  const today = opts.today ?? todayInChina();
  // A number with a control character (a NUL, which PostgreSQL refuses in text) names no announcement.
  if (number.length === 0 || number.length > 200 || /[\u0000-\u001f]/.test(number)) return null;
  return cacheable(opts.db)
    ? fromCache(cachedAnnouncement(cacheGuard(), number, today))
    : readAnnouncement(opts.db!, number, today);
}

async function cachedAnnouncement(guard: string, number: string, today: string) {
  "use cache";
  checkCacheGuard(guard);
  cacheEntry("register", TAGS.register);
  return readAnnouncement(defaultDb, number, today);
}

async function readAnnouncement(db: Db, number: string, today: string) {
  const rows = await db.grade.findMany({
    where: { announcementNo: number, announcedOn: { lte: dateValue(today) } },
    orderBy: [{ level: "asc" }, { mine: { code: "asc" } }, { id: "asc" }],
    select: {
      level: true,
      announcedOn: true,
      validUntil: true,
      authority: { select: { nameZh: true, nameEn: true } },
      ruleVersion: { select: { nameZh: true, nameEn: true, documentNo: true } },
      fromDecision: { select: { legalBasis: true } },
      mine: {
        select: {
          code: true,
          name: true,
          nameEn: true,
          enterprise: { select: { name: true, nameEn: true } },
          county: { select: regionSelect },
        },
      },
    },
  });
  if (rows.length === 0) return null;
  const first = rows[0];
  return {
    number,
    announcedOn: rows.map((r) => isoDate(r.announcedOn)).sort()[0],
    authority: first.authority,
    ruleVersion: first.ruleVersion,
    legalBasis: first.fromDecision?.legalBasis ?? null,
    items: rows.map((r) => ({
      level: r.level,
      validFrom: isoDate(r.announcedOn),
      validUntil: lastValidDay(r.validUntil),
      mine: {
        code: r.mine.code,
        name: r.mine.name,
        nameEn: r.mine.nameEn,
        enterprise: r.mine.enterprise,
        region: regionPath(r.mine.county),
      },
    })),
  };
}

export type AnnouncementData = NonNullable<Awaited<ReturnType<typeof readAnnouncement>>>;

// ------------------------------------------------------------------------------------------------
// Spot-check report

/** The caller's view of one spot-check (getSpotCheckDetail's scope), with its rule version's document. */
export async function spotCheckReportData(
  caller: Caller,
  mineCode: string,
  spotCheckId: number,
  opts: { db?: Db; today?: string } = {},
) {
  const detail = await getSpotCheckDetail(caller, mineCode, spotCheckId, opts);
  if (!detail) return null;
  const db = opts.db ?? defaultDb;
  const rule = await db.ruleVersion.findUnique({
    where: { id: detail.spotCheck.ruleVersion.id },
    select: { nameZh: true, nameEn: true, documentNo: true },
  });
  return { ...detail, rule };
}

export type SpotCheckReportData = NonNullable<Awaited<ReturnType<typeof spotCheckReportData>>>;
