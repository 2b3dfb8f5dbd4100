import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { RegisterFilters } from "@/components/register-filters";
import { Pagination } from "@/components/ui/pagination";
import { documentHref } from "@/lib/document-links";
import { getDisplayFormat } from "@/lib/i18n/display";
import { pickName } from "@/lib/i18n/pick";
import { listFinalDecisions, provincesWithMines } from "@/lib/server/data/public-register";
import { parseRegisterSearch, registerQuery } from "@/lib/validation/register";
import { ScrollBox } from "@/components/ui/scroll-box";

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
  const [result, provinces, t, te, f, locale] = await Promise.all([
    listFinalDecisions({ ...search, pageSize: PAGE_SIZE }),
    provincesWithMines(),
    getTranslations("register"),
    getTranslations("enums"),
    getDisplayFormat(),
    getLocale(),
  ]);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("decisionsTitle")}</h1>
      <RegisterFilters
        search={search}
        provinces={provinces}
        withLevel={false}
        resetHref={"/register/decisions"}
        csvHref={`/register/export/decisions${registerQuery({ q: search.q, province: search.province })}`}
      />
      <p className="text-sm" data-testid="register-count" data-total={result.total}>
        {t("decisionCount", { count: result.total })}
      </p>
      <ScrollBox label={t("decisionsTitle")} className="rounded-lg bg-white shadow-sm">
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
            {result.items.map((d) => (
              <tr key={d.id} className="border-t border-slate-200">
                <td className="px-3 py-2">{f.date(d.effectiveOn)}</td>
                <td className="px-3 py-2">
                  <Link
                    href={`/register/mines/${encodeURIComponent(d.mineCode)}`}
                    className="text-brand-700 hover:underline"
                  >
                    {pickName(locale, d.mineName, d.mineNameEn)}
                  </Link>
                </td>
                <td className="px-3 py-2">{f.levelChange(d.fromLevel, d.toLevel)}</td>
                <td className="px-3 py-2">{te(`decisionReason.${d.reason}`)}</td>
                <td className="px-3 py-2">
                  <Link
                    href={documentHref.letter(d.id)}
                    className="text-brand-700 hover:underline"
                    data-testid="decision-letter-link"
                  >
                    {d.number ?? t("letterLink")}
                  </Link>
                </td>
                <td className="px-3 py-2">
                  {d.authority ? pickName(locale, d.authority.nameZh, d.authority.nameEn) : "—"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
      <Pagination
        page={search.page}
        pageSize={PAGE_SIZE}
        total={result.total}
        hrefFor={(page) => `/register/decisions${registerQuery(search, { page })}`}
      />
    </div>
  );
}
