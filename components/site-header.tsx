import Link from "next/link";
import { getTranslations } from "next-intl/server";
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
  links = [],
  signedIn = false,
}: {
  user: HeaderUser | null;
  /** Signed in but shown a public page: offer the way back into the portal instead of "sign in". */
  signedIn?: boolean;
  signOut?: () => Promise<void>;
  links?: NavLink[];
}) {
  const t = await getTranslations("common");
  return (
    <header className="bg-brand-700 text-white">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <Link href={user ? "/home" : "/"} className="text-lg font-semibold">
          {t("appName")}
        </Link>
        <nav aria-label={t("mainNav")} className="flex flex-wrap items-center gap-4 text-sm">
          {links.map((l) => (
            <Link key={l.href} href={l.href} className="hover:underline">
              {l.label}
            </Link>
          ))}
          <LanguageSwitcher />
          {user ? (
            <form action={signOut} className="flex items-center gap-3">
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
        </nav>
      </div>
    </header>
  );
}
