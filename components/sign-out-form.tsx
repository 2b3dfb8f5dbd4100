"use client";

import { useTranslations } from "next-intl";
import { useRef } from "react";
import { FIELD_SHELL_CACHE } from "@/lib/field/contract";

/** The name Serwist gives its precache ("serwist-precache-v2-<scope>"). */
const PRECACHE_PREFIX = "serwist-precache";

/**
 * The header's sign-out (issue 16.5): nothing the field app keeps offline outlives the session. Before
 * the form goes, it counts the unsent field drafts of this account and asks for a confirmation naming
 * the count, then deletes the field app's IndexedDB database and this origin's caches (the field shell's among them). Without
 * JavaScript the form posts as it is and sign-out still works (no script ran, so nothing was stored).
 */
export function SignOutForm({
  action,
  userId,
  className,
  children,
}: {
  action?: () => Promise<void>;
  /** The signed-in account, whose unsent drafts are counted. */
  userId: number | undefined;
  className?: string;
  children: React.ReactNode;
}) {
  const t = useTranslations("common");
  const form = useRef<HTMLFormElement>(null);
  const cleared = useRef(false);
  return (
    <form
      ref={form}
      action={action}
      className={className}
      data-testid="sign-out-form"
      onSubmit={(e) => {
        if (cleared.current) return;
        e.preventDefault();
        void (async () => {
          // Loaded only now: the store (and idb) are not part of every page.
          const fieldStore = await import("@/lib/field/store");
          const count = userId === undefined ? 0 : await fieldStore.countUnsent(userId).catch(() => 0);
          if (count > 0 && !window.confirm(t("signOutUnsent", { count }))) return;
          await fieldStore.deleteDatabase().catch(() => undefined);
          if ("caches" in window) {
            // Every cache but the service worker's precache (the build's static files and the shell,
            // the same for everyone), so that the field app still opens offline after the next sign-in.
            const names = await caches.keys().catch(() => [] as string[]);
            await Promise.all(
              names
                .filter((name) => name === FIELD_SHELL_CACHE || !name.startsWith(PRECACHE_PREFIX))
                .map((name) => caches.delete(name).catch(() => false)),
            );
          }
          cleared.current = true;
          form.current?.requestSubmit();
        })();
      }}
    >
      {children}
    </form>
  );
}
