import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { MAIN_ID } from "@/components/main-id";

export default async function NotFound() {
  const t = await getTranslations("common");
  return (
    <main
      id={MAIN_ID}
      tabIndex={-1}
      className="mx-auto mt-16 max-w-lg rounded-lg bg-white p-8 text-center shadow focus:outline-none"
    >
      <h1 className="mb-2 text-2xl font-semibold">{t("notFoundTitle")}</h1>
      <p className="mb-4 text-slate-700">{t("notFoundText")}</p>
      <Link href="/" className="text-brand-700 underline">
        {t("backHome")}
      </Link>
    </main>
  );
}
