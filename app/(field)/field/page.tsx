import { getTranslations } from "next-intl/server";
import { FieldApp } from "@/components/field/field-app";
import { MAIN_ID } from "@/components/main-id";

// The offline shell (lib/field/contract.ts FIELD_PATH): the same for everyone, signed in or not.
export default async function FieldPage() {
  const t = await getTranslations("field");
  return (
    <main id={MAIN_ID} tabIndex={-1} className="mx-auto max-w-xl p-3 focus:outline-none">
      <h1 className="text-xl font-semibold">{t("title")}</h1>
      <p className="text-sm text-slate-600">{t("tagline")}</p>
      <FieldApp />
    </main>
  );
}
