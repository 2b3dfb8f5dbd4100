import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { GradeBadge } from "@/components/ui/grade-badge";
import { Pagination } from "@/components/ui/pagination";
import { getDisplayFormat } from "@/lib/i18n/display";
import { pickName } from "@/lib/i18n/pick";
import { can } from "@/lib/server/auth/permissions";
import { requireCaller } from "@/lib/server/auth/session";
import {
  APPLICATION_FILTERS,
  listApplications,
  mayUseApplications,
  parseApplicationFilter,
  type ApplicationFilter,
} from "@/lib/server/data/applications";

export async function generateMetadata() {
  const t = await getTranslations("applications");
  return { title: t("title") };
}

const PAGE_SIZE = 50;

function hrefFor(state: ApplicationFilter, page = 1): string {
  const params = new URLSearchParams();
  if (state) params.set("state", state);
  if (page > 1) params.set("page", String(page));
  const qs = params.toString();
  return qs ? `/applications?${qs}` : "/applications";
}

export default async function ApplicationsPage({
  searchParams,
}: {
  searchParams: Promise<{ state?: string; page?: string }>;
}) {
  const caller = await requireCaller();
  if (!mayUseApplications(caller)) notFound();
  const sp = await searchParams;
  const state = parseApplicationFilter(sp.state);
  const page = Math.max(1, Math.floor(Number(sp.page)) || 1);
  const [{ items, total }, t, f, locale] = await Promise.all([
    listApplications(caller, { state, page, pageSize: PAGE_SIZE }),
    getTranslations("applications"),
    getDisplayFormat(),
    getLocale(),
  ]);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        {can(caller.role, "application.submit") && caller.mineId !== null && (
          <Link href="/applications/new" className="bg-brand-700 hover:bg-brand-800 rounded px-4 py-1.5 text-white">
            {t("new.link")}
          </Link>
        )}
      </div>
      <nav aria-label={t("stateFilter")} className="flex flex-wrap gap-2">
        {APPLICATION_FILTERS.map((s) => (
          <Link
            key={s || "all"}
            href={hrefFor(s)}
            aria-current={s === state ? "page" : undefined}
            className={`rounded px-3 py-1 text-sm ${s === state ? "bg-brand-700 text-white" : "border hover:bg-slate-100"}`}
          >
            {s === "" ? t("filterAll") : s === "open" ? t("filterOpen") : t(`state.${s}`)}
          </Link>
        ))}
      </nav>
      <p className="text-sm text-slate-700" data-testid="application-count" data-total={total}>
        {t("count", { count: total })}
      </p>
      <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
        <table className="min-w-full text-sm" data-testid="application-table">
          <thead className="bg-slate-100 text-left">
            <tr>
              <th scope="col" className="px-3 py-2">
                {t("col.id")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("col.mine")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("col.appliedLevel")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("col.state")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("col.submittedOn")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("col.resultLevel")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("col.notice")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("col.yourStep")}
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((a) => (
              <tr key={a.id} className="border-t border-slate-200" data-testid="application-row" data-id={a.id}>
                <td className="px-3 py-2">
                  <Link href={`/applications/${a.id}`} className="text-brand-700 font-medium hover:underline">
                    {t("number", { id: a.id })}
                  </Link>
                </td>
                <td className="px-3 py-2">
                  {pickName(locale, a.mine.name, a.mine.nameEn)}
                  <span className="ml-1 font-mono text-xs text-slate-600">{a.mine.code}</span>
                </td>
                <td className="px-3 py-2" data-kind={a.kind}>
                  <GradeBadge level={a.appliedLevel} />
                  {a.kind === "DIRECT_EXTENSION" && (
                    <span className="ml-1 rounded bg-sky-100 px-1 text-xs text-sky-900">{t(`kinds.${a.kind}`)}</span>
                  )}
                </td>
                <td className="px-3 py-2">{t(`state.${a.state}`)}</td>
                <td className="px-3 py-2">{f.date(a.submittedOn)}</td>
                <td className="px-3 py-2">{a.resultLevel ? <GradeBadge level={a.resultLevel} /> : "—"}</td>
                <td className="px-3 py-2">
                  {a.noticeStartsOn ? t("period", { from: f.date(a.noticeStartsOn), to: f.date(a.noticeEndsOn) }) : "—"}
                  {a.openObjections > 0 && (
                    <span className="ml-1 text-amber-800">{t("openObjections", { count: a.openObjections })}</span>
                  )}
                </td>
                <td className="px-3 py-2">{a.acts.length ? a.acts.map((act) => t(`act.${act}`)).join(" · ") : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {items.length === 0 && <p className="p-4 text-sm text-slate-600">{t("empty")}</p>}
      </div>
      <Pagination page={page} pageSize={PAGE_SIZE} total={total} hrefFor={(p) => hrefFor(state, p)} />
    </div>
  );
}
