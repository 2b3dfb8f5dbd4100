import "server-only";
import { can } from "@/lib/server/auth/permissions";
import type { Caller } from "@/lib/server/auth/scope";
import { db as defaultDb, type Db } from "@/lib/server/db";
import { forbidden, ServiceError } from "@/lib/server/errors";
import type { ReviewApplicationInput } from "@/lib/validation/application";
import {
  assertActor,
  assertConditionsMet,
  assertStep,
  assertVersion,
  loadApplication,
  moveApplication,
} from "./transition-application";

/**
 * The initial review (初审) of a submitted application by the reviewing body (the province for
 * Level 1; the configured body for Levels 2 and 3): passed on to assessment, or rejected with a reason.
 */
export async function reviewApplication(
  caller: Caller,
  input: ReviewApplicationInput,
  opts: { db?: Db; today?: string } = {},
) {
  const db = opts.db ?? defaultDb;
  if (!can(caller.role, "application.process")) throw forbidden();
  return db.$transaction(async (tx) => {
    const app = await loadApplication(tx, caller, input.applicationId);
    // Rejecting later is a rejection, not a review.
    if (app.state !== "SUBMITTED") throw new ServiceError("INVALID_STATE", "invalidState");
    const step = input.outcome === "PASS" ? "PASS_REVIEW" : "REJECT";
    assertStep(app, step);
    assertVersion(app, input.version);
    assertActor(caller, app, step);
    // A mine that fails a basic condition cannot be graded: it is never passed on.
    if (step === "PASS_REVIEW") await assertConditionsMet(tx, app);
    const state = await moveApplication(tx, caller, app, step, {
      reason: input.reason,
      data: step === "REJECT" ? { rejectionReason: input.reason } : {},
    });
    return { applicationId: app.id, mineCode: app.mine.code, state };
  });
}
