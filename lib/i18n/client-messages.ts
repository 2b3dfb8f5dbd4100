// The part of a catalogue the browser needs: the messages that client components ("use client")
// read. Server components translate on the server with the whole catalogue; NextIntlClientProvider
// gets only these paths, so the rest never travels in a page's RSC payload. Each part of the app
// sends what the client components it renders read (components/client-messages.tsx): the root
// layout SHELL (which the portal's own layout adds nothing to), the dashboard DASHBOARD, the portal's
// other sections PORTAL, the public pages PUBLIC, sign-in AUTH.
// tests/unit/client-messages.test.ts follows the imports of every page and layout to the client
// modules it renders, and fails when one of them reads a message its part does not send.

/** The root layout's: the language switcher and the error page, on every page. */
export const SHELL_MESSAGE_PATHS = ["common", "unavailable"] as const;

/** The public register and notices (an objection is a form). */
export const PUBLIC_MESSAGE_PATHS = [
  ...SHELL_MESSAGE_PATHS,
  "forms",
  "errors",
  "applicationErrors",
  "notices",
  "evidence",
] as const;

/** The field app (issue 16, app/(field)): the offline spot-check drafts, their form and its errors. */
export const FIELD_MESSAGE_PATHS = [
  ...SHELL_MESSAGE_PATHS,
  "field",
  "forms",
  "errors",
  "enums",
  "spotCheckForm",
  "grade",
] as const;

/** Sign-in and the password change. */
export const AUTH_MESSAGE_PATHS = [
  ...SHELL_MESSAGE_PATHS,
  "forms",
  "errors",
  "adminErrors",
  "login",
  "admin.password",
] as const;

/** The dashboard: its charts and the regions comparison. */
export const DASHBOARD_MESSAGE_PATHS = [
  ...SHELL_MESSAGE_PATHS,
  "dashboard.charts",
  "dashboard.series",
  "dashboard.map",
  "dashboard.sortHint",
  "dashboard.col.mines",
  "dashboard.mineListShort",
  "enums.decisionReason",
] as const;

/** The rest of the portal: every client component a signed-in page may render (its forms above all). */
export const PORTAL_MESSAGE_PATHS = [
  // app/error.tsx
  "unavailable",
  // components/language-switcher.tsx
  "common",
  // the form kit: labels, and error keys looked up under each form's namespaces (error-text.ts)
  "forms",
  "errors",
  "adminErrors",
  "applicationErrors",
  // components/admin/*
  "admin.targets",
  "admin.users",
  "admin.authorities",
  "admin.regionPicker",
  "admin.password",
  "admin.jobs.form",
  "enums",
  "grade",
  // components/forms/*
  "importForm",
  "login",
  "notices",
  "decisions",
  "spotCheckEdit",
  "calendar",
  "managerView.replies",
  "mineRegister",
  "events",
  "spotCheckForm",
  "ruleVersions",
  "applications",
  // components/forms/notification-forms.tsx
  "notifications.list",
  "notifications.preferences",
  "notifications.kindLabel",
  "evidence",
  // components/charts/*
  "dashboard.charts",
  "dashboard.series",
  "dashboard.map",
  "dashboard.sortHint",
  "dashboard.col.mines",
  "dashboard.mineListShort",
] as const;

type Messages = Record<string, unknown>;

/** Whether `path` is one of `paths` or lies inside one of them. */
export function covers(paths: readonly string[], path: string): boolean {
  return paths.some((p) => path === p || path.startsWith(`${p}.`));
}

/** The messages under `paths` (dotted), in the catalogue's own shape; a path the catalogue lacks is skipped. */
export function pickMessages(messages: Messages, paths: readonly string[]): Messages {
  const out: Messages = {};
  for (const p of paths) {
    const parts = p.split(".");
    let from: unknown = messages;
    for (const part of parts) from = from && typeof from === "object" ? (from as Messages)[part] : undefined;
    if (from === undefined) continue;
    let to = out;
    for (const part of parts.slice(0, -1)) to = (to[part] ??= {}) as Messages;
    to[parts[parts.length - 1]] = from;
  }
  return out;
}
