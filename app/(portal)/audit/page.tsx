import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Pagination } from "@/components/ui/pagination";
import { getDisplayFormat } from "@/lib/i18n/display";
import { pickName } from "@/lib/i18n/pick";
import { requireCaller } from "@/lib/server/auth/session";
import { ScrollBox } from "@/components/ui/scroll-box";
import {
  AUDIT_ACTIONS,
  AUDIT_ENTITIES,
  auditFilterSchema,
  listAudit,
  type AuditFilter,
  type AuditRow,
} from "@/lib/server/data/audit";

export async function generateMetadata() {
  const t = await getTranslations("audit");
  return { title: t("title") };
}

function hrefFor(filter: AuditFilter, page: number): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filter, page }))
    if (v !== undefined && v !== "" && !(k === "page" && v === 1)) params.set(k, String(v));
  const qs = params.toString();
  return qs ? `/audit?${qs}` : "/audit";
}

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const caller = await requireCaller();
  const filter = auditFilterSchema.parse(await searchParams);
  const result = await listAudit(caller, filter);
  if (!result) notFound();
  const [t, f, locale] = await Promise.all([getTranslations("audit"), getDisplayFormat(), getLocale()]);
  const box = "w-full rounded border border-slate-400 bg-white px-2 py-1.5";
  // A code the catalogue does not know yet (a new service's action) is shown as it is rather than lost.
  const actionName = (action: string) => (t.has(`actions.${action}`) ? t(`actions.${action}`) : action);
  const entityName = (entity: string) => (t.has(`entities.${entity}`) ? t(`entities.${entity}`) : entity);
  const actorName = (actor: AuditRow["actor"]) =>
    actor.kind === "USER" ? `${actor.name} <${actor.email}>` : actor.kind === "PUBLIC" ? t("public") : t("system");
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <form
        method="get"
        className="grid grid-cols-1 gap-3 rounded-lg bg-white p-4 shadow-sm sm:grid-cols-3 lg:grid-cols-6"
        role="search"
        aria-label={t("filters")}
      >
        <label className="space-y-1 text-sm">
          <span className="block font-medium">{t("entity")}</span>
          <select name="entity" defaultValue={filter.entity ?? ""} className={box}>
            <option value="">{t("any")}</option>
            {AUDIT_ENTITIES.map((e) => (
              <option key={e} value={e}>
                {entityName(e)}
              </option>
            ))}
          </select>
        </label>
        <label className="space-y-1 text-sm">
          <span className="block font-medium">{t("action")}</span>
          <select name="action" defaultValue={filter.action ?? ""} className={box}>
            <option value="">{t("any")}</option>
            {!!filter.action && !(AUDIT_ACTIONS as readonly string[]).includes(filter.action) && (
              <option value={filter.action}>{filter.action}</option>
            )}
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {actionName(a)}
              </option>
            ))}
          </select>
        </label>
        <label className="space-y-1 text-sm">
          <span className="block font-medium">{t("actor")}</span>
          <input name="actor" defaultValue={filter.actor} className={box} />
        </label>
        {(["from", "to"] as const).map((k) => (
          <label key={k} className="space-y-1 text-sm">
            <span className="block font-medium">{t(k)}</span>
            <input type="date" name={k} defaultValue={filter[k]} className={box} />
          </label>
        ))}
        <div className="flex items-end gap-2">
          <button type="submit" className="bg-brand-700 hover:bg-brand-800 rounded px-4 py-1.5 text-white">
            {t("apply")}
          </button>
          <Link href="/audit" className="rounded border px-3 py-1.5 hover:bg-slate-100">
            {t("reset")}
          </Link>
        </div>
      </form>
      <ScrollBox label={t("title")} className="rounded-lg bg-white shadow-sm">
        <table className="min-w-full text-sm" data-testid="audit-table">
          <caption className="sr-only">{t("title")}</caption>
          <thead className="bg-slate-100 text-left">
            <tr>
              <th scope="col" className="px-3 py-2">
                {t("at")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("actor")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("action")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("entity")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("region")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("change")}
              </th>
            </tr>
          </thead>
          <tbody>
            {result.items.map((r) => (
              <tr key={r.id} className="border-t border-slate-200 align-top">
                <td className="px-3 py-2 whitespace-nowrap" data-testid="audit-at">
                  <time dateTime={r.at.toISOString()}>{f.dateTime(r.at)}</time>
                </td>
                <td className="px-3 py-2" data-testid="audit-actor" data-kind={r.actor.kind}>
                  {actorName(r.actor)}
                </td>
                <td className="px-3 py-2" data-testid="audit-action" data-action={r.action}>
                  {actionName(r.action)}
                </td>
                <td className="px-3 py-2" data-testid="audit-record">
                  {r.href ? (
                    <Link href={r.href} className="text-brand-700 underline">
                      {entityName(r.entity)} #<span>{r.entityId}</span>
                    </Link>
                  ) : (
                    <>
                      {entityName(r.entity)} #<span>{r.entityId}</span>
                    </>
                  )}
                </td>
                <td className="px-3 py-2" data-testid="audit-region" data-code={r.regionCode}>
                  {r.region.length > 0
                    ? r.region.map((n) => pickName(locale, n.nameZh, n.nameEn)).join(" · ")
                    : r.regionCode || "—"}
                </td>
                <td className="px-3 py-2">
                  <details>
                    <summary className="cursor-pointer">{t("beforeAfter")}</summary>
                    <div className="grid grid-cols-1 gap-2 md:grid-cols-2">
                      <pre className="overflow-x-auto text-xs whitespace-pre-wrap">
                        {t("before")}: {JSON.stringify(r.before, null, 2) ?? "—"}
                      </pre>
                      <pre className="overflow-x-auto text-xs whitespace-pre-wrap">
                        {t("after")}: {JSON.stringify(r.after, null, 2) ?? "—"}
                      </pre>
                    </div>
                  </details>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
      <Pagination
        page={filter.page}
        pageSize={result.pageSize}
        total={result.total}
        hrefFor={(p) => hrefFor(filter, p)}
      />
    </div>
  );
}
