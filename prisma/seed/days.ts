// Dates in the seed are integer day numbers (days since 1970-01-01, UTC), written as YYYY-MM-DD.

const MS_PER_DAY = 86_400_000;

export function day(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new RangeError(`Not a YYYY-MM-DD date: ${iso}`);
  return Math.round(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / MS_PER_DAY);
}

const isoCache = new Map<number, string>();

export function iso(d: number): string {
  let s = isoCache.get(d);
  if (s === undefined) {
    s = new Date(d * MS_PER_DAY).toISOString().slice(0, 10);
    isoCache.set(d, s);
  }
  return s;
}

/** A timestamp (TIMESTAMP(3) without time zone) on day d at the given hour and minute. */
export function stamp(d: number, hour = 9, minute = 0): string {
  return `${iso(d)} ${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}:00`;
}

const ymdCache = new Map<number, { y: number; m: number; dd: number }>();

export function ymd(d: number): { y: number; m: number; dd: number } {
  let v = ymdCache.get(d);
  if (v === undefined) {
    const dt = new Date(d * MS_PER_DAY);
    v = { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, dd: dt.getUTCDate() };
    ymdCache.set(d, v);
  }
  return v;
}

export function yearOf(d: number): number {
  return ymd(d).y;
}

export function yearStart(y: number): number {
  return Math.round(Date.UTC(y, 0, 1) / MS_PER_DAY);
}

export function yearEnd(y: number): number {
  return Math.round(Date.UTC(y, 11, 31) / MS_PER_DAY);
}

export function dayOf(y: number, m: number, dd: number): number {
  return Math.round(Date.UTC(y, m - 1, dd) / MS_PER_DAY);
}

/** Adds calendar months, clamping the day to the target month (2020-01-31 + 1 month = 2020-02-29). */
const addMonthsCache = new Map<number, number>();

export function addMonths(d: number, months: number): number {
  const key = d * 4096 + months + 2048;
  const cached = addMonthsCache.get(key);
  if (cached !== undefined) return cached;
  const { y, m, dd } = ymd(d);
  const index = y * 12 + (m - 1) + months;
  const ny = Math.floor(index / 12);
  const nm = index - ny * 12 + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  const result = dayOf(ny, nm, Math.min(dd, last));
  addMonthsCache.set(key, result);
  return result;
}

export function addYears(d: number, years: number): number {
  return addMonths(d, years * 12);
}
