import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { RegisterFilters } from "@/components/register-filters";
import { GradeBadge } from "@/components/ui/grade-badge";
import { Pagination } from "@/components/ui/pagination";
import { documentHref } from "@/lib/document-links";
import { getDisplayFormat } from "@/lib/i18n/display";
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
  const [result, provinces, t, f, locale] = await Promise.all([
    listAnnouncedGrades({ ...search, pageSize: PAGE_SIZE }),
    provincesWithMines(),
    getTranslations("register"),
    getDisplayFormat(),
    getLocale(),
  ]);
  const names = await regionNames(result.items.map((g) => g.regionCode));
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("gradesTitle")}</h1>
      <p className="text-slate-700">{t("gradesIntro")}</p>
      <RegisterFilters
        search={search}
        provinces={provinces}
        withLevel={true}
        resetHref={"/register"}
        csvHref={`/register/export/grades${registerQuery({ ...search, page: 1 })}`}
      />
      <p aria-live="polite" className="text-sm" data-testid="register-count" data-total={result.total}>
        {t("gradeCount", { count: result.total })}
      </p>
      <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
        {/* Cell spacing and row borders once on the table: fifty rows wrote them in every cell, twice. */}
        <table
          className="min-w-full text-sm [&_tbody_tr]:border-t [&_tbody_tr]:border-slate-200 [&_td]:px-3 [&_td]:py-2 [&_th]:px-3 [&_th]:py-2"
          data-testid="register-table"
        >
          <caption className="sr-only">{t("gradesTitle")}</caption>
          <thead className="bg-slate-100 text-left">
            <tr>
              <th scope="col">{t("col.code")}</th>
              <th scope="col">{t("col.name")}</th>
              <th scope="col">{t("col.region")}</th>
              <th scope="col">{t("col.level")}</th>
              <th scope="col">{t("col.announcedOn")}</th>
              <th scope="col">{t("col.validUntil")}</th>
              <th scope="col">{t("col.announcementNo")}</th>
            </tr>
          </thead>
          <tbody>
            {result.items.map((g) => (
              <tr key={g.mineCode}>
                <td className="font-mono text-xs">{g.mineCode}</td>
                <td>
                  <Link
                    href={`/register/mines/${encodeURIComponent(g.mineCode)}`}
                    className="text-brand-700 hover:underline"
                  >
                    {pickName(locale, g.mineName, g.mineNameEn)}
                  </Link>
                </td>
                <td>{(names.get(g.regionCode) ?? []).map((r) => pickName(locale, r.nameZh, r.nameEn)).join(" · ")}</td>
                <td>
                  <GradeBadge level={g.level} />
                </td>
                <td>{f.date(g.announcedOn)}</td>
                <td>{f.date(g.validUntil)}</td>
                <td>
                  <Link href={documentHref.announcement(g.announcementNo)} className="text-brand-700 hover:underline">
                    {g.announcementNo}
                  </Link>
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
        hrefFor={(page) => `/register${registerQuery(search, { page })}`}
      />
    </div>
  );
}
