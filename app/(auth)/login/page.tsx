import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/forms/login-form";
import { SiteHeader } from "@/components/site-header";
import { CHANGE_PASSWORD_PATH, getCaller, getSessionUser } from "@/lib/server/auth/session";
import { safeReturnPath } from "@/lib/validation/return-path";
import { login } from "./actions";
import { MAIN_ID } from "@/components/main-id";
import { setLocale } from "@/app/actions";

export async function generateMetadata() {
  const t = await getTranslations("login");
  return { title: t("title") };
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  // The page a signed-out visit asked for (requireCaller sent it here), if it is one of ours.
  const next = safeReturnPath((await searchParams).next);
  if (await getCaller()) redirect(next ?? "/home");
  // Signed in with a one-time password still to replace: that comes first.
  if ((await getSessionUser())?.mustChangePassword) redirect(CHANGE_PASSWORD_PATH);
  const t = await getTranslations("login");
  return (
    <>
      <SiteHeader setLocale={setLocale} user={null} />
      <main
        id={MAIN_ID}
        tabIndex={-1}
        className="mx-auto mt-12 max-w-md rounded-lg bg-white p-8 shadow focus:outline-none"
      >
        <h1 className="mb-6 text-2xl font-semibold">{t("title")}</h1>
        <LoginForm action={login} next={next} />
      </main>
    </>
  );
}
