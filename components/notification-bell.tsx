import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { Caller } from "@/lib/server/auth/scope";
import { unreadNotificationCount } from "@/lib/server/data/notifications";

/** The bell in the portal's header: a link to /notifications with the caller's unread count. */
export async function NotificationBell({ caller }: { caller: Caller }) {
  const [count, t] = await Promise.all([unreadNotificationCount(caller), getTranslations("notifications.bell")]);
  return (
    <Link
      href="/notifications"
      className="relative inline-flex items-center gap-1 rounded px-2 py-1 hover:bg-white/10"
      aria-label={t("unread", { count })}
      data-testid="notification-bell"
    >
      <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="2">
        <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
        <path d="M13.7 21a2 2 0 0 1-3.4 0" />
      </svg>
      {count > 0 && (
        <span
          className="min-w-5 rounded-full bg-amber-400 px-1.5 text-center text-xs font-semibold text-slate-900"
          data-testid="notification-count"
        >
          {count > 99 ? "99+" : count}
        </span>
      )}
    </Link>
  );
}
