import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { SkipLink } from "@/components/skip-link";
import { ClientMessages } from "@/components/client-messages";
import { ServiceWorkerRegistration } from "@/components/pwa/service-worker-registration";
import { SHELL_MESSAGE_PATHS } from "@/lib/i18n/client-messages";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("common");
  return {
    title: t("appName"),
    description: t("appTagline"),
    // public/, drawn by scripts/icons.mjs; the manifest's link comes from app/manifest.ts.
    icons: {
      icon: [
        { url: "/favicon.ico", sizes: "48x48" },
        { url: "/icon.svg", type: "image/svg+xml" },
      ],
      apple: "/apple-touch-icon.png",
    },
  };
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body className="min-h-screen bg-slate-50 text-slate-900">
        {/* Only what client components read (lib/i18n/client-messages.ts): the rest stays on the server.
            The portal, the public pages and sign-in each send their own (their layouts). */}
        <ClientMessages paths={SHELL_MESSAGE_PATHS}>
          <SkipLink />
          {children}
        </ClientMessages>
        <ServiceWorkerRegistration />
      </body>
    </html>
  );
}
