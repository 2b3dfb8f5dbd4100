import Link from "next/link";
import { getTranslations } from "next-intl/server";

export async function Pagination({
  page,
  pageSize,
  total,
  hrefFor,
}: {
  page: number;
  pageSize: number;
  total: number;
  hrefFor: (page: number) => string;
}) {
  const t = await getTranslations("common.pagination");
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <nav aria-label={t("label")} className="flex items-center justify-between gap-4 py-3 text-sm">
      <span>{t("summary", { page, pages, total })}</span>
      <span className="flex gap-2">
        {page > 1 ? (
          <Link className="rounded border px-3 py-1 hover:bg-slate-100" href={hrefFor(page - 1)} rel="prev">
            {t("previous")}
          </Link>
        ) : (
          <span className="rounded border px-3 py-1 text-slate-400" aria-disabled="true">
            {t("previous")}
          </span>
        )}
        {page < pages ? (
          <Link className="rounded border px-3 py-1 hover:bg-slate-100" href={hrefFor(page + 1)} rel="next">
            {t("next")}
          </Link>
        ) : (
          <span className="rounded border px-3 py-1 text-slate-400" aria-disabled="true">
            {t("next")}
          </span>
        )}
      </span>
    </nav>
  );
}
