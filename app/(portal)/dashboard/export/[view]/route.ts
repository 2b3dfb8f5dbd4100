import { apiError } from "@/lib/server/api";
import type { NextRequest } from "next/server";
import { getLocale } from "next-intl/server";
import { todayInChina } from "@/lib/domain/dates";
import { isDashboardView } from "@/lib/dashboard/tables";
import { isLocale } from "@/lib/i18n/config";
import { pickName } from "@/lib/i18n/pick";
import { translatorFor } from "@/lib/i18n/translator";
import { getCaller } from "@/lib/server/auth/session";
import { buildDashboardExport } from "@/lib/server/dashboard-export";
import { canReadDashboard, dashboardScopeTrail } from "@/lib/server/data/dashboard";
import { httpStatusOf } from "@/lib/server/errors";
import { parseDashboardParams } from "@/lib/validation/dashboard";

export const dynamic = "force-dynamic";

/**
 * GET /dashboard/export/<view>?format=csv|xlsx&scope=&year=&asOf= — one view of the dashboard (headline,
 * share, coverage, decisions, regions; or "all", XLSX only) in the reader's language. The caller's role
 * and scope are checked again here and in every read: a scope outside the jurisdiction is 404, as on the page.
 */
export async function GET(request: NextRequest, { params }: { params: Promise<{ view: string }> }) {
  const caller = await getCaller();
  if (!caller) return new Response(null, { status: 401 });
  const { view } = await params;
  const search = request.nextUrl.searchParams;
  const format = search.get("format") ?? "csv";
  if ((view !== "all" && !isDashboardView(view)) || (format !== "csv" && format !== "xlsx")) {
    return new Response(null, { status: 404 });
  }
  const query: Record<string, string | string[]> = {};
  for (const key of ["scope", "year", "asOf"]) {
    const values = search.getAll(key);
    if (values.length) query[key] = values.length === 1 ? values[0] : values;
  }
  const parsed = parseDashboardParams(query, { jurisdiction: caller.jurisdiction, today: todayInChina() });
  if (!parsed.ok)
    return apiError(400, "invalid_parameters", "Some query parameters are not valid.", [
      { param: "scope,year,asOf", message: "scope: a region prefix; year: a graded year; asOf: a date in it" },
    ]);
  if (!canReadDashboard(caller, parsed.params.scope)) return new Response(null, { status: 404 });
  const requested = await getLocale();
  const locale = isLocale(requested) ? requested : "zh-CN";
  try {
    const trail = await dashboardScopeTrail(caller, parsed.params.scope);
    const last = trail[trail.length - 1];
    const scopeName =
      last.code === "" ? translatorFor(locale)("dashboard.national") : pickName(locale, last.nameZh, last.nameEn);
    const file = await buildDashboardExport(caller, parsed.params, { view, format, locale, scopeName });
    if (!file) return new Response(null, { status: 404 });
    return new Response(new Blob([file.body as Uint8Array<ArrayBuffer>]), {
      headers: {
        "Content-Type": file.contentType,
        "Content-Disposition": `attachment; filename="${file.filename}"`,
        "Cache-Control": "private, no-store",
      },
    });
  } catch (e) {
    // A scope the caller may not read was answered 404 above; what is left is an unknown region (NOT_FOUND).
    const status = httpStatusOf(e);
    if (status === null) throw e;
    return new Response(null, { status });
  }
}
