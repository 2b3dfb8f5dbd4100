import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PreferencesForm } from "@/components/forms/notification-forms";
import { NOTIFICATION_KINDS } from "@/lib/notifications/kinds";
import { requireCaller } from "@/lib/server/auth/session";
import { notificationPreferences } from "@/lib/server/data/notifications";
import { emailEnabled } from "@/lib/server/notifications/notify";
import { savePreferencesAction } from "../actions";

export async function generateMetadata() {
  const t = await getTranslations("notifications.preferences");
  return { title: t("title") };
}

export default async function NotificationPreferencesPage() {
  const caller = await requireCaller();
  const prefs = await notificationPreferences(caller);
  const t = await getTranslations("notifications.preferences");
  return (
    <div className="max-w-3xl space-y-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p>{t("intro", { email: prefs.email })}</p>
      {!emailEnabled() && <p className="rounded bg-slate-100 p-2 text-sm">{t("emailOff")}</p>}
      <div className="rounded-lg bg-white p-4 shadow-sm">
        <PreferencesForm
          action={savePreferencesAction}
          kinds={NOTIFICATION_KINDS}
          channels={prefs.channels}
          emailLocale={prefs.emailLocale}
        />
      </div>
      <Link href="/notifications" className="text-brand-700 underline">
        {t("back")}
      </Link>
    </div>
  );
}
