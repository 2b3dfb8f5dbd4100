import { getTranslations } from "next-intl/server";
import { SiteHeader } from "@/components/site-header";
import { requireCaller } from "@/lib/server/auth/session";
import { signOutAction } from "./actions";

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const caller = await requireCaller();
  const t = await getTranslations("enums.role");
  return (
    <>
      <SiteHeader
        user={{ name: caller.name, email: caller.email, roleLabel: t(caller.role) }}
        signOut={signOutAction}
      />
      <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
    </>
  );
}
