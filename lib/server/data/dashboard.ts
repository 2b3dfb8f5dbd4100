import "server-only";
import { regionPath } from "@/lib/domain/region-code";
import { can } from "@/lib/server/auth/permissions";
import { regionInScope, type Caller } from "@/lib/server/auth/scope";
import { db as defaultDb, type Db } from "@/lib/server/db";
import { forbidden, notFound } from "@/lib/server/errors";
import { metricsFor } from "@/lib/server/data/metrics";
import { scopeFigures } from "@/lib/server/metrics/cached-figures";
import type { CoveragePoint } from "@/lib/server/metrics/coverage-series";
import type { DecisionPoint } from "@/lib/server/metrics/decision-series";
import type { Metrics } from "@/lib/server/metrics/metrics-params";
import type { RegionMetrics } from "@/lib/server/metrics/region-comparison";
import type { SharePoint } from "@/lib/server/metrics/share-series";
import type { DashboardParams } from "@/lib/validation/dashboard";

// The dashboard's reads. Each one checks the caller again (role and jurisdiction), so a section,
// an export or a test that calls it directly gets the same answer as the page: FORBIDDEN outside it.
// Only after the check do they read the scope's cached figures (lib/server/metrics/cached-figures.ts).

type Opts = { db?: Db };

/** Whether the caller may read the dashboard of this scope: dashboard.read and the scope inside the jurisdiction. */
export function canReadDashboard(caller: Caller, scope: string): boolean {
  return can(caller.role, "dashboard.read") && regionInScope(caller, scope);
}

function check(caller: Caller, scope: string): void {
  if (!canReadDashboard(caller, scope)) throw forbidden("scopeOutsideJurisdiction");
}

export interface ScopeStep {
  code: string;
  nameZh: string;
  nameEn: string | null;
  /** The caller may open this step's dashboard (it lies inside the jurisdiction). */
  readable: boolean;
}

/**
 * The regions from the nation down to the scope (national first, code ""), for the breadcrumb.
 * NOT_FOUND when the scope names no region; FORBIDDEN outside the caller's jurisdiction.
 */
export async function dashboardScopeTrail(caller: Caller, scope: string, opts: Opts = {}): Promise<ScopeStep[]> {
  check(caller, scope);
  const db = opts.db ?? defaultDb;
  const codes = regionPath(scope);
  const regions = codes.length
    ? await db.region.findMany({ where: { code: { in: codes } }, select: { code: true, nameZh: true, nameEn: true } })
    : [];
  if (regions.length !== codes.length) throw notFound();
  const byCode = new Map(regions.map((r) => [r.code, r]));
  return [
    // The nation has no Region row; the page names it from the catalogue.
    { code: "", nameZh: "", nameEn: null, readable: regionInScope(caller, "") },
    ...codes.map((code) => ({ ...byCode.get(code)!, readable: regionInScope(caller, code) })),
  ];
}

/** The headline figures: computeMetrics itself, behind the same check as the metrics API. */
export function dashboardHeadline(caller: Caller, p: DashboardParams, opts: Opts = {}): Promise<Metrics> {
  return metricsFor(caller, { scope: p.scope, asOf: p.asOf, year: p.year }, opts);
}

export async function dashboardShareSeries(caller: Caller, p: DashboardParams, opts: Opts = {}): Promise<SharePoint[]> {
  check(caller, p.scope);
  return scopeFigures("share", p, opts.db);
}

export async function dashboardCoverageSeries(
  caller: Caller,
  p: DashboardParams,
  opts: Opts = {},
): Promise<CoveragePoint[]> {
  check(caller, p.scope);
  return scopeFigures("coverage", p, opts.db);
}

export async function dashboardDecisionSeries(
  caller: Caller,
  p: DashboardParams,
  opts: Opts = {},
): Promise<DecisionPoint[]> {
  check(caller, p.scope);
  return scopeFigures("decisions", p, opts.db);
}

/** The regions one level below the scope, each with its metrics; only regions inside the jurisdiction. */
export async function dashboardRegions(caller: Caller, p: DashboardParams, opts: Opts = {}): Promise<RegionMetrics[]> {
  check(caller, p.scope);
  const rows = await scopeFigures("regions", p, opts.db);
  // Every region below a readable scope is readable today; filtering keeps it so if the scope rule changes.
  return rows.filter((r) => regionInScope(caller, r.scope));
}

export interface DashboardData {
  headline: Metrics;
  share: SharePoint[];
  coverage: CoveragePoint[];
  decisions: DecisionPoint[];
  regions: RegionMetrics[];
}

/** Everything the page shows, at once (for exports of every view and for tests). */
export async function dashboardData(caller: Caller, p: DashboardParams, opts: Opts = {}): Promise<DashboardData> {
  const [headline, share, coverage, decisions, regions] = await Promise.all([
    dashboardHeadline(caller, p, opts),
    dashboardShareSeries(caller, p, opts),
    dashboardCoverageSeries(caller, p, opts),
    dashboardDecisionSeries(caller, p, opts),
    dashboardRegions(caller, p, opts),
  ]);
  return { headline, share, coverage, decisions, regions };
}
