import "server-only";
import { mayManageAccount } from "@/lib/domain/account-reach";
import { audit } from "@/lib/server/audit";
import { initialPassword } from "@/lib/server/auth/initial-password";
import { hashPassword } from "@/lib/server/auth/password";
import type { Caller } from "@/lib/server/auth/scope";
import { db as defaultDb, type Db } from "@/lib/server/db";
import { ServiceError } from "@/lib/server/errors";
import type { CreateUserInput } from "@/lib/validation/admin";
import { requireUserManager, userSnapshot } from "./managed-user";
import { checkAccountRegion } from "./account-region";

/**
 * Creates an account within the caller's reach, with a one-time password the caller passes on: the
 * user must choose their own at first sign-in. The password is returned once and stored only hashed.
 */
export async function createUser(caller: Caller, input: CreateUserInput, opts: { db?: Db } = {}) {
  const db = opts.db ?? defaultDb;
  requireUserManager(caller);
  const reach = { role: input.role, jurisdiction: input.jurisdiction };
  if (!mayManageAccount(caller, reach))
    throw new ServiceError("VALIDATION", "validation", { jurisdiction: "beyondReach" });
  const password = initialPassword(input.email);
  const passwordHash = await hashPassword(password);
  return db.$transaction(async (tx) => {
    await checkAccountRegion(tx, input.jurisdiction);
    if (await tx.user.findUnique({ where: { email: input.email }, select: { id: true } }))
      throw new ServiceError("VALIDATION", "validation", { email: "emailTaken" });
    const user = await tx.user.create({
      data: {
        email: input.email,
        name: input.name,
        role: input.role,
        jurisdiction: input.jurisdiction,
        passwordHash,
        mustChangePassword: true,
      },
    });
    await audit(tx, {
      actorId: caller.id,
      action: "user.create",
      entity: "User",
      entityId: user.id,
      regionCode: user.jurisdiction,
      after: userSnapshot(user),
    });
    return { userId: user.id, password };
  });
}
