// The kinds of notification, shared by the server (notify, delivery) and the pages (list, preferences).
// A kind's message is `notifications.kinds.<KIND>.title` / `.body` in lib/i18n/messages/*/notifications.json,
// translated with the notification's params. Add a kind here and in both catalogues.

export const NOTIFICATION_KINDS = [
  "DECISION_PROPOSED",
  "DECISION_CONFIRMED",
  "DECISION_WITHDRAWN",
  "SPOT_CHECK_FINDINGS",
  "APPLICATION_STATE",
  "REPLY_POSTED",
  "GRADE_EXPIRING",
  "FINDING_OVERDUE",
] as const;

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export type NotificationChannelChoice = "IN_APP" | "IN_APP_AND_EMAIL";

export function isNotificationKind(value: unknown): value is NotificationKind {
  return typeof value === "string" && (NOTIFICATION_KINDS as readonly string[]).includes(value);
}

/**
 * The channel of a kind for a user who has not chosen: what asks the reader to act (a proposal to
 * confirm, an application at their step, a reply to answer) also goes by email; the rest is in-app.
 */
export const DEFAULT_CHANNEL: Record<NotificationKind, NotificationChannelChoice> = {
  DECISION_PROPOSED: "IN_APP_AND_EMAIL",
  DECISION_CONFIRMED: "IN_APP_AND_EMAIL",
  DECISION_WITHDRAWN: "IN_APP",
  SPOT_CHECK_FINDINGS: "IN_APP_AND_EMAIL",
  APPLICATION_STATE: "IN_APP_AND_EMAIL",
  REPLY_POSTED: "IN_APP",
  GRADE_EXPIRING: "IN_APP_AND_EMAIL",
  FINDING_OVERDUE: "IN_APP",
};

/** Values a message is translated with (ICU arguments): plain strings and numbers only. */
export type NotificationParams = Record<string, string | number>;

/** The params as a language reads them: in English a mine's English name (`mineEn`) replaces its Chinese one. */
export function localParams(params: NotificationParams, locale: string): NotificationParams {
  return locale === "en" && typeof params.mineEn === "string" && params.mineEn
    ? { ...params, mine: params.mineEn }
    : params;
}
