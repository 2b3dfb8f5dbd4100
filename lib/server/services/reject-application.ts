import "server-only";
import type { Caller } from "@/lib/server/auth/scope";
import { db as defaultDb, type Db } from "@/lib/server/db";
import type { RejectApplicationInput } from "@/lib/validation/application";
import { moveApplication, withApplicationStep } from "./transition-application";

/**
 * Turns an application back with a reason, in any state before the announcement: at the initial
 * review by the reviewing body, afterwards (e.g. falsification found during the site assessment) by
 * the grading body.
 */
export async function rejectApplication(
  caller: Caller,
  input: RejectApplicationInput,
  opts: { db?: Db; today?: string } = {},
) {
  const db = opts.db ?? defaultDb;
  return withApplicationStep(caller, input, "REJECT", db, async (tx, app) => {
    const state = await moveApplication(tx, caller, app, "REJECT", {
      reason: input.reason,
      data: { rejectionReason: input.reason },
    });
    return { applicationId: app.id, mineCode: app.mine.code, state };
  });
}
