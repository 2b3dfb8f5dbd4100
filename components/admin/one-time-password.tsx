"use client";

import { useTranslations } from "next-intl";

/** A one-time password, shown once after it was made: the page never shows it again. */
export function OneTimePassword({ email, password }: { email: string; password: string }) {
  const t = useTranslations("admin.users");
  return (
    <div role="status" className="space-y-1 rounded border border-amber-400 bg-amber-50 p-3 text-sm">
      <p className="font-medium">{t("oneTimeTitle", { email })}</p>
      <p>
        <code data-testid="one-time-password" className="rounded bg-white px-2 py-1 font-mono text-base select-all">
          {password}
        </code>
      </p>
      <p className="text-slate-700">{t("oneTimeHint")}</p>
    </div>
  );
}
