import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/client-messages";
import { SiteHeader } from "@/components/site-header";
import { PUBLIC_MESSAGE_PATHS } from "@/lib/i18n/client-messages";
import { getCaller } from "@/lib/server/auth/session";
import { MAIN_ID } from "@/components/main-id";
import { setLocale } from "@/app/actions";

export default async function PublicLayout({ children }: { children: React.ReactNode }) {
  const [caller, t] = await Promise.all([getCaller(), getTranslations("register")]);
  return (
    <ClientMessages paths={PUBLIC_MESSAGE_PATHS}>
      <SiteHeader
        setLocale={setLocale}
        user={null}
        signedIn={Boolean(caller)}
        links={[
          { href: "/register", label: t("navGrades") },
          { href: "/register/decisions", label: t("navDecisions") },
          { href: "/notices", label: t("navNotices") },
        ]}
      />
      <main id={MAIN_ID} tabIndex={-1} className="mx-auto max-w-7xl px-4 py-6 focus:outline-none">
        {children}
      </main>
      <footer className="mx-auto max-w-7xl px-4 pb-8 text-xs text-slate-600">
        <Link href="/api/openapi.json" className="underline">
          {t("api")}
        </Link>
      </footer>
    </ClientMessages>
  );
}
