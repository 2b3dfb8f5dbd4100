import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { HeaderMenu } from "./header-menu";
import { LanguageSwitcher } from "./language-switcher";
import { SignOutForm } from "./sign-out-form";

export interface HeaderUser {
  /** The account's id: sign-out counts its unsent field drafts. */
  id?: number;
  name: string;
  email: string;
  roleLabel: string;
}

export interface NavLink {
  href: string;
  label: string;
}

export async function SiteHeader({
  user,
  signOut,
  setLocale,
  links = [],
  signedIn = false,
  badges,
}: {
  user: HeaderUser | null;
  /** Signed in but shown a public page: offer the way back into the portal instead of "sign in". */
  signedIn?: boolean;
  signOut?: () => Promise<void>;
  /** app/actions.ts's setLocale: the owner of the header passes it, components do not import routes. */
  setLocale: (locale: string) => Promise<void>;
  links?: NavLink[];
  /** Small links beside the title that stay visible on a phone (the inbox count, the notification bell). */
  badges?: React.ReactNode;
}) {
  const t = await getTranslations("common");
  return (
    <header className="bg-brand-700 text-white">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <Link href={user ? "/home" : "/"} className="min-w-0 text-lg font-semibold">
          {t("appName")}
        </Link>
        {badges}
        <HeaderMenu navLabel={t("mainNav")} buttonLabel={t("menu")}>
          {links.map((l) => (
            <Link key={l.href} href={l.href} className="hover:underline">
              {l.label}
            </Link>
          ))}
          <LanguageSwitcher setLocale={setLocale} />
          {user ? (
            <SignOutForm action={signOut} userId={user.id} className="flex flex-wrap items-center gap-3">
              <span data-testid="current-user">
                {user.name} · {user.roleLabel}
              </span>
              <button type="submit" className="rounded border border-white/60 px-3 py-1 hover:bg-white/10">
                {t("signOut")}
              </button>
            </SignOutForm>
          ) : (
            <Link
              href={signedIn ? "/home" : "/login"}
              className="rounded border border-white/60 px-3 py-1 hover:bg-white/10"
            >
              {signedIn ? t("portal") : t("signIn")}
            </Link>
          )}
        </HeaderMenu>
      </div>
    </header>
  );
}
