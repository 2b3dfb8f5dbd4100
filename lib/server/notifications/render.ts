import "server-only";
import { isLocale, DEFAULT_LOCALE, type Locale } from "@/lib/i18n/config";
import { translatorFor } from "@/lib/i18n/translator";
import { localParams, type NotificationParams } from "@/lib/notifications/kinds";
import { portalUrl } from "./portal-url";

/** The message of a notification in a language: its title and its sentence. */
export function renderNotification(locale: string, kind: string, params: NotificationParams) {
  const loc: Locale = isLocale(locale) ? locale : DEFAULT_LOCALE;
  const t = translatorFor(loc);
  const key = `notifications.kinds.${kind}`;
  const values = localParams(params, loc);
  return { title: t(`${key}.title`, values), body: t(`${key}.body`, values) };
}

/** Subject and plain-text body of a notification email, in the recipient's language. */
export function renderEmail(locale: string, kind: string, params: NotificationParams, link: string | null) {
  const loc: Locale = isLocale(locale) ? locale : DEFAULT_LOCALE;
  const t = translatorFor(loc);
  const { title, body } = renderNotification(loc, kind, params);
  const lines = [body];
  if (link) lines.push("", `${portalUrl()}${link}`);
  lines.push("", t("notifications.email.footer"));
  return { subject: `${t("notifications.email.subjectPrefix")}${title}`, body: lines.join("\n") };
}
