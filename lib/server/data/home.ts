import "server-only";
import { can } from "@/lib/server/auth/permissions";
import type { Caller } from "@/lib/server/auth/scope";
import { db } from "@/lib/server/db";

/** Where a user lands after signing in: a mine manager on the mine, readers of figures on the dashboard. */
export async function homePath(caller: Caller): Promise<string> {
  if (caller.role === "MINE_MANAGER") {
    const mine = caller.mineId
      ? await db.mine.findUnique({ where: { id: caller.mineId }, select: { code: true } })
      : null;
    return mine ? `/mines/${encodeURIComponent(mine.code)}` : "/mines";
  }
  if (can(caller.role, "dashboard.read")) return "/dashboard";
  return "/mines";
}
