import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { levelLabels } from "@/lib/i18n/format";
import { pickName } from "@/lib/i18n/pick";
import type { RegisterSearch } from "@/lib/validation/register";

/** The public register's search form: name or code, province, optionally level; reset and CSV download. */
export async function RegisterFilters({
  search,
  provinces,
  withLevel,
  resetHref,
  csvHref,
}: {
  search: RegisterSearch;
  provinces: { code: string; nameZh: string; nameEn: string | null }[];
  withLevel: boolean;
  resetHref: string;
  csvHref: string;
}) {
  const [t, tg, locale] = await Promise.all([getTranslations("register"), getTranslations("grade"), getLocale()]);
  const box = "w-full rounded border border-slate-400 bg-white px-2 py-1.5";
  return (
    <form
      method="get"
      role="search"
      aria-label={t("filters")}
      className="grid grid-cols-1 gap-3 rounded-lg bg-white p-4 shadow-sm sm:grid-cols-4"
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
      {withLevel && (
        <label className="space-y-1 text-sm">
          <span className="block font-medium">{t("level")}</span>
          <select name="level" defaultValue={search.level ? String(search.level) : ""} className={box}>
            <option value="">{t("any")}</option>
            {[1, 2, 3].map((l) => (
              <option key={l} value={l}>
                {levelLabels(tg).level(l)}
              </option>
            ))}
          </select>
        </label>
      )}
      <div className="flex flex-wrap items-end gap-2 sm:col-span-4">
        <button type="submit" className="bg-brand-700 hover:bg-brand-800 rounded px-4 py-1.5 text-white">
          {t("apply")}
        </button>
        <Link href={resetHref} className="rounded border px-3 py-1.5 hover:bg-slate-100">
          {t("reset")}
        </Link>
        <a href={csvHref} className="rounded border px-3 py-1.5 hover:bg-slate-100" download>
          {t("downloadCsv")}
        </a>
      </div>
    </form>
  );
}
