import "server-only";
import type { Caller } from "@/lib/server/auth/scope";
import { db as defaultDb, type Db } from "@/lib/server/db";
import { ServiceError } from "@/lib/server/errors";
import type { ReviewApplicationInput } from "@/lib/validation/application";
import { assertConditionsMet, moveApplication, withApplicationStep } from "./transition-application";

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
  const step = input.outcome === "PASS" ? "PASS_REVIEW" : "REJECT";
  return withApplicationStep(
    caller,
    input,
    step,
    db,
    async (tx, app) => {
      // A mine that fails a basic condition cannot be graded: it is never passed on.
      if (step === "PASS_REVIEW") await assertConditionsMet(tx, app);
      const state = await moveApplication(tx, caller, app, step, {
        reason: input.reason,
        data: step === "REJECT" ? { rejectionReason: input.reason } : {},
      });
      return { applicationId: app.id, mineCode: app.mine.code, state };
    },
    {
      // Rejecting later is a rejection, not a review.
      guard: (app) => {
        if (app.state !== "SUBMITTED") throw new ServiceError("INVALID_STATE", "invalidState");
      },
    },
  );
}
