import "server-only";
import { audit } from "@/lib/server/audit";
import type { Caller } from "@/lib/server/auth/scope";
import { db as defaultDb, type Db } from "@/lib/server/db";
import { notFound, ServiceError } from "@/lib/server/errors";
import { invalidate } from "@/lib/server/cache/tags";
import type { UpdateTargetInput } from "@/lib/validation/admin";
import { maySetTargetOf, requireTargetManager } from "@/lib/server/auth/target-scope";

/** Changes a target's ratio, if it is the caller's to set and nobody changed it since the page showed `version`. */
export async function updateSpotCheckTarget(caller: Caller, input: UpdateTargetInput, opts: { db?: Db } = {}) {
  const db = opts.db ?? defaultDb;
  requireTargetManager(caller);
  const result = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM "SpotCheckTarget" WHERE "id" = ${input.targetId} FOR UPDATE`;
    const before = await tx.spotCheckTarget.findUnique({ where: { id: input.targetId } });
    // Another region's target reads as absent, like every record outside the caller's reach.
    if (!before || !maySetTargetOf(caller, before.regionCode)) throw notFound();
    if (before.version !== input.version) throw new ServiceError("CONFLICT", "targetChanged");
    const after = await tx.spotCheckTarget.update({
      where: { id: input.targetId },
      data: { ratio: input.ratio.toFixed(4), version: { increment: 1 } },
    });
    await audit(tx, {
      actorId: caller.id,
      action: "target.update",
      entity: "SpotCheckTarget",
      entityId: after.id,
      regionCode: after.regionCode,
      before,
      after,
    });
    return { targetId: after.id, version: after.version };
  });
  // A region's target is also the target of the regions below it that have none: every scope's figures.
  invalidate({ allMetrics: true });
  return result;
}
