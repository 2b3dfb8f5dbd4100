import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Pagination } from "@/components/ui/pagination";
import { dateValue } from "@/lib/domain/dates";
import { pickName } from "@/lib/i18n/pick";
import { listFinalDecisions, provincesWithMines } from "@/lib/server/data/public-register";
import { parseRegisterSearch, registerQuery } from "@/lib/validation/register";

export async function generateMetadata() {
  const t = await getTranslations("register");
  return { title: t("decisionsTitle") };
}

const PAGE_SIZE = 50;

export default async function PublicDecisionsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const search = parseRegisterSearch(await searchParams);
  const [result, provinces, t, te, format, locale] = await Promise.all([
    listFinalDecisions({ ...search, pageSize: PAGE_SIZE }),
    provincesWithMines(),
    getTranslations("register"),
    getTranslations("enums"),
    getFormatter(),
    getLocale(),
  ]);
  const box = "w-full rounded border border-slate-400 bg-white px-2 py-1.5";
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("decisionsTitle")}</h1>
      <form
        method="get"
        role="search"
        aria-label={t("filters")}
        className="grid gap-3 rounded-lg bg-white p-4 shadow-sm sm:grid-cols-3"
      >
        <label className="space-y-1 text-sm">
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
        <div className="flex flex-wrap items-end gap-2">
          <button type="submit" className="bg-brand-700 hover:bg-brand-800 rounded px-4 py-1.5 text-white">
            {t("apply")}
          </button>
          <a
            href={`/register/export/decisions${registerQuery({ q: search.q, province: search.province })}`}
            className="rounded border px-3 py-1.5 hover:bg-slate-100"
            download
          >
            {t("downloadCsv")}
          </a>
        </div>
      </form>
      <p className="text-sm" data-testid="register-count" data-total={result.total}>
        {t("decisionCount", { count: result.total, formatted: format.number(result.total) })}
      </p>
      <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
        <table className="min-w-full text-sm">
          <caption className="sr-only">{t("decisionsTitle")}</caption>
          <thead className="bg-slate-100 text-left">
            <tr>
              <th scope="col" className="px-3 py-2">
                {t("col.effectiveOn")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("col.name")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("col.decision")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("col.reason")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("col.number")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("col.authority")}
              </th>
            </tr>
          </thead>
          <tbody>
            {result.items.map((d, i) => (
              <tr key={`${d.mineCode}-${d.number}-${i}`} className="border-t border-slate-200">
                <td className="px-3 py-2">
                  {d.effectiveOn
                    ? format.dateTime(dateValue(d.effectiveOn), { dateStyle: "medium", timeZone: "UTC" })
                    : "—"}
                </td>
                <td className="px-3 py-2">
                  <Link
                    href={`/register/mines/${encodeURIComponent(d.mineCode)}`}
                    className="text-brand-700 hover:underline"
                  >
                    {pickName(locale, d.mineName, d.mineNameEn)}
                  </Link>
                </td>
                <td className="px-3 py-2">{t("levelChange", { from: d.fromLevel, to: d.toLevel ?? 0 })}</td>
                <td className="px-3 py-2">{te(`decisionReason.${d.reason}`)}</td>
                <td className="px-3 py-2">{d.number ?? "—"}</td>
                <td className="px-3 py-2">
                  {d.authority ? pickName(locale, d.authority.nameZh, d.authority.nameEn) : "—"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination
        page={search.page}
        pageSize={PAGE_SIZE}
        total={result.total}
        hrefFor={(page) => `/register/decisions${registerQuery(search, { page })}`}
      />
    </div>
  );
}
