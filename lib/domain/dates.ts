// Calendar dates as "YYYY-MM-DD" strings: grades, decisions and spot-checks are dated, not timed.

const CHINA_DAY = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" });

/** Today's date in China (Asia/Shanghai), where the grades are announced. */
export function todayInChina(now: Date = new Date()): string {
  return CHINA_DAY.format(now);
}

/** A Prisma @db.Date value (UTC midnight) as "YYYY-MM-DD". */
export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** "YYYY-MM-DD" as the UTC-midnight Date that Prisma stores in a date column. */
export function dateValue(iso: string): Date {
  return new Date(`${iso}T00:00:00.000Z`);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((dateValue(to).getTime() - dateValue(from).getTime()) / 86_400_000);
}

/**
 * "YYYY-MM-DD" naming a real calendar day that PostgreSQL can store (year 0001 or later: it has no
 * year 0). Never throws: "2026-13-01" or "0000-00-00" make an Invalid Date, which is refused here.
 */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || value.startsWith("0000")) return false;
  const date = dateValue(value);
  return !Number.isNaN(date.getTime()) && isoDate(date) === value;
}
