// Calendar dates as "YYYY-MM-DD" strings: grades, decisions and spot-checks are dated, not timed.

/** Today's date in China (Asia/Shanghai), where the grades are announced. */
export function todayInChina(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(now);
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

export function isIsoDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && isoDate(dateValue(value)) === value;
}
