import Link from "next/link";
import { ListTable } from "@/components/ui/list-table";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Pagination } from "@/components/ui/pagination";
import { pickName } from "@/lib/i18n/pick";
import { requireCaller } from "@/lib/server/auth/session";
import { listUsers, userFilterSchema, type UserFilter } from "@/lib/server/data/users";

export async function generateMetadata() {
  const t = await getTranslations("admin.users");
  return { title: t("title") };
}

function hrefFor(filter: UserFilter, page: number): string {
  const params = new URLSearchParams();
  if (filter.q) params.set("q", filter.q);
  if (page > 1) params.set("page", String(page));
  const qs = params.toString();
  return qs ? `/admin/users?${qs}` : "/admin/users";
}

export default async function UsersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const caller = await requireCaller();
  const filter = userFilterSchema.parse(await searchParams);
  const result = await listUsers(caller, filter);
  if (!result) notFound();
  const [t, tr, locale] = await Promise.all([
    getTranslations("admin.users"),
    getTranslations("enums.role"),
    getLocale(),
  ]);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <Link href="/admin/users/new" className="bg-brand-700 hover:bg-brand-800 rounded px-4 py-1.5 text-white">
          {t("new")}
        </Link>
      </div>
      <form method="get" role="search" className="flex gap-2">
        <label className="sr-only" htmlFor="user-q">
          {t("search")}
        </label>
        <input
          id="user-q"
          name="q"
          defaultValue={filter.q ?? ""}
          placeholder={t("search")}
          className="w-72 rounded border border-slate-400 bg-white px-2 py-1"
        />
        <button type="submit" className="rounded border border-slate-400 px-3 py-1 hover:bg-slate-100">
          {t("searchButton")}
        </button>
      </form>
      <ListTable
        caption={t("title")}
        testId="users-table"
        columns={[t("email"), t("name"), t("role"), t("jurisdiction"), t("mine"), t("status")]}
        empty={result.rows.length === 0 && t("none")}
      >
        {result.rows.map((u) => (
          <tr key={u.id} className="border-t border-slate-200">
            <th scope="row" className="px-2 py-1.5 text-left font-normal">
              <Link className="text-brand-700 underline" href={`/admin/users/${u.id}`}>
                {u.email}
              </Link>
            </th>
            <td className="px-2 py-1.5">{u.name}</td>
            <td className="px-2 py-1.5">{tr(u.role)}</td>
            <td className="px-2 py-1.5">{u.jurisdiction || t("national")}</td>
            <td className="px-2 py-1.5">
              {u.mine ? `${pickName(locale, u.mine.name, u.mine.nameEn)} (${u.mine.code})` : ""}
            </td>
            <td className="px-2 py-1.5">
              {!u.active ? t("disabled") : u.mustChangePassword ? t("pendingPassword") : t("active")}
            </td>
          </tr>
        ))}
      </ListTable>
      <Pagination
        page={filter.page}
        pageSize={result.pageSize}
        total={result.total}
        hrefFor={(p) => hrefFor(filter, p)}
      />
    </div>
  );
}
