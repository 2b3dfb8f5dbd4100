"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { LOCALES } from "@/lib/i18n/config";

const NAMES: Record<(typeof LOCALES)[number], string> = { "zh-CN": "简体中文", en: "English" };

/** `setLocale` is app/actions.ts's action, handed down by the page or layout that owns the header. */
export function LanguageSwitcher({ setLocale }: { setLocale: (locale: string) => Promise<void> }) {
  const t = useTranslations("common");
  const locale = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <label className="flex items-center gap-2 text-sm">
      <span>{t("language")}</span>
      <select
        data-testid="language-switcher"
        className="bg-brand-800 rounded border border-white/40 px-2 py-1 text-white"
        value={locale}
        disabled={pending}
        onChange={(e) => {
          const next = e.target.value;
          startTransition(async () => {
            await setLocale(next);
            router.refresh();
          });
        }}
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
