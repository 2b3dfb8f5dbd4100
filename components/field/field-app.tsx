"use client";

import { useTranslations } from "next-intl";

/** The field app's client side (issue 16): replaced by the drafts, the form and the sync client. */
export function FieldApp() {
  const t = useTranslations("field");
  return <p className="mt-4 text-slate-600">{t("loading")}</p>;
}
