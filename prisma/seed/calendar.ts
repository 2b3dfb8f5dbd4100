// China's working-day calendar as reference data: statutory holidays, days off in lieu and make-up
// working days (调休) from the chinese-days package, which tracks the State Council's yearly notices.
// Loading never overwrites a day or a year already in the table: ADMIN's edits (/admin/calendar) win,
// and a newer package release only adds what is new. Used by the demo seed and by setup.
import { createRequire } from "node:module";
import type pg from "pg";

const require = createRequire(import.meta.url);

interface PackageData {
  /** "YYYY-MM-DD" → "English name,中文名,days" */
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

export interface CalendarDayRow {
  date: string;
  kind: "HOLIDAY" | "WORKDAY";
  nameZh: string;
  nameEn: string;
}

/** The package release the rows come from, as recorded in CalendarYear.source. */
export function calendarSource(): string {
  return `chinese-days ${(require("chinese-days/package.json") as { version: string }).version}`;
}

function names(value: string): { nameEn: string; nameZh: string } {
  const [nameEn, nameZh] = value.split(",");
  return { nameEn: nameEn ?? "", nameZh: nameZh ?? nameEn ?? "" };
}

/** Every day the package records, and the years it covers (the first to the last year it has). */
export function calendarRows(): { days: CalendarDayRow[]; years: number[] } {
  const data = require("chinese-days/dist/chinese-days.json") as PackageData;
  const days: CalendarDayRow[] = [
    ...Object.entries(data.holidays).map(([date, v]) => ({ date, kind: "HOLIDAY" as const, ...names(v) })),
    ...Object.entries(data.workdays).map(([date, v]) => ({ date, kind: "WORKDAY" as const, ...names(v) })),
  ].sort((a, b) => a.date.localeCompare(b.date));
  const all = days.map((d) => Number(d.date.slice(0, 4)));
  const years: number[] = [];
  for (let y = Math.min(...all); y <= Math.max(...all); y++) years.push(y);
  return { days, years };
}

/** Adds the package's days and years that the table does not have yet; returns how many of each it added. */
export async function loadCalendar(client: pg.ClientBase): Promise<{ days: number; years: number }> {
  const { days, years } = calendarRows();
  const added = await client.query(
    `INSERT INTO "CalendarDay" (date, kind, "nameZh", "nameEn", "updatedAt")
     SELECT d, k::"CalendarDayKind", z, e, now()
       FROM unnest($1::date[], $2::text[], $3::text[], $4::text[]) AS t(d, k, z, e)
     ON CONFLICT (date) DO NOTHING`,
    [days.map((d) => d.date), days.map((d) => d.kind), days.map((d) => d.nameZh), days.map((d) => d.nameEn)],
  );
  const addedYears = await client.query(
    `INSERT INTO "CalendarYear" (year, source) SELECT y, $2 FROM unnest($1::int[]) AS y ON CONFLICT (year) DO NOTHING`,
    [years, calendarSource()],
  );
  return { days: added.rowCount ?? 0, years: addedYears.rowCount ?? 0 };
}
