// The demo seed's six accounts (prisma/seed/users.ts), loaded as the callers the data layer and the
// services take, for tests about what each role and jurisdiction may do.
import { loadCaller } from "@/lib/server/auth/load-caller";
import type { Caller } from "@/lib/server/auth/scope";
import type { Db } from "@/lib/server/db";
import { USER } from "@/prisma/seed/users";

export type DemoAccount = keyof typeof USER;

/** Each demo account by the local part of its e-mail: admin, nmsa, shanxi, datong, official, manager. */
export async function demoCallers(db: Db): Promise<Record<DemoAccount, Caller>> {
  const entries = await Promise.all(
    (Object.keys(USER) as DemoAccount[]).map(async (name) => {
      const user = await db.user.findUniqueOrThrow({ where: { email: `${name}@demo.test` } });
      const caller = await loadCaller(db, user.id);
      if (!caller) throw new Error(`${name}@demo.test is not active`);
      return [name, caller] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<DemoAccount, Caller>;
}
