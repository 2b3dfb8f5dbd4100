import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { GradeBadge } from "@/components/ui/grade-badge";
import { Pagination } from "@/components/ui/pagination";
import { getDisplayFormat } from "@/lib/i18n/display";
import { pickName } from "@/lib/i18n/pick";
import { listOpenNotices } from "@/lib/server/data/applications";

export async function generateMetadata() {
  const t = await getTranslations("notices");
  return { title: t("title") };
}

const PAGE_SIZE = 50;

type Named = { nameZh: string; nameEn: string | null };

function regionOf(locale: string, county: Named & { parent: (Named & { parent: Named | null }) | null }): string {
  return [county.parent?.parent, county.parent, county]
    .filter((r): r is Named => Boolean(r))
    .map((r) => pickName(locale, r.nameZh, r.nameEn))
    .join(" · ");
}

/** Open public notices (公示): readable without a login. */
export default async function NoticesPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const page = Math.max(1, Math.floor(Number((await searchParams).page)) || 1);
  const [{ items, total }, t, f, locale] = await Promise.all([
    listOpenNotices({ page, pageSize: PAGE_SIZE }),
    getTranslations("notices"),
    getDisplayFormat(),
    getLocale(),
  ]);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="text-slate-700">{t("intro")}</p>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-slate-700" data-testid="notice-count" data-total={total}>
          {t("count", { count: total })}
        </p>
        <a href="/notices/export" className="rounded border px-3 py-1.5 text-sm hover:bg-slate-100" download>
          {t("downloadCsv")}
        </a>
      </div>
      <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
        <table className="min-w-full text-sm" data-testid="notice-table">
          <thead className="bg-slate-100 text-left">
            <tr>
              <th scope="col" className="px-3 py-2">
                {t("col.mine")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("col.region")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("col.level")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("col.period")}
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((n) => (
              <tr key={n.id} className="border-t border-slate-200" data-testid="notice-row" data-id={n.id}>
                <td className="px-3 py-2">
                  <Link href={`/notices/${n.id}`} className="text-brand-700 font-medium hover:underline">
                    {pickName(locale, n.mine.name, n.mine.nameEn)}
                  </Link>
                  <span className="ml-1 font-mono text-xs text-slate-600">{n.mine.code}</span>
                </td>
                <td className="px-3 py-2">{regionOf(locale, n.mine.county)}</td>
                <td className="px-3 py-2">
                  <GradeBadge level={n.resultLevel} />
                </td>
                <td className="px-3 py-2">
                  {t("period", { from: f.date(n.noticeStartsOn), to: f.date(n.noticeEndsOn) })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {items.length === 0 && <p className="p-4 text-sm text-slate-600">{t("none")}</p>}
      </div>
      <Pagination
        page={page}
        pageSize={PAGE_SIZE}
        total={total}
        hrefFor={(p) => (p > 1 ? `/notices?page=${p}` : "/notices")}
      />
    </div>
  );
}
