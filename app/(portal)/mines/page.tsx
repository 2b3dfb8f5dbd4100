import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { GradeBadge } from "@/components/ui/grade-badge";
import { Pagination } from "@/components/ui/pagination";
import { GasGrade, MineType, ProductionStatus } from "@/lib/generated/prisma/enums";
import { getDisplayFormat } from "@/lib/i18n/display";
import { pickName } from "@/lib/i18n/pick";
import { can } from "@/lib/server/auth/permissions";
import { requireCaller } from "@/lib/server/auth/session";
import { regionOptions, searchMines } from "@/lib/server/data/mines";
import { dashboardQuery } from "@/lib/validation/dashboard";
import { MINE_SORTS, PAGE_SIZES, parseMineSearch, type MineSearch } from "@/lib/validation/mine-search";

export async function generateMetadata() {
  const t = await getTranslations("registry");
  return { title: t("title") };
}

function hrefWith(search: MineSearch, change: Partial<MineSearch>): string {
  const merged = { ...search, ...change };
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(merged)) {
    if (v === undefined || v === "") continue;
    if (
      (k === "page" && v === 1) ||
      (k === "pageSize" && v === 20) ||
      (k === "sort" && v === "name") ||
      (k === "dir" && v === "asc")
    )
      continue;
    params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `/mines?${qs}` : "/mines";
}

