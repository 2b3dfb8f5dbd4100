import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { HeaderMenu } from "./header-menu";
import { LanguageSwitcher } from "./language-switcher";

export interface HeaderUser {
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
  /** Indicators of the signed-in user shown after the links (the notification bell). */
  badges?: React.ReactNode;
}) {
  const t = await getTranslations("common");
  return (
    <header className="bg-brand-700 text-white">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <Link href={user ? "/home" : "/"} className="min-w-0 text-lg font-semibold">
          {t("appName")}
        </Link>
        <HeaderMenu navLabel={t("mainNav")} buttonLabel={t("menu")}>
          {links.map((l) => (
            <Link key={l.href} href={l.href} className="hover:underline">
              {l.label}
            </Link>
          ))}
          {badges}
          <LanguageSwitcher setLocale={setLocale} />
          {user ? (
            <form action={signOut} className="flex flex-wrap items-center gap-3">
              <span data-testid="current-user">
                {user.name} · {user.roleLabel}
              </span>
              <button type="submit" className="rounded border border-white/60 px-3 py-1 hover:bg-white/10">
                {t("signOut")}
              </button>
            </form>
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
