import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { EnterpriseForm } from "@/components/forms/enterprise-form";
import { Pagination } from "@/components/ui/pagination";
import { Section } from "@/components/ui/section";
import { requireCaller } from "@/lib/server/auth/session";
import { listEnterprises } from "@/lib/server/data/register";
import { createEnterpriseAction } from "./actions";

export async function generateMetadata() {
  const t = await getTranslations("mineRegister.enterprises");
  return { title: t("title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function EnterprisesPage({ searchParams }: Props) {
  const caller = await requireCaller();
  const sp = await searchParams;
  const text = (v: string | string[] | undefined) => (typeof v === "string" ? v : "");
  const list = await listEnterprises(caller, { q: text(sp.q), page: Number(text(sp.page)) || 1 });
  if (!list) notFound();
  const [t, tr] = await Promise.all([getTranslations("mineRegister.enterprises"), getTranslations("mineRegister")]);
  const hrefFor = (page: number) => {
    const params = new URLSearchParams();
    if (list.q) params.set("q", list.q);
    if (page > 1) params.set("page", String(page));
    const qs = params.toString();
    return qs ? `/enterprises?${qs}` : "/enterprises";
  };
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="max-w-3xl text-sm text-slate-700">
        {t("intro")} {t("moveHint")}
      </p>
      <form method="get" action="/enterprises" role="search" className="flex max-w-xl gap-2">
        <label className="flex-1 text-sm">
          <span className="sr-only">{t("search")}</span>
          <input
            name="q"
            defaultValue={list.q}
            placeholder={t("search")}
            className="w-full rounded border border-slate-400 bg-white px-2 py-1.5"
          />
        </label>
        <button type="submit" className="rounded border border-slate-400 px-3 py-1.5 text-sm hover:bg-slate-100">
          {t("searchButton")}
        </button>
      </form>
      <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
        <table className="w-full text-sm" data-testid="enterprise-table">
          <thead className="bg-slate-100 text-left">
            <tr>
              <th className="px-3 py-2">{t("colName")}</th>
              <th className="px-3 py-2">{t("colNameEn")}</th>
              <th className="px-3 py-2 text-right">{t("colMines")}</th>
              <th className="px-3 py-2">{t("colActions")}</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((e) => (
              <tr key={e.id} className="border-t">
                <td className="px-3 py-2">{e.name}</td>
                <td className="px-3 py-2">{e.nameEn ?? ""}</td>
                <td className="px-3 py-2 text-right">{e.minesInScope}</td>
                <td className="px-3 py-2">
                  {e.editable && (
                    <Link href={`/enterprises/${e.id}/edit`} className="text-brand-700 underline">
                      {t("edit")}
                    </Link>
                  )}
                </td>
              </tr>
            ))}
            {list.items.length === 0 && (
              <tr>
                <td colSpan={4} className="px-3 py-4 text-slate-600">
                  {t("none")}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <Pagination page={list.page} pageSize={list.pageSize} total={list.total} hrefFor={hrefFor} />
      <Section title={t("createHeading")}>
        <EnterpriseForm action={createEnterpriseAction} />
      </Section>
      <p className="text-sm">
        <Link href="/mines" className="text-brand-700 underline">
          {tr("registerLink")}
        </Link>
      </p>
    </div>
  );
}
