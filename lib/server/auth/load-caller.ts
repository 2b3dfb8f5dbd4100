import "server-only";
import type { Db } from "@/lib/server/db";
import type { Caller } from "./scope";

/** The session a request carries: its id and when it was signed in (seconds since the epoch). */
export interface SessionRef {
  sid: string;
  signedInAt: number;
}

/** A signed-in user, and whether they must still replace a one-time password before anything else. */
export interface SessionUser {
  caller: Caller;
  mustChangePassword: boolean;
}

/**
 * The user behind a session, from the database: null when unknown or deactivated, and (given the
 * session) when that session was signed out or began before the user's sessions were last
 * voided (a password change, or an administrator ending them). One query either way.
 */
export async function loadSessionUser(db: Db, id: number, session?: SessionRef): Promise<SessionUser | null> {
  if (!Number.isInteger(id) || id <= 0) return null;
  const user = await db.user.findUnique({
    where: { id },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      jurisdiction: true,
      mineId: true,
      active: true,
      sessionsValidFrom: true,
      mustChangePassword: true,
      revokedSessions: session === undefined ? false : { where: { sid: session.sid }, select: { sid: true } },
    },
  });
  if (!user || !user.active) return null;
  if (session) {
    if ((user.revokedSessions?.length ?? 0) > 0) return null;
    if (user.sessionsValidFrom && session.signedInAt * 1000 < user.sessionsValidFrom.getTime()) return null;
  }
  return {
    caller: {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      jurisdiction: user.jurisdiction,
      mineId: user.mineId,
    },
    mustChangePassword: user.mustChangePassword,
  };
}

/**
 * The caller every page, action and route handler acts for: a user who must still replace a
 * one-time password is nobody yet (requireCaller sends them to the change-password page).
 */
export async function loadCaller(db: Db, id: number, session?: SessionRef): Promise<Caller | null> {
  const user = await loadSessionUser(db, id, session);
  return user && !user.mustChangePassword ? user.caller : null;
}
