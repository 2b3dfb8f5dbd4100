import "server-only";
import type { Db } from "@/lib/server/db";
import type { Caller } from "./scope";

/**
 * The user behind a session, from the database: null when unknown, deactivated, or (given the
 * session's id) when that session was signed out. One query either way.
 */
export async function loadCaller(db: Db, id: number, sessionId?: string): Promise<Caller | null> {
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
      revokedSessions: sessionId === undefined ? false : { where: { sid: sessionId }, select: { sid: true } },
    },
  });
  if (!user || !user.active || (user.revokedSessions?.length ?? 0) > 0) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    jurisdiction: user.jurisdiction,
    mineId: user.mineId,
  };
}
