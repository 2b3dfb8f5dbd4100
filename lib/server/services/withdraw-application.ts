import "server-only";
import { can } from "@/lib/server/auth/permissions";
import type { Caller } from "@/lib/server/auth/scope";
import { db as defaultDb, type Db } from "@/lib/server/db";
import { forbidden } from "@/lib/server/errors";
import type { WithdrawApplicationInput } from "@/lib/validation/application";
import { assertActor, assertStep, assertVersion, loadApplication, moveApplication } from "./transition-application";

/** The mine's manager withdraws its application, with a reason, at any time before the public notice. */
export async function withdrawApplication(
  caller: Caller,
  input: WithdrawApplicationInput,
  opts: { db?: Db; today?: string } = {},
) {
  const db = opts.db ?? defaultDb;
  if (!can(caller.role, "application.submit")) throw forbidden();
  return db.$transaction(async (tx) => {
    const app = await loadApplication(tx, caller, input.applicationId);
    assertStep(app, "WITHDRAW");
    assertVersion(app, input.version);
    assertActor(caller, app, "WITHDRAW");
    const state = await moveApplication(tx, caller, app, "WITHDRAW", { reason: input.reason });
    return { applicationId: app.id, mineCode: app.mine.code, state };
  });
}
