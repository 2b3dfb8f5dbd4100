import "server-only";
import { validateMetricsParams, type MetricsParams } from "@/lib/server/metrics/metrics-params";
import { can } from "@/lib/server/auth/permissions";
import { regionInScope, type Caller } from "@/lib/server/auth/scope";
import type { Db } from "@/lib/server/db";
import { forbidden } from "@/lib/server/errors";
import { scopeFigures } from "@/lib/server/metrics/cached-figures";

/**
 * The metrics of a scope, for a caller who may read it: regulators, officials and administrators,
 * within their jurisdiction. Throws ServiceError FORBIDDEN otherwise; MetricsParamsError for bad input.
 */
export async function metricsFor(caller: Caller, params: MetricsParams, opts: { db?: Db } = {}) {
  if (!can(caller.role, "dashboard.read")) throw forbidden();
  validateMetricsParams(params);
  if (!regionInScope(caller, params.scope)) throw forbidden("scopeOutsideJurisdiction");
  // Only now, the reader checked: the cached figures of the scope (lib/server/metrics/cached-figures.ts).
  return scopeFigures("metrics", params, opts.db);
}
