import type { NextRequest } from "next/server";
import { todayInChina } from "@/lib/domain/dates";
import { apiError, parseQuery } from "@/lib/server/api";
import { getCaller } from "@/lib/server/auth/session";
import { metricsFor } from "@/lib/server/data/metrics";
import { httpStatusOf } from "@/lib/server/errors";
import { metricsQuery } from "@/lib/validation/metrics-api";

export const dynamic = "force-dynamic";

/** Standardization metrics for a scope (signed in; a scope outside the caller's jurisdiction is 403). */
export async function GET(request: NextRequest) {
  const caller = await getCaller();
  if (!caller) return apiError(401, "unauthenticated", "Sign in to read metrics.");
  const parsed = parseQuery(request.nextUrl.searchParams, metricsQuery);
  if (!parsed.ok) return parsed.response;
  const asOf = parsed.data.asOf ?? todayInChina();
  const year = parsed.data.year ?? Number(asOf.slice(0, 4));
  try {
    const metrics = await metricsFor(caller, { scope: parsed.data.scope, asOf, year });
    return Response.json(metrics, { headers: { "Cache-Control": "private, no-store" } });
  } catch (e) {
    // metricsFor refuses only a caller who may not read the scope (FORBIDDEN).
    const status = httpStatusOf(e);
    if (status === null) throw e;
    return apiError(status, "forbidden", "This scope is outside your jurisdiction.", [
      { param: "scope", message: "outside your jurisdiction" },
    ]);
  }
}
