import "server-only";
import { can } from "@/lib/server/auth/permissions";
import { mineScope, type Caller } from "@/lib/server/auth/scope";
import { db as defaultDb, type Db } from "@/lib/server/db";

/**
 * Decisions of one mine by id, for the regulators who propose them: those a spot-check just
 * proposed, listed in the address its save redirected to ("12,13"). Ids of another mine, or of a
 * mine outside the caller's scope, are left out; so is anything for a role that may not propose.
 */
export async function proposalsOfMine(
  caller: Caller,
  mineCode: string,
  rawIds: string | string[] | undefined,
  opts: { db?: Db } = {},
) {
  const db = opts.db ?? defaultDb;
  if (!can(caller.role, "decision.propose")) return [];
  const ids = (typeof rawIds === "string" ? rawIds : "")
    .split(",")
    .filter((x) => /^[1-9]\d{0,8}$/.test(x))
    .slice(0, 10)
    .map(Number);
  if (ids.length === 0) return [];
  return db.decision.findMany({
    where: { id: { in: ids }, mine: { AND: [{ code: mineCode }, mineScope(caller)] } },
    orderBy: { id: "asc" },
    select: { id: true, type: true, reason: true, fromLevel: true, toLevel: true },
  });
}
