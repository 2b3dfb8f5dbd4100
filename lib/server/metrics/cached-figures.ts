import "server-only";
import { cacheable, cacheEntry, cacheGuard, checkCacheGuard, TAGS } from "@/lib/server/cache/tags";
import { db as defaultDb, type Db } from "@/lib/server/db";
import { coverageSeries, type CoveragePoint } from "./coverage-series";
import { decisionSeries, type DecisionPoint } from "./decision-series";
import type { Metrics, MetricsParams } from "./metrics-params";
import { computeMetrics } from "./metrics-sql";
import { regionComparison, type RegionMetrics } from "./region-comparison";
import { shareSeries, type SharePoint } from "./share-series";
import { fromCache } from "@/lib/server/http/database-lost";

// The figures of a scope are the same for every reader who may read the scope, so they are cached
// per (scope, year, asOf): the arguments are those three plain values and nothing else (never the
// caller, whose right to read the scope lib/server/data/{metrics,dashboard}.ts checks BEFORE asking).
// Tagged with the scope's region (a write in a county expires the county's, its prefecture's, its
// province's and the nation's figures) and "metrics" (a write that reaches every scope).
// A test's own database (opts.db other than the app's) is read directly, uncached.

type Figures = {
  metrics: Metrics;
  share: SharePoint[];
  coverage: CoveragePoint[];
  decisions: DecisionPoint[];
  regions: RegionMetrics[];
};

const compute: { [K in keyof Figures]: (db: Db, p: MetricsParams) => Promise<Figures[K]> } = {
  metrics: computeMetrics,
  share: shareSeries,
  coverage: coverageSeries,
  decisions: decisionSeries,
  regions: regionComparison,
};

async function cachedMetrics(guard: string, scope: string, year: number, asOf: string): Promise<Metrics> {
  "use cache";
  checkCacheGuard(guard);
  cacheEntry("figures", TAGS.metrics, TAGS.region(scope));
  return computeMetrics(defaultDb, { scope, year, asOf });
}

async function cachedShare(guard: string, scope: string, year: number, asOf: string): Promise<SharePoint[]> {
  "use cache";
  checkCacheGuard(guard);
  cacheEntry("figures", TAGS.metrics, TAGS.region(scope));
  return shareSeries(defaultDb, { scope, year, asOf });
}

async function cachedCoverage(guard: string, scope: string, year: number, asOf: string): Promise<CoveragePoint[]> {
  "use cache";
  checkCacheGuard(guard);
  cacheEntry("figures", TAGS.metrics, TAGS.region(scope));
  return coverageSeries(defaultDb, { scope, year, asOf });
}

async function cachedDecisions(guard: string, scope: string, year: number, asOf: string): Promise<DecisionPoint[]> {
  "use cache";
  checkCacheGuard(guard);
  cacheEntry("figures", TAGS.metrics, TAGS.region(scope));
  return decisionSeries(defaultDb, { scope, year, asOf });
}

/** The comparison's rows lie below the scope, so the scope's own tag covers every one of them. */
async function cachedRegions(guard: string, scope: string, year: number, asOf: string): Promise<RegionMetrics[]> {
  "use cache";
  checkCacheGuard(guard);
  cacheEntry("figures", TAGS.metrics, TAGS.region(scope));
  return regionComparison(defaultDb, { scope, year, asOf });
}

const cached: {
  [K in keyof Figures]: (guard: string, scope: string, year: number, asOf: string) => Promise<Figures[K]>;
} = {
  metrics: cachedMetrics,
  share: cachedShare,
  coverage: cachedCoverage,
  decisions: cachedDecisions,
  regions: cachedRegions,
};

/**
 * One kind of figures of a scope. The caller has checked the reader may read `p.scope` and has
 * validated `p`; only the three plain values reach the cache key.
 */
export function scopeFigures<K extends keyof Figures>(kind: K, p: MetricsParams, db?: Db): Promise<Figures[K]> {
  if (!cacheable(db)) return compute[kind](db!, { scope: p.scope, year: p.year, asOf: p.asOf });
  return fromCache(cached[kind](cacheGuard(), p.scope, p.year, p.asOf));
}
