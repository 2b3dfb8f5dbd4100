import Link from "next/link";
import { getTranslations } from "next-intl/server";

/**
 * The header's link to /inbox with the number of things waiting for the user (counted by the portal
 * layout from lib/server/data/inbox.ts). Outside the collapsible menu, so a phone shows it too.
 */
export async function InboxBadge({ count }: { count: number }) {
  const t = await getTranslations("inbox");
  return (
    <Link
      href="/inbox"
      aria-label={t("badge", { count })}
      data-testid="inbox-badge"
      data-count={count}
      className="flex items-center gap-2 rounded border border-white/60 px-3 py-1 text-sm hover:bg-white/10"
    >
      <span aria-hidden="true">{t("nav")}</span>
      <span
        aria-hidden="true"
        className={`min-w-6 rounded-full px-2 text-center text-xs leading-5 font-semibold ${count > 0 ? "bg-amber-300 text-slate-900" : "bg-white/20"}`}
      >
        {count}
      </span>
    </Link>
  );
}
