// Which dates a dashboard series evaluates the metric definitions on (pure; no I/O).

/** The first year the demo data, the charts and the dashboard cover. */
export const FIRST_SERIES_YEAR = 2018;

/** The snapshot date of year Y's point in a series as of asOf: 31 December, or asOf when that comes first. */
export function seriesDay(year: number, asOf: string): string {
  const end = `${String(year).padStart(4, "0")}-12-31`;
  return asOf < end ? asOf : end;
}

/** The years of a series: from..year. */
export function seriesYears(from: number, year: number): number[] {
  const years: number[] = [];
  for (let y = from; y <= year; y++) years.push(y);
  return years;
}
