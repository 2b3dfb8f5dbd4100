import "server-only";
import { z } from "zod";
import { MANAGED_ROLES, mayManageAccount } from "@/lib/domain/account-reach";
import type { Prisma } from "@/lib/generated/prisma/client";
import { loginLockout } from "@/lib/server/auth/lockout";
import { LOCKOUT_HISTORY_MS } from "@/lib/server/auth/lockout";
import { can } from "@/lib/server/auth/permissions";
import { mineScope, type Caller } from "@/lib/server/auth/scope";
import { db as defaultDb, type Db } from "@/lib/server/db";
import { SYSTEM_ACTOR_ID } from "@/lib/server/jobs/system-actor";

// The accounts a caller manages (administration pages): every read is limited to the caller's
// reach (lib/domain/account-reach.ts), so an account outside it is absent, not forbidden.

export const USERS_PAGE_SIZE = 50;

export const userFilterSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
export type UserFilter = z.infer<typeof userFilterSchema>;

/** The accounts within the caller's reach, as a Prisma filter (roles it manages, under its jurisdiction). */
function reachFilter(caller: Caller): Prisma.UserWhereInput {
  return {
    // The system actor (lib/server/jobs/system-actor.ts) is no account anyone manages.
    id: { not: SYSTEM_ACTOR_ID },
    role: { in: [...MANAGED_ROLES[caller.role]] },
    ...(caller.jurisdiction ? { jurisdiction: { startsWith: caller.jurisdiction } } : {}),
  };
}

/** The caller's manageable accounts, newest first; null when the caller manages none. */
export async function listUsers(caller: Caller, filter: UserFilter, opts: { db?: Db } = {}) {
  const db = opts.db ?? defaultDb;
  if (!can(caller.role, "user.manage")) return null;
  const where: Prisma.UserWhereInput = {
    AND: [
      reachFilter(caller),
      filter.q
        ? {
            OR: [
              { email: { contains: filter.q, mode: "insensitive" } },
              { name: { contains: filter.q, mode: "insensitive" } },
            ],
          }
        : {},
    ],
  };
  const [total, rows] = await Promise.all([
    db.user.count({ where }),
    db.user.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (filter.page - 1) * USERS_PAGE_SIZE,
      take: USERS_PAGE_SIZE,
      select: {
        id: true,
        email: true,
        name: true,
        role: true,
        jurisdiction: true,
        active: true,
        mustChangePassword: true,
        mine: { select: { code: true, name: true, nameEn: true } },
      },
    }),
  ]);
  // Only the caller's own reach is checked again here, as a second line (the filter already did).
  return { total, rows: rows.filter((r) => mayManageAccount(caller, r)), pageSize: USERS_PAGE_SIZE };
}

/** One account within reach, with its lockout state; null when absent or out of reach. */
export async function userForAdmin(caller: Caller, id: number, opts: { db?: Db; now?: Date } = {}) {
  const db = opts.db ?? defaultDb;
  if (!can(caller.role, "user.manage") || !Number.isInteger(id) || id <= 0 || id > 2_147_483_647) return null;
  const user = await db.user.findUnique({
    where: { id },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      jurisdiction: true,
      active: true,
      mustChangePassword: true,
      sessionsValidFrom: true,
      version: true,
      createdAt: true,
      mineId: true,
      mine: { select: { id: true, code: true, name: true, nameEn: true } },
    },
  });
  if (!user || !mayManageAccount(caller, user)) return null;
  const now = opts.now ?? new Date();
  const attempts = await db.loginAttempt.findMany({
    where: { email: user.email, at: { gte: new Date(now.getTime() - LOCKOUT_HISTORY_MS) } },
    select: { at: true, success: true },
    orderBy: { at: "desc" },
    take: 300,
  });
  const lock = loginLockout(attempts, null, now);
  return { ...user, lockedUntil: lock?.until ?? null, isSelf: user.id === caller.id };
}

/** The mines a manager's account may be linked to: those of its county the caller sees. */
export async function minesToLink(caller: Caller, countyCode: string, opts: { db?: Db } = {}) {
  const db = opts.db ?? defaultDb;
  if (!can(caller.role, "user.manage") || !/^\d{6}$/.test(countyCode)) return [];
  return db.mine.findMany({
    where: { AND: [{ countyCode }, mineScope(caller)] },
    orderBy: { code: "asc" },
    take: 500,
    select: { id: true, code: true, name: true, nameEn: true },
  });
}
