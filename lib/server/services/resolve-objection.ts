import "server-only";
import { afterCommit } from "@/lib/server/cache/tags";
import type { ApplicationState } from "@/lib/domain/application-workflow";
import { audit } from "@/lib/server/audit";
import { can } from "@/lib/server/auth/permissions";
import type { Caller } from "@/lib/server/auth/scope";
import { db as defaultDb, type Db } from "@/lib/server/db";
import { forbidden, notFound, ServiceError } from "@/lib/server/errors";
import type { ResolveObjectionInput } from "@/lib/validation/application";
import { assertActor, assertVersion, loadApplication, moveApplication } from "./transition-application";

/**
 * The grading body resolves an objection with a reason: UPHELD rejects the application (the reason
 * becomes the rejection's); DISMISSED leaves it under notice. Who, when and why are in the audit row.
 * Of two officials resolving the same objection at once exactly one succeeds.
 */
export async function resolveObjection(
  caller: Caller,
  input: ResolveObjectionInput,
  opts: { db?: Db; today?: string } = {},
) {
  const db = opts.db ?? defaultDb;
  if (!can(caller.role, "application.process")) throw forbidden();
  // Nothing cached shows this write but the inbox counts (tags.ts: every change expires them).
  return afterCommit(
    db.$transaction(async (tx) => {
      const app = await loadApplication(tx, caller, input.applicationId);
      assertActor(caller, app, "RESOLVE_OBJECTION");
      // The objection must belong to the application in the URL.
      const objection = await tx.objection.findFirst({ where: { id: input.objectionId, applicationId: app.id } });
      if (!objection) throw notFound();
      if (objection.status !== "OPEN") throw new ServiceError("CONFLICT", "objectionResolved");
      if (app.state !== "PUBLIC_NOTICE") throw new ServiceError("INVALID_STATE", "invalidState");
      assertVersion(app, input.version);

      const claimed = await tx.objection.updateMany({
        where: { id: objection.id, status: "OPEN" },
        data: { status: input.outcome },
      });
      if (claimed.count !== 1) throw new ServiceError("CONFLICT", "objectionResolved");
      let state: ApplicationState = app.state;
      if (input.outcome === "UPHELD") {
        state = await moveApplication(tx, caller, app, "REJECT", {
          reason: input.reason,
          data: { rejectionReason: input.reason },
          audit: { objectionId: objection.id },
        });
      } else {
        // The application does not move, but its version does: a step prepared before this one conflicts.
        const touched = await tx.gradeApplication.updateMany({
          where: { id: app.id, state: app.state, version: app.version },
          data: { version: { increment: 1 } },
        });
        if (touched.count !== 1) throw new ServiceError("CONFLICT", "applicationChanged");
      }
      await audit(tx, {
        actorId: caller.id,
        action: "objection.resolve",
        entity: "Objection",
        entityId: objection.id,
        regionCode: app.mine.countyCode,
        before: { status: objection.status },
        after: { status: input.outcome, reason: input.reason, applicationId: app.id, applicationState: state },
      });
      return { objectionId: objection.id, applicationId: app.id, mineCode: app.mine.code, state };
    }),
    () => ({}),
  );
}
