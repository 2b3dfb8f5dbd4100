"use client";

import { useTranslations } from "next-intl";
import type { MessageParams } from "@/lib/form-state";

/**
 * A message key from a schema or a service, in the user's language: looked up in the form's own
 * namespaces in order (e.g. "applicationErrors", then "errors"); a key no catalogue has reads as
 * "This value is not valid" rather than as the key.
 */
export function useErrorText(
  namespaces: readonly string[] = ["errors"],
): (key: string | undefined, params?: MessageParams) => string | undefined {
  const t = useTranslations();
  return (key, params) => {
    if (!key) return undefined;
    for (const ns of namespaces) if (t.has(`${ns}.${key}`)) return t(`${ns}.${key}`, params);
    return t("errors.invalid");
  };
}
