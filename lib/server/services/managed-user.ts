import "server-only";
import { mayManageAccount } from "@/lib/domain/account-reach";
import type { User } from "@/lib/generated/prisma/client";
import { audit } from "@/lib/server/audit";
import { can } from "@/lib/server/auth/permissions";
import type { Caller } from "@/lib/server/auth/scope";
import type { Tx } from "@/lib/server/db";
import { forbidden, notFound, ServiceError } from "@/lib/server/errors";
import { SYSTEM_ACTOR_ID } from "@/lib/server/jobs/system-actor";

// What every account operation of the administration pages shares: the permission, the account
// loaded inside the transaction and locked, the reach and version checks, and the audit snapshot.

/** Refuses callers whose role manages no accounts at all. */
export function requireUserManager(caller: Caller): void {
  if (!can(caller.role, "user.manage")) throw forbidden();
}

/**
 * The account, locked for the rest of the transaction (so two administrators' edits serialize), if
 * it is within the caller's reach and still at `version`: out of reach reads as absent (404), a
 * different version as a conflict.
 */
export async function lockManagedUser(tx: Tx, caller: Caller, userId: number, version: number | null): Promise<User> {
  await tx.$executeRaw`SELECT 1 FROM "User" WHERE "id" = ${userId} FOR UPDATE`;
  const user = await tx.user.findUnique({ where: { id: userId } });
  // The system actor (lib/server/jobs/system-actor.ts) is nobody's to manage.
  if (!user || user.id === SYSTEM_ACTOR_ID || !mayManageAccount(caller, user)) throw notFound();
  if (version !== null && user.version !== version) throw new ServiceError("CONFLICT", "userChanged");
  return user;
}

/** What the audit keeps of an account: never the password hash. */
export function userSnapshot(user: User) {
  return {
    email: user.email,
    name: user.name,
    role: user.role,
    jurisdiction: user.jurisdiction,
    mineId: user.mineId,
    active: user.active,
    mustChangePassword: user.mustChangePassword,
    sessionsValidFrom: user.sessionsValidFrom,
    version: user.version,
  };
}

/** Writes the change (bumping the version) and its audit row; returns the account as it now is. */
export async function updateManagedUser(
  tx: Tx,
  caller: Caller,
  before: User,
  action: string,
  data: Partial<
    Pick<
      User,
      | "name"
      | "role"
      | "jurisdiction"
      | "mineId"
      | "active"
      | "mustChangePassword"
      | "sessionsValidFrom"
      | "passwordHash"
    >
  >,
  note?: Record<string, unknown>,
): Promise<User> {
  const after = await tx.user.update({ where: { id: before.id }, data: { ...data, version: { increment: 1 } } });
  await audit(tx, {
    actorId: caller.id,
    action,
    entity: "User",
    entityId: before.id,
    regionCode: after.jurisdiction,
    before: userSnapshot(before),
    after: { ...userSnapshot(after), ...note },
  });
  return after;
}

/**
 * The moment from which sessions are valid again when an administrator ends them: sessions count
 * their start in whole seconds, so this is rounded up, and a session begun earlier within the same
 * second ends too (a new sign-in may have to wait for the next second).
 */
export function sessionsEndNow(now = new Date()): Date {
  return new Date(Math.ceil(now.getTime() / 1000) * 1000);
}
