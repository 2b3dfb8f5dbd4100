"use client";

import { useTranslations } from "next-intl";
import { MAIN_ID } from "@/components/main-id";

/**
 * What a page shows when rendering it failed on the server anyway: most often the database went
 * away between the availability check (proxy.ts) and the page's queries, or a server action was
 * answered by the 503 page. No stack trace, no message: a translated "try again" and the digest
 * that matches the server log.
 */
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  const t = useTranslations("unavailable");
  const digest =
    error && typeof error === "object" && "digest" in error && typeof error.digest === "string" ? error.digest : null;
  return (
    <main
      id={MAIN_ID}
      tabIndex={-1}
      className="mx-auto mt-16 max-w-lg rounded-lg bg-white p-8 text-center shadow focus:outline-none"
      data-testid="error-page"
    >
      <title>{`${t("title")} · ${t("appName")}`}</title>
      <h1 className="mb-2 text-2xl font-semibold">{t("errorHeading")}</h1>
      <p className="mb-4 text-slate-700">{t("errorBody")}</p>
      <p className="space-x-4">
        <button type="button" onClick={() => retry()} className="text-brand-700 underline">
          {t("retry")}
        </button>
        {/* A full load, so the layouts (and the session) are read again too. */}
        {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- a full load on purpose */}
        <a href="/" className="text-brand-700 underline">
          {t("home")}
        </a>
      </p>
      {digest && <p className="mt-4 text-xs text-slate-500">{t("reference", { digest })}</p>}
    </main>
  );
}
