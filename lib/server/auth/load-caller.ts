import "server-only";
import type { Db } from "@/lib/server/db";
import type { Caller } from "./scope";

/** The user behind a session, from the database: null when unknown or deactivated. */
export async function loadCaller(db: Db, id: number): Promise<Caller | null> {
  if (!Number.isInteger(id) || id <= 0) return null;
  const user = await db.user.findUnique({
    where: { id },
    select: { id: true, email: true, name: true, role: true, jurisdiction: true, mineId: true, active: true },
  });
  if (!user || !user.active) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    jurisdiction: user.jurisdiction,
    mineId: user.mineId,
  };
}
