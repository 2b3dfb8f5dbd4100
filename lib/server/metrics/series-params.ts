// What a dashboard series is asked for. A point for year Y of a series asked for (scope, asOf, year)
// is computeMetrics({ scope, year: Y, asOf: min(Y-12-31, asOf) }): the snapshot on 31 December of
// past years and on asOf in the last year; coverage and decisions over the year clipped to asOf
// (metricsPeriod). Each chart's series is one set-based SQL statement (share-series.ts,
// coverage-series.ts, decision-series.ts); tests/integration/dashboard.test.ts proves that every
// point equals computeMetrics for the same scope, year and date.
import { FIRST_SERIES_YEAR, seriesYears as yearsFrom } from "@/lib/domain/series";
import { metricsPeriod, validateMetricsParams, type MetricsParams } from "./metrics-params";

export interface SeriesParams extends MetricsParams {
  /** First year of the series; FIRST_SERIES_YEAR when omitted. */
  from?: number;
}

/** The years of a series, after checking its parameters. */
export function seriesYears(p: SeriesParams): number[] {
  validateMetricsParams(p);
  const from = p.from ?? FIRST_SERIES_YEAR;
  if (!Number.isInteger(from) || from > p.year) throw new RangeError(`from must be a year ≤ ${p.year}: ${from}`);
  return yearsFrom(from, p.year);
}

/** The non-empty periods (metricsPeriod) of the years, as of asOf. */
export function seriesPeriods(years: number[], asOf: string): { year: number; from: string; to: string }[] {
  return years.flatMap((y) => {
    const period = metricsPeriod(y, asOf);
    return period ? [{ year: y, ...period }] : [];
  });
}
