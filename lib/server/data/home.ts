import "server-only";
import type { Caller } from "@/lib/server/auth/scope";
import { db } from "@/lib/server/db";

export async function homePath(caller: Caller): Promise<string> {
  if (caller.role === "MINE_MANAGER") {
    const mine = caller.mineId
      ? await db.mine.findUnique({ where: { id: caller.mineId }, select: { code: true } })
      : null;
    return mine ? `/mines/${encodeURIComponent(mine.code)}` : "/mines";
  }
  return "/mines";
}
