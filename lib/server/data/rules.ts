import "server-only";
import type { AccidentClass, Level, RuleSet } from "@/lib/domain/rules";
import { isLevel } from "@/lib/domain/application-workflow";
import { isoDate } from "@/lib/domain/dates";
import { cacheable, cacheEntry, cacheGuard, checkCacheGuard, TAGS } from "@/lib/server/cache/tags";
import { db as defaultDb, type DbOrTx } from "@/lib/server/db";
import { fromCache } from "@/lib/server/http/database-lost";

const include = {
  parts: { orderBy: { sortOrder: "asc" } },
  elements: { orderBy: { sortOrder: "asc" } },
  thresholds: true,
  vetoes: true,
  consequences: { orderBy: { id: "asc" } },
  basicConditions: { orderBy: { sortOrder: "asc" } },
  sources: true,
} as const;

/** Drafts (publishedAt null) never grade anything. */
const published = { publishedAt: { not: null } } as const;

type Row = NonNullable<Awaited<ReturnType<typeof loadRow>>>;

function loadRow(db: DbOrTx, where: { id: number } | { code: string }) {
  return db.ruleVersion.findFirst({ where: { ...where, ...published }, include });
}

function toRuleSet(v: Row): RuleSet {
  return ruleSetOfRows(v, {
    basicConditions: v.basicConditions.map(({ code, textZh, textEn, source, status }) => ({
      code,
      textZh,
      textEn,
      source,
      status,
    })),
    consequences: v.consequences.map((c) => ({
      provinceCode: c.provinceCode,
      fromLevel: c.fromLevel as Level,
      trigger: c.trigger,
      toLevel: isLevel(c.toLevel) ? c.toLevel : null,
      effectiveFromEvent: c.effectiveFromEvent,
      source: c.source,
      status: c.status,
    })),
    sources: Object.fromEntries(v.sources.map((s) => [s.parameter, { source: s.source, status: s.status }])),
  });
}

/** The columns and child rows of a stored rule version (published or draft) that the engine's shape takes. */
type StoredRuleRows = Pick<
  Row,
  | "code"
  | "nameZh"
  | "nameEn"
  | "documentNo"
  | "effectiveFrom"
  | "validityYears"
  | "publicNoticeDays"
  | "placeholderWeights"
  | "hiddenDangerWindowMonths"
  | "stoppedMonthsLimit"
  | "gradeRequiredToProduce"
  | "level1ShiftHeadcountCap"
  | "directExtension"
  | "directExtensionWindowMonths"
  | "parts"
  | "elements"
  | "thresholds"
  | "vetoes"
>;

/** A stored rule version in the engine's shape; the caller adds what it read besides (or [] where unread). */
export function ruleSetOfRows(
  v: StoredRuleRows,
  rest: Pick<RuleSet, "basicConditions" | "consequences" | "sources">,
): RuleSet {
  return {
    code: v.code,
    nameZh: v.nameZh,
    nameEn: v.nameEn,
    documentNo: v.documentNo,
    effectiveFrom: isoDate(v.effectiveFrom),
    validityYears: v.validityYears,
    publicNoticeDays: v.publicNoticeDays,
    placeholderWeights: v.placeholderWeights,
    hiddenDangerWindowMonths: v.hiddenDangerWindowMonths,
    stoppedMonthsLimit: v.stoppedMonthsLimit,
    gradeRequiredToProduce: v.gradeRequiredToProduce,
    level1ShiftHeadcountCap: v.level1ShiftHeadcountCap,
    directExtension: v.directExtension,
    directExtensionWindowMonths: v.directExtensionWindowMonths,
    parts: v.parts.map((p) => ({ code: p.code, nameZh: p.nameZh, nameEn: p.nameEn })),
    elements: v.elements.map((e) => ({
      mineType: e.mineType,
      code: e.code,
      partCode: e.partCode,
      nameZh: e.nameZh,
      nameEn: e.nameEn,
      weight: Number(e.weight),
    })),
    thresholds: v.thresholds.map((t) => ({
      level: t.level as Level,
      partCode: t.partCode,
      elementCode: t.elementCode,
      minScore: Number(t.minScore),
    })),
    vetoes: v.vetoes.map((t) => ({
      level: t.level as Level,
      kind: t.kind,
      accidentClass: t.accidentClass as AccidentClass | null,
      windowMonths: t.windowMonths,
    })),
    ...rest,
  };
}

/** A published rule version from the database in the engine's shape, with its id (a draft: null). */
export async function loadRuleSet(where: { id: number } | { code: string }, opts: { db?: DbOrTx } = {}) {
  if (cacheable(opts.db))
    return fromCache(cachedRuleSet(cacheGuard(), "id" in where ? { id: where.id } : { code: where.code }));
  return readRuleSet(opts.db!, where);
}

// Published rule versions change only by publishing one (tag "rules"): cached outside transactions.
async function cachedRuleSet(guard: string, where: { id: number } | { code: string }) {
  "use cache";
  checkCacheGuard(guard);
  cacheEntry("reference", TAGS.rules);
  return readRuleSet(defaultDb, where);
}

async function readRuleSet(db: DbOrTx, where: { id: number } | { code: string }) {
  const row = await loadRow(db, where);
  return row ? { id: row.id, rules: toRuleSet(row) } : null;
}

/** The published rule version in force on a date (the latest effectiveFrom on or before it). */
export async function ruleSetOn(date: string, opts: { db?: DbOrTx } = {}) {
  return cacheable(opts.db) ? fromCache(cachedRuleSetOn(cacheGuard(), date)) : readRuleSetOn(opts.db!, date);
}

async function cachedRuleSetOn(guard: string, date: string) {
  "use cache";
  checkCacheGuard(guard);
  cacheEntry("reference", TAGS.rules);
  return readRuleSetOn(defaultDb, date);
}

async function readRuleSetOn(db: DbOrTx, date: string) {
  const row = await db.ruleVersion.findFirst({
    where: { effectiveFrom: { lte: new Date(`${date}T00:00:00Z`) }, ...published },
    orderBy: { effectiveFrom: "desc" },
    include,
  });
  return row ? { id: row.id, rules: toRuleSet(row) } : null;
}

/** Every published rule version, oldest first, in the engine's shape (small: a few versions of ~25 elements). */
export async function allRuleSets(opts: { db?: DbOrTx } = {}): Promise<RuleSet[]> {
  return cacheable(opts.db) ? fromCache(cachedAllRuleSets(cacheGuard())) : readAllRuleSets(opts.db!);
}

async function cachedAllRuleSets(guard: string): Promise<RuleSet[]> {
  "use cache";
  checkCacheGuard(guard);
  cacheEntry("reference", TAGS.rules);
  return readAllRuleSets(defaultDb);
}

async function readAllRuleSets(db: DbOrTx): Promise<RuleSet[]> {
  const rows = await db.ruleVersion.findMany({ where: published, include, orderBy: { effectiveFrom: "asc" } });
  return rows.map(toRuleSet);
}