export default async function RegistryPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const caller = await requireCaller();
  const search = parseMineSearch(await searchParams);
  const [result, regions, t, tr, te, f, locale] = await Promise.all([
    searchMines(caller, search),
    regionOptions(caller),
    getTranslations("registry"),
    getTranslations("mineRegister"),
    getTranslations("enums"),
    getDisplayFormat(),
    getLocale(),
  ]);
  const select = "w-full rounded border border-slate-400 bg-white px-2 py-1.5";
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      {can(caller.role, "mine.register") && (
        <nav className="flex flex-wrap gap-2 text-sm" aria-label={tr("registerLink")} data-testid="register-links">
          <Link href="/mines/new" className="bg-brand-700 hover:bg-brand-800 rounded px-3 py-1.5 text-white">
            {tr("registerLink")}
          </Link>
          <Link href="/mines/import" className="rounded border border-slate-400 px-3 py-1.5 hover:bg-slate-100">
            {tr("importLink")}
          </Link>
          <Link href="/enterprises" className="rounded border border-slate-400 px-3 py-1.5 hover:bg-slate-100">
            {tr("enterprisesLink")}
          </Link>
        </nav>
      )}
      <form
        method="get"
        action="/mines"
        className="grid grid-cols-1 gap-3 rounded-lg bg-white p-4 shadow-sm sm:grid-cols-2 lg:grid-cols-4"
        role="search"
        aria-label={t("filters")}
      >
        {/* Opened from a dashboard: filtering keeps its date (and its year, for the way back). */}
        {search.asOf && <input type="hidden" name="asOf" value={search.asOf} />}
        {search.year && <input type="hidden" name="year" value={search.year} />}
        <label className="space-y-1 text-sm lg:col-span-2">
          <span className="block font-medium">{t("search")}</span>
          <input name="q" defaultValue={search.q} placeholder={t("searchPlaceholder")} className={select} />
        </label>
        {regions.length > 0 && (
          <label className="space-y-1 text-sm">
            <span className="block font-medium">{t("region")}</span>
            <select name="region" defaultValue={search.region ?? ""} className={select}>
              <option value="">{t("any")}</option>
              {regions.map((r) => (
                <option key={r.code} value={r.code}>
                  {r.level === "PREFECTURE" ? "— " : ""}
                  {pickName(locale, r.nameZh, r.nameEn)}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="space-y-1 text-sm">
          <span className="block font-medium">{t("grade")}</span>
          <select name="grade" defaultValue={search.grade ?? ""} className={select}>
            <option value="">{t("any")}</option>
            {(["1", "2", "3"] as const).map((l) => (
              <option key={l} value={l}>
                {f.level(Number(l))}
              </option>
            ))}
            <option value="none">{t("ungraded")}</option>
          </select>
        </label>
        <label className="space-y-1 text-sm">
          <span className="block font-medium">{t("status")}</span>
          <select name="status" defaultValue={search.status ?? ""} className={select}>
            <option value="">{t("any")}</option>
            {Object.values(ProductionStatus).map((s) => (
              <option key={s} value={s}>
                {te(`status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="space-y-1 text-sm">
          <span className="block font-medium">{t("type")}</span>
          <select name="type" defaultValue={search.type ?? ""} className={select}>
            <option value="">{t("any")}</option>
            {Object.values(MineType).map((m) => (
              <option key={m} value={m}>
                {te(`mineType.${m}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="space-y-1 text-sm">
          <span className="block font-medium">{t("gas")}</span>
          <select name="gas" defaultValue={search.gas ?? ""} className={select}>
            <option value="">{t("any")}</option>
            {Object.values(GasGrade).map((g) => (
              <option key={g} value={g}>
                {te(`gasGrade.${g}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="space-y-1 text-sm">
          <span className="block font-medium">{t("pageSize")}</span>
          <select name="pageSize" defaultValue={String(search.pageSize)} className={select}>
            {PAGE_SIZES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <div className="flex items-end gap-2">
          <button type="submit" className="bg-brand-700 hover:bg-brand-800 rounded px-4 py-1.5 font-medium text-white">
            {t("apply")}
          </button>
          <Link href="/mines" className="rounded border px-4 py-1.5 hover:bg-slate-100">
            {t("reset")}
          </Link>
        </div>
      </form>

      {search.asOf && (
        <p className="text-sm text-slate-700" data-testid="registry-as-of" data-as-of={search.asOf}>
          {t("asOfNote", { date: f.date(search.asOf) })}{" "}
          <Link
            href={hrefWith(search, { asOf: undefined, year: undefined, page: 1 })}
            className="text-brand-700 underline"
          >
            {t("showToday")}
          </Link>
          {search.year && (
            <>
              {" · "}
              <Link
                href={`/dashboard?${dashboardQuery({ scope: search.region ?? "", year: search.year, asOf: search.asOf })}`}
                className="text-brand-700 underline"
                data-testid="back-to-dashboard"
              >
                {t("backToDashboard", { year: search.year })}
              </Link>
            </>
          )}
        </p>
      )}
      <p aria-live="polite" className="text-sm text-slate-700" data-testid="result-count" data-total={result.total}>
        {t("resultCount", { count: result.total })}
      </p>

      <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
        <table className="min-w-full text-sm" data-testid="mine-table">
          <caption className="sr-only">{t("title")}</caption>
          <thead className="bg-slate-100 text-left">
            <tr>
              {(["code", "name"] as const).map((col) => (
                <SortHeader
                  key={col}
                  col={col}
                  search={search}
                  label={t(`col.${col}`)}
                  sortLabel={t("sortBy", { column: t(`col.${col}`) })}
                />
              ))}
              <SortHeader
                col="region"
                search={search}
                label={t("col.region")}
                sortLabel={t("sortBy", { column: t("col.region") })}
              />
              <th scope="col" className="px-3 py-2">
                {t("col.enterprise")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("col.type")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("col.status")}
              </th>
              <SortHeader
                col="capacity"
                search={search}
                label={t("col.capacity")}
                sortLabel={t("sortBy", { column: t("col.capacity") })}
              />
              <th scope="col" className="px-3 py-2">
                {t("col.grade")}
              </th>
            </tr>
          </thead>
          <tbody>
            {result.items.map((m) => {
              const prefecture = m.county.parent;
              const province = prefecture?.parent;
              return (
                <tr key={m.id} className="border-t border-slate-200 hover:bg-slate-50">
                  <td className="px-3 py-2 font-mono text-xs">{m.code}</td>
                  <td className="px-3 py-2">
                    <Link
                      href={`/mines/${encodeURIComponent(m.code)}`}
                      className="text-brand-700 underline-offset-2 hover:underline"
                    >
                      {pickName(locale, m.name, m.nameEn)}
                    </Link>
                  </td>
                  <td className="px-3 py-2">
                    {[province, prefecture, m.county]
                      .filter(Boolean)
                      .map((r) => pickName(locale, r!.nameZh, r!.nameEn))
                      .join(" · ")}
                  </td>
                  <td className="px-3 py-2">
                    {m.enterprise ? pickName(locale, m.enterprise.name, m.enterprise.nameEn) : "—"}
                  </td>
                  <td className="px-3 py-2">{te(`mineType.${m.type}`)}</td>
                  <td className="px-3 py-2">{te(`status.${m.status}`)}</td>
                  <td className="px-3 py-2 text-right">{f.count(m.capacity)}</td>
                  <td className="px-3 py-2">
                    <GradeBadge level={m.currentGrade?.level ?? null} />
                  </td>
                </tr>
              );
            })}
            {result.items.length === 0 && (
              <tr>
                <td colSpan={8} className="px-3 py-6 text-center text-slate-600">
                  {t("empty")}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <Pagination
        page={result.page}
        pageSize={result.pageSize}
        total={result.total}
        hrefFor={(page) => hrefWith(search, { page })}
      />
    </div>
  );
}

function SortHeader({
  col,
  search,
  label,
  sortLabel,
}: {
  col: (typeof MINE_SORTS)[number];
  search: MineSearch;
  label: string;
  sortLabel: string;
}) {
  const active = search.sort === col;
  const nextDir = active && search.dir === "asc" ? "desc" : "asc";
  return (
    <th
      scope="col"
      className="px-3 py-2"
      aria-sort={active ? (search.dir === "asc" ? "ascending" : "descending") : "none"}
    >
      <Link
        href={hrefWith(search, { sort: col, dir: nextDir, page: 1 })}
        aria-label={sortLabel}
        className="hover:underline"
      >
        {label} {active ? (search.dir === "asc" ? "▲" : "▼") : ""}
      </Link>
    </th>
  );
}
