import "server-only";
import { cache } from "react";
import { todayInChina } from "@/lib/domain/dates";
import { can } from "@/lib/server/auth/permissions";
import type { Caller } from "@/lib/server/auth/scope";
import { requireCaller } from "@/lib/server/auth/session";
import { canReadDashboard, dashboardScopeTrail, type ScopeStep } from "@/lib/server/data/dashboard";
import { ServiceError } from "@/lib/server/errors";
import { parseDashboardParams, type DashboardParams } from "@/lib/validation/dashboard";

export type SearchParams = Record<string, string | string[] | undefined>;

export interface ResolvedDashboard {
  caller: Caller;
  params: DashboardParams;
  asOfAdjusted: boolean;
  trail: ScopeStep[];
  today: string;
}

// Once per request for the page and its sections slot alike (keyed by the query's text).
const resolveQuery = cache(async (query: string): Promise<ResolvedDashboard | null> => {
  const caller = await requireCaller();
  if (!can(caller.role, "dashboard.read")) return null;
  const today = todayInChina();
  const parsed = parseDashboardParams(JSON.parse(query) as SearchParams, { jurisdiction: caller.jurisdiction, today });
  if (!parsed.ok || !canReadDashboard(caller, parsed.params.scope)) return null;
  try {
    const trail = await dashboardScopeTrail(caller, parsed.params.scope);
    return { caller, params: parsed.params, asOfAdjusted: parsed.asOfAdjusted, trail, today };
  } catch (e) {
    if (e instanceof ServiceError) return null;
    throw e;
  }
});

/**
 * The caller and the dashboard's state from the URL, or null when the page must be a 404: no
 * dashboard.read, malformed parameters, a scope outside the jurisdiction or naming no region.
 */
export function resolveDashboard(searchParams: SearchParams): Promise<ResolvedDashboard | null> {
  const entries = Object.entries(searchParams)
    .filter(([k]) => k === "scope" || k === "year" || k === "asOf")
    .sort(([a], [b]) => a.localeCompare(b));
  return resolveQuery(JSON.stringify(Object.fromEntries(entries)));
}
