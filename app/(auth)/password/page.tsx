import { getTranslations } from "next-intl/server";
import { setLocale } from "@/app/actions";
import { redirect } from "next/navigation";
import { ChangePasswordForm } from "@/components/forms/change-password-form";
import { MAIN_ID } from "@/components/main-id";
import { SiteHeader } from "@/components/site-header";
import { getSessionUser } from "@/lib/server/auth/session";
import { signOutAction } from "../../(portal)/actions";
import { changePasswordAction } from "./actions";

export async function generateMetadata() {
  const t = await getTranslations("admin.password");
  return { title: t("title") };
}

/** Choosing one's own password: required after an administrator set a one-time one, open to anyone signed in. */
export default async function PasswordPage() {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  const [t, tr] = await Promise.all([getTranslations("admin.password"), getTranslations("enums.role")]);
  const { caller } = user;
  return (
    <>
      <SiteHeader
        user={{ id: caller.id, name: caller.name, email: caller.email, roleLabel: tr(caller.role) }}
        signOut={signOutAction}
        setLocale={setLocale}
      />
      <main
        id={MAIN_ID}
        tabIndex={-1}
        className="mx-auto mt-12 max-w-md space-y-4 rounded-lg bg-white p-8 shadow focus:outline-none"
      >
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="text-sm text-slate-700" data-testid="password-intro">
          {user.mustChangePassword ? t("forcedIntro") : t("intro")}
        </p>
        <ChangePasswordForm action={changePasswordAction} />
      </main>
    </>
  );
}
