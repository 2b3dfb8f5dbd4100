// Working days as China counts them: Monday to Friday, except statutory holidays (法定节假日) and days off
// in lieu, plus the weekend days worked in exchange (调休). The calendar is data (the CalendarDay and
// CalendarYear tables, seeded from the chinese-days package and edited by ADMIN); these functions only
// read it. In a year the calendar does not cover, the holidays are not known: the count falls back to
// Monday to Friday and `uncoveredYears` says which years those were, so the portal can warn instead of
// silently guessing.
import { dateValue, isIsoDate, isoDate } from "./dates";

export interface WorkingCalendar {
  /** Dates (YYYY-MM-DD) that are not working days although they fall Monday to Friday (or any day). */
  holidays: ReadonlySet<string>;
  /** Weekend dates that are working days (调休). */
  workdays: ReadonlySet<string>;
  /** Years whose holidays and make-up days are all recorded. */
  coveredYears: ReadonlySet<number>;
}

/** No calendar at all: Monday to Friday, every year uncovered. */
export const NO_CALENDAR: WorkingCalendar = { holidays: new Set(), workdays: new Set(), coveredYears: new Set() };

/** Refuses anything but a real YYYY-MM-DD date, naming what it was. */
export function assertDate(value: string, what: string): void {
  if (typeof value !== "string" || !isIsoDate(value))
    throw new RangeError(`${what} is not a YYYY-MM-DD date: ${value}`);
}

/** Whether `date` is a working day: a make-up day always is, a holiday never is, else Monday to Friday. */
export function isWorkingDay(date: string, calendar: WorkingCalendar): boolean {
  if (calendar.workdays.has(date)) return true;
  if (calendar.holidays.has(date)) return false;
  const day = dateValue(date).getUTCDay();
  return day !== 0 && day !== 6;
}

/** The date `n` working days after `date` (n = 0 gives `date` itself, also on a day off). */
export function addWorkingDays(date: string, n: number, calendar: WorkingCalendar = NO_CALENDAR): string {
  assertDate(date, "date");
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`Working days must be a non-negative integer: ${n}`);
  let t = dateValue(date).getTime();
  let left = n;
  while (left > 0) {
    t += 86_400_000;
    if (isWorkingDay(isoDate(new Date(t)), calendar)) left--;
  }
  return isoDate(new Date(t));
}

/** The years from `from` to `to` (inclusive) that the calendar does not cover, in order. */
export function uncoveredYears(from: string, to: string, calendar: WorkingCalendar): number[] {
  assertDate(from, "from");
  assertDate(to, "to");
  const out: number[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++)
    if (!calendar.coveredYears.has(y)) out.push(y);
  return out;
}
