import "server-only";
import { can } from "@/lib/server/auth/permissions";
import type { Caller } from "@/lib/server/auth/scope";
import { db as defaultDb, type Db } from "@/lib/server/db";
import { forbidden } from "@/lib/server/errors";
import type { RejectApplicationInput } from "@/lib/validation/application";
import { assertActor, assertStep, assertVersion, loadApplication, moveApplication } from "./transition-application";

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
  if (!can(caller.role, "application.process")) throw forbidden();
  return db.$transaction(async (tx) => {
    const app = await loadApplication(tx, caller, input.applicationId);
    assertStep(app, "REJECT");
    assertVersion(app, input.version);
    assertActor(caller, app, "REJECT");
    const state = await moveApplication(tx, caller, app, "REJECT", {
      reason: input.reason,
      data: { rejectionReason: input.reason },
    });
    return { applicationId: app.id, mineCode: app.mine.code, state };
  });
}
