"use client";

import { useSyncExternalStore } from "react";
import { LOCALE_COOKIE, resolveLocale } from "@/lib/i18n/config";
import en from "@/lib/i18n/messages/en/unavailable.json";
import zhCN from "@/lib/i18n/messages/zh-CN/unavailable.json";
import "./globals.css";
import { MAIN_ID } from "@/components/main-id";

/** The saved choice, then the browser's languages. */
function clientLocale() {
  const saved = document.cookie
    .split(";")
    .map((c) => c.trim().split("="))
    .find(([name]) => name === LOCALE_COOKIE)?.[1];
  return resolveLocale(saved, navigator.languages.join(","));
}

const noSubscription = () => () => {};

/**
 * When the root layout itself fails, this replaces it, so there is no translation provider: the
 * two catalogues of this one namespace are bundled and the locale is resolved as the server does.
 */
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  // zh-CN on the server and while hydrating (no mismatch), then the browser's own choice.
  const locale = useSyncExternalStore(noSubscription, clientLocale, () => resolveLocale(undefined, null));
  const m = locale === "en" ? en : zhCN;
  const digest =
    error && typeof error === "object" && "digest" in error && typeof error.digest === "string" ? error.digest : null;
  return (
    <html lang={locale}>
      <body className="min-h-screen bg-slate-50 text-slate-900">
        <title>{`${m.title} · ${m.appName}`}</title>
        <main
          id={MAIN_ID}
          tabIndex={-1}
          className="mx-auto mt-16 max-w-lg rounded-lg bg-white p-8 text-center shadow focus:outline-none"
          data-testid="error-page"
        >
          <h1 className="mb-2 text-2xl font-semibold">{m.errorHeading}</h1>
          <p className="mb-4 text-slate-700">{m.errorBody}</p>
          <p className="space-x-4">
            <button type="button" onClick={() => retry()} className="underline">
              {m.retry}
            </button>
            {/* A full load: the root layout failed, so nothing of this page is worth keeping. */}
            {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- a full load on purpose */}
            <a href="/" className="underline">
              {m.home}
            </a>
          </p>
          {digest && <p className="mt-4 text-xs text-slate-500">{m.reference.replace("{digest}", digest)}</p>}
        </main>
      </body>
    </html>
  );
}
