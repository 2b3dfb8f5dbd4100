import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { GradeBadge } from "@/components/ui/grade-badge";
import { Pagination } from "@/components/ui/pagination";
import { dateValue } from "@/lib/domain/dates";
import { pickName } from "@/lib/i18n/pick";
import { listAnnouncedGrades, provincesWithMines, regionNames } from "@/lib/server/data/public-register";
import { parseRegisterSearch, registerQuery } from "@/lib/validation/register";

export async function generateMetadata() {
  const t = await getTranslations("register");
  return { title: t("gradesTitle") };
}

const PAGE_SIZE = 50;

export default async function RegisterPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const search = parseRegisterSearch(await searchParams);
  const [result, provinces, t, format, locale] = await Promise.all([
    listAnnouncedGrades({ ...search, pageSize: PAGE_SIZE }),
    provincesWithMines(),
    getTranslations("register"),
    getFormatter(),
    getLocale(),
  ]);
  const names = await regionNames(result.items.map((g) => g.regionCode));
  const date = (iso: string) =>
    format.dateTime(dateValue(iso), { year: "numeric", month: "2-digit", day: "2-digit", timeZone: "UTC" });
  const box = "w-full rounded border border-slate-400 bg-white px-2 py-1.5";
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("gradesTitle")}</h1>
      <p className="text-slate-700">{t("gradesIntro")}</p>
      <form
        method="get"
        role="search"
        aria-label={t("filters")}
        className="grid gap-3 rounded-lg bg-white p-4 shadow-sm sm:grid-cols-4"
      >
        <label className="space-y-1 text-sm sm:col-span-2">
          <span className="block font-medium">{t("search")}</span>
          <input name="q" defaultValue={search.q} className={box} />
        </label>
        <label className="space-y-1 text-sm">
          <span className="block font-medium">{t("province")}</span>
          <select name="province" defaultValue={search.province ?? ""} className={box}>
            <option value="">{t("any")}</option>
            {provinces.map((p) => (
              <option key={p.code} value={p.code}>
                {pickName(locale, p.nameZh, p.nameEn)}
              </option>
            ))}
          </select>
        </label>
        <label className="space-y-1 text-sm">
          <span className="block font-medium">{t("level")}</span>
          <select name="level" defaultValue={search.level ? String(search.level) : ""} className={box}>
            <option value="">{t("any")}</option>
            {[1, 2, 3].map((l) => (
              <option key={l} value={l}>
                {t("levelValue", { level: l })}
              </option>
            ))}
          </select>
        </label>
        <div className="flex flex-wrap items-end gap-2 sm:col-span-4">
          <button type="submit" className="bg-brand-700 hover:bg-brand-800 rounded px-4 py-1.5 text-white">
            {t("apply")}
          </button>
          <Link href="/register" className="rounded border px-3 py-1.5 hover:bg-slate-100">
            {t("reset")}
          </Link>
          <a
            href={`/register/export/grades${registerQuery({ ...search, page: 1 })}`}
            className="rounded border px-3 py-1.5 hover:bg-slate-100"
            download
          >
            {t("downloadCsv")}
          </a>
        </div>
      </form>
      <p aria-live="polite" className="text-sm" data-testid="register-count" data-total={result.total}>
        {t("gradeCount", { count: result.total, formatted: format.number(result.total) })}
      </p>
      <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
        <table className="min-w-full text-sm" data-testid="register-table">
          <caption className="sr-only">{t("gradesTitle")}</caption>
          <thead className="bg-slate-100 text-left">
            <tr>
              <th scope="col" className="px-3 py-2">
                {t("col.code")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("col.name")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("col.region")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("col.level")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("col.announcedOn")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("col.validUntil")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("col.announcementNo")}
              </th>
            </tr>
          </thead>
          <tbody>
            {result.items.map((g) => (
              <tr key={g.mineCode} className="border-t border-slate-200">
                <td className="px-3 py-2 font-mono text-xs">{g.mineCode}</td>
                <td className="px-3 py-2">
                  <Link
                    href={`/register/mines/${encodeURIComponent(g.mineCode)}`}
                    className="text-brand-700 hover:underline"
                  >
                    {pickName(locale, g.mineName, g.mineNameEn)}
                  </Link>
                </td>
                <td className="px-3 py-2">
                  {(names.get(g.regionCode) ?? []).map((r) => pickName(locale, r.nameZh, r.nameEn)).join(" · ")}
                </td>
                <td className="px-3 py-2">
                  <GradeBadge level={g.level} />
                </td>
                <td className="px-3 py-2">{date(g.announcedOn)}</td>
                <td className="px-3 py-2">{date(g.validUntil)}</td>
                <td className="px-3 py-2">{g.announcementNo}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination
        page={search.page}
        pageSize={PAGE_SIZE}
        total={result.total}
        hrefFor={(page) => `/register${registerQuery(search, { page })}`}
      />
    </div>
  );
}
