import Link from "next/link";
import { ListTable } from "@/components/ui/list-table";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { Pagination } from "@/components/ui/pagination";
import { AuthorityKind } from "@/lib/generated/prisma/enums";
import { requireCaller } from "@/lib/server/auth/session";
import { listAuthorities } from "@/lib/server/data/authorities";

export async function generateMetadata() {
  const t = await getTranslations("admin.authorities");
  return { title: t("title") };
}

const KINDS = Object.values(AuthorityKind);
const filterSchema = z.object({
  kind: z
    .enum(KINDS as [AuthorityKind, ...AuthorityKind[]])
    .optional()
    .catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export default async function AuthoritiesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const caller = await requireCaller();
  const filter = filterSchema.parse(await searchParams);
  const result = await listAuthorities(caller, filter);
  if (!result) notFound();
  const [t, tk] = await Promise.all([getTranslations("admin.authorities"), getTranslations("enums.authorityKind")]);
  const hrefFor = (page: number) => {
    const params = new URLSearchParams();
    if (filter.kind) params.set("kind", filter.kind);
    if (filter.q) params.set("q", filter.q);
    if (page > 1) params.set("page", String(page));
    const qs = params.toString();
    return qs ? `/admin/authorities?${qs}` : "/admin/authorities";
  };
  const box = "rounded border border-slate-400 bg-white px-2 py-1";
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <Link href="/admin/authorities/new" className="bg-brand-700 hover:bg-brand-800 rounded px-4 py-1.5 text-white">
          {t("new")}
        </Link>
      </div>
      <p className="max-w-3xl text-sm text-slate-700">{t("intro")}</p>
      <form method="get" role="search" className="flex flex-wrap items-end gap-2">
        <label className="space-y-1 text-sm">
          <span className="block font-medium">{t("filterKind")}</span>
          <select name="kind" defaultValue={filter.kind ?? ""} className={box}>
            <option value="">{t("any")}</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {tk(k)}
              </option>
            ))}
          </select>
        </label>
        <label className="space-y-1 text-sm">
          <span className="block font-medium">{t("search")}</span>
          <input name="q" defaultValue={filter.q ?? ""} className={box} />
        </label>
        <button type="submit" className="rounded border border-slate-400 px-3 py-1 hover:bg-slate-100">
          {t("searchButton")}
        </button>
      </form>
      <ListTable
        caption={t("title")}
        testId="authorities-table"
        columns={[
          t("nameZh"),
          t("nameEn"),
          t("kind"),
          t("region"),
          <span key="edit" className="sr-only">
            {t("edit")}
          </span>,
        ]}
        empty={result.rows.length === 0 && t("none")}
      >
        {result.rows.map((a) => (
          <tr key={a.id} className="border-t border-slate-200">
            <th scope="row" className="px-2 py-1.5 text-left font-normal">
              {a.nameZh}
            </th>
            <td className="px-2 py-1.5">{a.nameEn}</td>
            <td className="px-2 py-1.5">{tk(a.kind)}</td>
            <td className="px-2 py-1.5">{a.regionCode || t("national")}</td>
            <td className="px-2 py-1.5">
              <Link className="text-brand-700 underline" href={`/admin/authorities/${a.id}`}>
                {t("edit")}
              </Link>
            </td>
          </tr>
        ))}
      </ListTable>
      <Pagination page={filter.page} pageSize={result.pageSize} total={result.total} hrefFor={hrefFor} />
    </div>
  );
}
