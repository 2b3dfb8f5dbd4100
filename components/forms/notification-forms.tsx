"use client";

import { useTranslations } from "next-intl";
import type { FormAction } from "@/lib/form-state";
import type { NotificationChannelChoice, NotificationKind } from "@/lib/notifications/kinds";
import { control, primaryButton, secondaryButton } from "./kit/buttons";
import { ErrorSummary } from "./kit/error-summary";
import { Field } from "./kit/field";
import { Form, useFormAction } from "./kit/form";

const NAMESPACES = ["errors"] as const;

/** "Mark as read" for one notification of the list. */
export function MarkReadButton({ action, notificationId }: { action: FormAction; notificationId: number }) {
  const t = useTranslations("notifications.list");
  const form = useFormAction(action, { ok: false });
  return (
    <Form form={form} namespaces={NAMESPACES} aria-label={t("markRead")}>
      <ErrorSummary />
      <input type="hidden" name="notificationId" value={notificationId} />
      <button type="submit" disabled={form.pending} className={`${secondaryButton} text-sm`}>
        {t("markRead")}
      </button>
    </Form>
  );
}

/** "Mark all as read". */
export function MarkAllReadButton({ action }: { action: FormAction }) {
  const t = useTranslations("notifications.list");
  const form = useFormAction(action, { ok: false });
  return (
    <Form form={form} namespaces={NAMESPACES} aria-label={t("markAllRead")}>
      <ErrorSummary />
      <button type="submit" disabled={form.pending} className={secondaryButton}>
        {t("markAllRead")}
      </button>
    </Form>
  );
}

/** The channel of every kind (in-app only, or in-app and email) and the language of the emails. */
export function PreferencesForm({
  action,
  kinds,
  channels,
  emailLocale,
}: {
  action: FormAction;
  kinds: readonly NotificationKind[];
  channels: Record<NotificationKind, NotificationChannelChoice>;
  emailLocale: string;
}) {
  const t = useTranslations("notifications");
  const form = useFormAction(action, { ok: false });
  const value = (name: string, fallback: string) => form.state.values?.[name] ?? fallback;
  return (
    <Form form={form} namespaces={NAMESPACES} className="space-y-4" aria-label={t("preferences.title")}>
      <ErrorSummary />
      {form.state.ok && (
        <p role="status" className="rounded bg-green-50 p-2 text-sm text-green-800">
          {t("preferences.saved")}
        </p>
      )}
      <table className="w-full text-sm">
        <thead>
          <tr className="text-left">
            <th scope="col" className="py-2 pr-4">
              {t("preferences.kind")}
            </th>
            <th scope="col" className="py-2">
              {t("preferences.channel")}
            </th>
          </tr>
        </thead>
        <tbody>
          {kinds.map((kind) => (
            <tr key={kind} className="border-t border-slate-200">
              <td className="py-2 pr-4">{t(`kindLabel.${kind}`)}</td>
              <td className="py-2">
                <Field name={kind} label={t(`kindLabel.${kind}`)} className="[&>label]:sr-only">
                  {(props) => (
                    <select
                      {...props}
                      name={kind}
                      defaultValue={value(kind, channels[kind])}
                      className={control}
                      data-testid={`channel-${kind}`}
                    >
                      <option value="IN_APP">{t("preferences.IN_APP")}</option>
                      <option value="IN_APP_AND_EMAIL">{t("preferences.IN_APP_AND_EMAIL")}</option>
                    </select>
                  )}
                </Field>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Field name="emailLocale" label={t("preferences.emailLocale")}>
        {(props) => (
          <select {...props} name="emailLocale" defaultValue={value("emailLocale", emailLocale)} className={control}>
            <option value="zh-CN" lang="zh-CN">
              简体中文
            </option>
            <option value="en" lang="en">
              English
            </option>
          </select>
        )}
      </Field>
      <button type="submit" disabled={form.pending} className={primaryButton}>
        {t("preferences.save")}
      </button>
    </Form>
  );
}
