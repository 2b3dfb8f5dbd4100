import "server-only";
import { isoDate } from "@/lib/domain/dates";
import type { WorkingCalendar } from "@/lib/domain/working-days";
import { cacheable, cacheEntry, cacheGuard, checkCacheGuard, TAGS } from "@/lib/server/cache/tags";
import { db as defaultDb, type DbOrTx } from "@/lib/server/db";
import { fromCache } from "@/lib/server/http/database-lost";

/**
 * China's working-day calendar as the table holds it (a few hundred rows: read whole). Not scoped: the
 * calendar is public knowledge, and only ADMIN changes it.
 */
export async function loadWorkingCalendar(opts: { db?: DbOrTx } = {}): Promise<WorkingCalendar> {
  return cacheable(opts.db) ? fromCache(cachedWorkingCalendar(cacheGuard())) : readWorkingCalendar(opts.db!);
}

/** Cached outside transactions, tagged "reference": the calendar's writes expire it. */
async function cachedWorkingCalendar(guard: string): Promise<WorkingCalendar> {
  "use cache";
  checkCacheGuard(guard);
  cacheEntry("reference", TAGS.reference);
  return readWorkingCalendar(defaultDb);
}

async function readWorkingCalendar(db: DbOrTx): Promise<WorkingCalendar> {
  const [days, years] = await Promise.all([
    db.calendarDay.findMany({ select: { date: true, kind: true } }),
    db.calendarYear.findMany({ select: { year: true } }),
  ]);
  return {
    holidays: new Set(days.filter((d) => d.kind === "HOLIDAY").map((d) => isoDate(d.date))),
    workdays: new Set(days.filter((d) => d.kind === "WORKDAY").map((d) => isoDate(d.date))),
    coveredYears: new Set(years.map((y) => y.year)),
  };
}

/** The calendar's days of one year and whether the year is covered, for the admin page. */
export async function calendarYear(year: number, opts: { db?: DbOrTx } = {}) {
  const db = opts.db ?? defaultDb;
  const from = new Date(Date.UTC(year, 0, 1));
  const to = new Date(Date.UTC(year + 1, 0, 1));
  const [days, covered, years] = await Promise.all([
    db.calendarDay.findMany({ where: { date: { gte: from, lt: to } }, orderBy: { date: "asc" } }),
    db.calendarYear.findUnique({ where: { year } }),
    db.calendarYear.findMany({ orderBy: { year: "asc" } }),
  ]);
  return {
    year,
    covered,
    years,
    days: days.map((d) => ({ ...d, date: isoDate(d.date) })),
  };
}
