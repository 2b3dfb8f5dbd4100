import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { db } from "@/lib/server/db";
import { REQUEST_URL_HEADER } from "@/lib/server/http/availability";
import { logger } from "@/lib/server/log/logger";
import { currentRequestId } from "@/lib/server/log/request-context";
import { safeReturnPath } from "@/lib/validation/return-path";
import { auth, signOut } from "./auth";
import type { SessionWithId } from "./config";
import { ABSOLUTE_LIFETIME_S, nowSeconds } from "./session-policy";
import { loadSessionUser, type SessionUser } from "./load-caller";
import type { Caller } from "./scope";

/**
 * The signed-in user, reloaded from the database on every request: a deactivated user or a
 * changed role takes effect at once, whatever the JWT still says.
 */
export const getCaller = cache(async (): Promise<Caller | null> => {
  const user = await getSessionUser();
  return user && !user.mustChangePassword ? user.caller : null;
});

/**
 * The signed-in user even while a one-time password awaits replacement: only the change-password
 * page and the redirects to it use this; everything else asks getCaller, which treats such a user
 * as signed out.
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = (await auth()) as SessionWithId | null;
  // Every session the portal issues carries its id and start; one without them is not ours to trust.
  if (!session?.sid || typeof session.signedInAt !== "number") return null;
  return loadSessionUser(db, Number(session.user?.id), { sid: session.sid, signedInAt: session.signedInAt });
});

/** Where a user who must replace a one-time password is sent, whatever they asked for. */
export const CHANGE_PASSWORD_PATH = "/password";

/**
 * Signs the current session out for good: its id is recorded as revoked (so a copy of the cookie
 * taken before is refused too, not only the browser's own cookie deleted), rows of sessions that
 * have expired anyway are cleared, then Auth.js clears the cookie and redirects.
 */
export async function revokeSessionAndSignOut(redirectTo: string): Promise<void> {
  const session = (await auth()) as SessionWithId | null;
  const userId = Number(session?.user?.id);
  if (session?.sid && Number.isInteger(userId) && userId > 0) {
    const now = new Date();
    const expiresAt = new Date(((session.signedInAt ?? nowSeconds()) + ABSOLUTE_LIFETIME_S) * 1000);
    await db.$transaction([
      db.revokedSession.deleteMany({ where: { expiresAt: { lt: now } } }),
      db.revokedSession.createMany({
        data: [{ sid: session.sid, userId, expiresAt: expiresAt > now ? expiresAt : now }],
        skipDuplicates: true,
      }),
    ]);
    logger.info({ requestId: await currentRequestId(), userId, action: "signOut" }, "sign-out");
  }
  await signOut({ redirectTo });
}

/** The signed-in caller, else a redirect to sign-in that comes back to the page asked for. */
export async function requireCaller(): Promise<Caller> {
  const caller = await getCaller();
  if (caller) return caller;
  if ((await getSessionUser())?.mustChangePassword) redirect(CHANGE_PASSWORD_PATH);
  redirect(await signInPath());
}

/**
 * The sign-in page, with the address of this request (set by proxy.ts) to return to afterwards. A
 * server action's caller is sent there plainly: its request was a post from a page, not a link.
 */
async function signInPath(): Promise<string> {
  const h = await headers();
  if (h.has("next-action")) return "/login";
  const back = safeReturnPath(h.get(REQUEST_URL_HEADER));
  return back && back !== "/home" ? `/login?next=${encodeURIComponent(back)}` : "/login";
}
