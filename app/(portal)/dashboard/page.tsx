import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { FIRST_SERIES_YEAR, seriesYears } from "@/lib/domain/series";
import { isYearToDate } from "@/lib/domain/year-to-date";
import { getDisplayFormat } from "@/lib/i18n/display";
import { pickName } from "@/lib/i18n/pick";
import type { ScopeStep } from "@/lib/server/data/dashboard";
import { dashboardQuery } from "@/lib/validation/dashboard";
import { resolveDashboard, type SearchParams } from "./resolve";
import { ExportLinks } from "./sections";

/** The registry of the scope, as of the dashboard's date (and with its year, for the way back). */
function mineListHref(params: { scope: string; year: number; asOf: string }): string {
  const query = new URLSearchParams({
    ...(params.scope ? { region: params.scope } : {}),
    year: String(params.year),
    asOf: params.asOf,
  });
  return `/mines?${query}`;
}

export async function generateMetadata() {
  const t = await getTranslations("dashboard");
  return { title: t("title") };
}

// Regulators, officials and administrators: the figures of their jurisdiction, drilled down by region.
// This page is the frame (where, which year, downloads); the figures stream in the @sections slot.
// Everything that decides between the dashboard and a 404 (role, parameters, scope) is settled here,
// outside any Suspense boundary, so that the 404 is a real one.
export default async function DashboardPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const resolved = await resolveDashboard(await searchParams);
  if (!resolved) notFound();
  const { params, trail, today, asOfAdjusted } = resolved;
  const [t, locale, f] = await Promise.all([getTranslations("dashboard"), getLocale(), getDisplayFormat()]);
  const stepName = (s: ScopeStep) => (s.code === "" ? t("national") : pickName(locale, s.nameZh, s.nameEn));
  const current = trail[trail.length - 1];
  const ytd = isYearToDate(params.year, params.asOf);
  const years = seriesYears(FIRST_SERIES_YEAR, Number(today.slice(0, 4))).reverse();
  const visible = trail.filter((s) => s.readable);
  const select = "rounded border border-slate-400 bg-white px-2 py-1.5";

  return (
    <div className="space-y-4" data-scope={params.scope} data-year={params.year} data-as-of={params.asOf}>
      <header className="space-y-2">
        <nav aria-label={t("breadcrumb")} className="text-sm">
          <ol className="flex flex-wrap items-center gap-1 text-slate-700">
            {visible.map((s, i) => (
              <li key={s.code} className="flex items-center gap-1">
                {i > 0 && <span aria-hidden>›</span>}
                {s === current ? (
                  <span aria-current="page" className="font-medium text-slate-900">
                    {stepName(s)}
                  </span>
                ) : (
                  <Link
                    href={`/dashboard?${dashboardQuery({ ...params, scope: s.code })}`}
                    className="text-brand-700 hover:underline"
                  >
                    {stepName(s)}
                  </Link>
                )}
              </li>
            ))}
            <li className="flex items-center gap-1">
              <span aria-hidden>›</span>
              <Link href={mineListHref(params)} className="text-brand-700 hover:underline" data-testid="mine-list-link">
                {t("mineList")}
              </Link>
            </li>
          </ol>
        </nav>
        <h1 className="text-2xl font-semibold" data-testid="dashboard-title">
          {t("heading", { scope: stepName(current) })}
        </h1>
        <p className="flex flex-wrap items-center gap-2 text-sm text-slate-700" data-testid="dashboard-period">
          <span>{t("period", { year: params.year, asOf: f.date(params.asOf) })}</span>
          {ytd && (
            <span className="rounded border border-amber-700 bg-amber-50 px-2 py-0.5 text-xs font-semibold text-amber-900">
              {t("yearToDate")}
            </span>
          )}
        </p>
        {asOfAdjusted && (
          <p role="status" className="rounded border border-amber-600 bg-amber-50 px-3 py-2 text-sm">
            {t("asOfAdjusted", { asOf: f.date(params.asOf), year: params.year })}
          </p>
        )}
      </header>

      <div className="flex flex-wrap items-end justify-between gap-3 rounded-lg bg-white p-4 shadow-sm">
        <form method="get" action="/dashboard" className="flex flex-wrap items-end gap-3" aria-label={t("filters")}>
          <input type="hidden" name="scope" value={params.scope} />
          <label className="space-y-1 text-sm">
            <span className="block font-medium">{t("year")}</span>
            <select name="year" defaultValue={String(params.year)} className={select}>
              {years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </label>
          <label className="space-y-1 text-sm">
            <span className="block font-medium">{t("asOf")}</span>
            <input
              type="date"
              name="asOf"
              defaultValue={params.asOf}
              min={`${FIRST_SERIES_YEAR}-01-01`}
              max={today}
              className={select}
            />
          </label>
          <button type="submit" className="bg-brand-700 hover:bg-brand-800 rounded px-4 py-1.5 font-medium text-white">
            {t("apply")}
          </button>
        </form>
        <ExportLinks view="all" params={params} />
      </div>
    </div>
  );
}
