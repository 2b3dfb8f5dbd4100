import "server-only";
import type { Caller } from "@/lib/server/auth/scope";
import { db as defaultDb, type Db } from "@/lib/server/db";
import type { WithdrawApplicationInput } from "@/lib/validation/application";
import { moveApplication, withApplicationStep } from "./transition-application";

/** The mine's manager withdraws its application, with a reason, at any time before the public notice. */
export async function withdrawApplication(
  caller: Caller,
  input: WithdrawApplicationInput,
  opts: { db?: Db; today?: string } = {},
) {
  const db = opts.db ?? defaultDb;
  return withApplicationStep(
    caller,
    input,
    "WITHDRAW",
    db,
    async (tx, app) => {
      const state = await moveApplication(tx, caller, app, "WITHDRAW", { reason: input.reason });
      return { applicationId: app.id, mineCode: app.mine.code, state };
    },
    { permission: "application.submit" },
  );
}
