import "server-only";
import { audit } from "@/lib/server/audit";
import { hashPassword, verifyPassword } from "@/lib/server/auth/password";
import { checkPasswordPolicy } from "@/lib/server/auth/password-policy";
import { currentLockout, recordLoginAttempt } from "@/lib/server/auth/rate-limit";
import type { Caller } from "@/lib/server/auth/scope";
import { db as defaultDb, type Db } from "@/lib/server/db";
import { ServiceError } from "@/lib/server/errors";
import type { ChangePasswordInput } from "@/lib/validation/admin";
import { userSnapshot } from "./managed-user";

/**
 * A user replaces their own password (the one-time one an administrator gave them, or any): the
 * current one is asked for, and a wrong one counts as a failed sign-in of the account (so this
 * form is no way around the lockout). The new one must meet the policy and differ from the old.
 * Every other session of the user ends; the caller signs in afresh with the new password.
 */
export async function changeOwnPassword(
  user: Pick<Caller, "id" | "email">,
  input: ChangePasswordInput,
  opts: { db?: Db; now?: Date } = {},
) {
  const db = opts.db ?? defaultDb;
  const now = opts.now ?? new Date();
  const row = await db.user.findUnique({ where: { id: user.id } });
  if (!row || !row.active) throw new ServiceError("NOT_FOUND", "notFound");
  if (await currentLockout(db, row.email, "", now)) throw new ServiceError("FORBIDDEN", "accountLocked");
  if (!(await verifyPassword(input.current, row.passwordHash))) {
    await recordLoginAttempt(db, row.email, "", false, now);
    throw new ServiceError("VALIDATION", "validation", { current: "currentWrong" });
  }
  const policy = checkPasswordPolicy(input.password, row.email);
  if (!policy.ok) throw new ServiceError("VALIDATION", "validation", { password: `password_${policy.problems[0]}` });
  if (input.password === input.current)
    throw new ServiceError("VALIDATION", "validation", { password: "passwordUnchanged" });
  const passwordHash = await hashPassword(input.password);
  await db.$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({ where: { id: row.id } });
    // Whole seconds rounded down: the session the caller opens next with the new password is valid.
    const validFrom = new Date(Math.floor(now.getTime() / 1000) * 1000);
    const after = await tx.user.update({
      where: { id: row.id },
      data: { passwordHash, mustChangePassword: false, sessionsValidFrom: validFrom, version: { increment: 1 } },
    });
    await audit(tx, {
      actorId: row.id,
      action: "user.changePassword",
      entity: "User",
      entityId: row.id,
      regionCode: after.jurisdiction,
      before: userSnapshot(before),
      after: userSnapshot(after),
    });
  });
  return { email: row.email };
}
