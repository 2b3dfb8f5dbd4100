import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { SiteHeader } from "@/components/site-header";
import { getCaller } from "@/lib/server/auth/session";
import { MAIN_ID } from "@/components/main-id";
import { setLocale } from "./actions";

export default async function LandingPage() {
  const caller = await getCaller();
  const t = await getTranslations("landing");
  const tc = await getTranslations("common");
  return (
    <>
      <SiteHeader setLocale={setLocale} user={null} />
      <main id={MAIN_ID} tabIndex={-1} className="mx-auto max-w-3xl space-y-4 px-4 py-12 focus:outline-none">
        <h1 className="text-3xl font-semibold">{tc("appName")}</h1>
        <p className="text-lg text-slate-700">{t("intro")}</p>
        <Link
          href={caller ? "/home" : "/login"}
          className="bg-brand-700 hover:bg-brand-800 inline-block rounded px-5 py-2 font-medium text-white"
        >
          {caller ? t("enterPortal") : tc("signIn")}
        </Link>
      </main>
    </>
  );
}
