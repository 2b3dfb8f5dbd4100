import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { MarkAllReadButton, MarkReadButton } from "@/components/forms/notification-forms";
import { Pagination } from "@/components/ui/pagination";
import { getDisplayFormat } from "@/lib/i18n/display";
import { isNotificationKind, localParams } from "@/lib/notifications/kinds";
import { requireCaller } from "@/lib/server/auth/session";
import { listNotifications } from "@/lib/server/data/notifications";
import { markAllReadAction, markReadAction } from "./actions";

export async function generateMetadata() {
  const t = await getTranslations("notifications.list");
  return { title: t("title") };
}

/** A page number from the query: a positive whole number, else the first page. */
function pageOf(value: string | undefined): number {
  return value && /^\d{1,5}$/.test(value) && Number(value) > 0 ? Number(value) : 1;
}

export default async function NotificationsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const caller = await requireCaller();
  const params = await searchParams;
  const unreadOnly = params.unread === "1";
  const page = pageOf(typeof params.page === "string" ? params.page : undefined);
  const result = await listNotifications(caller, { page, unreadOnly });
  const [t, tk, f, locale] = await Promise.all([
    getTranslations("notifications.list"),
    getTranslations("notifications.kinds"),
    getDisplayFormat(),
    getLocale(),
  ]);
  const hrefFor = (p: number) => {
    const q = new URLSearchParams();
    if (unreadOnly) q.set("unread", "1");
    if (p > 1) q.set("page", String(p));
    const s = q.toString();
    return s ? `/notifications?${s}` : "/notifications";
  };
  // Links are stored as paths inside the portal; anything else is not offered as a link.
  const safeLink = (link: string | null) => (link && link.startsWith("/") && !link.startsWith("//") ? link : null);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <div className="flex flex-wrap items-center gap-3">
          {result.unread > 0 && <MarkAllReadButton action={markAllReadAction} />}
          <Link href="/notifications/preferences" className="text-brand-700 underline">
            {t("preferences")}
          </Link>
        </div>
      </div>
      <nav aria-label={t("title")} className="flex gap-3 text-sm">
        <Link
          href="/notifications"
          aria-current={!unreadOnly ? "page" : undefined}
          className={!unreadOnly ? "font-semibold" : "underline"}
        >
          {t("filterAll")}
        </Link>
        <Link
          href="/notifications?unread=1"
          aria-current={unreadOnly ? "page" : undefined}
          className={unreadOnly ? "font-semibold" : "underline"}
        >
          {t("filterUnread")} ({result.unread})
        </Link>
      </nav>
      {result.items.length === 0 ? (
        <p className="rounded-lg bg-white p-4 shadow-sm">{t("empty")}</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg bg-white shadow-sm" data-testid="notification-list">
          {result.items.map((n) => {
            const known = isNotificationKind(n.kind);
            const values = localParams(n.params, locale);
            const title = known ? tk(`${n.kind}.title`, values) : n.kind;
            const body = known ? tk(`${n.kind}.body`, values) : "";
            const link = safeLink(n.link);
            return (
              <li
                key={n.id}
                className={`flex flex-wrap items-start justify-between gap-3 p-4 ${n.readAt ? "" : "bg-amber-50"}`}
                data-testid="notification"
                data-read={n.readAt ? "true" : "false"}
              >
                <div className="min-w-0 space-y-1">
                  <p className="font-medium">
                    <span className={n.readAt ? "text-slate-600" : "text-amber-800"}>
                      [{n.readAt ? t("read") : t("unread")}]
                    </span>{" "}
                    {link ? (
                      <Link href={link} className="text-brand-700 underline">
                        {title}
                      </Link>
                    ) : (
                      title
                    )}
                  </p>
                  {body && <p className="text-sm">{body}</p>}
                  <p className="text-xs text-slate-600">
                    {t("receivedAt")}: {f.dateTime(n.createdAt)}
                  </p>
                </div>
                {!n.readAt && <MarkReadButton action={markReadAction} notificationId={n.id} />}
              </li>
            );
          })}
        </ul>
      )}
      <Pagination page={result.page} pageSize={result.pageSize} total={result.total} hrefFor={hrefFor} />
    </div>
  );
}
