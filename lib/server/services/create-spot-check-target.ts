import "server-only";
import { audit } from "@/lib/server/audit";
import type { Caller } from "@/lib/server/auth/scope";
import { db as defaultDb, type Db } from "@/lib/server/db";
import { ServiceError } from "@/lib/server/errors";
import { invalidate } from "@/lib/server/cache/tags";
import type { CreateTargetInput } from "@/lib/validation/admin";
import { checkAccountRegion } from "./account-region";
import { maySetTargetOf, requireTargetManager } from "@/lib/server/auth/target-scope";

/**
 * Sets a new spot-check target: a ratio for a year, a region (national, province or prefecture) and
 * optionally a level; one per year, region and level. The figures that read it are recomputed on
 * the next request (the shared results are forgotten once the write has committed).
 */
export async function createSpotCheckTarget(caller: Caller, input: CreateTargetInput, opts: { db?: Db } = {}) {
  const db = opts.db ?? defaultDb;
  requireTargetManager(caller);
  if (!maySetTargetOf(caller, input.regionCode))
    throw new ServiceError("VALIDATION", "validation", { regionCode: "targetNotYours" });
  const result = await db.$transaction(async (tx) => {
    // The unique index cannot hold for "every level" (NULL): writers of one key take turns instead.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`target:${input.year}:${input.regionCode}:${input.level ?? "*"}`}))`;
    await checkAccountRegion(tx, input.regionCode, "regionCode");
    const twin = await tx.spotCheckTarget.findFirst({
      where: { year: input.year, regionCode: input.regionCode, level: input.level },
      select: { id: true },
    });
    if (twin) throw new ServiceError("VALIDATION", "validation", { regionCode: "targetExists" });
    const target = await tx.spotCheckTarget.create({ data: { ...input, ratio: input.ratio.toFixed(4) } });
    await audit(tx, {
      actorId: caller.id,
      action: "target.create",
      entity: "SpotCheckTarget",
      entityId: target.id,
      regionCode: target.regionCode,
      after: target,
    });
    return { targetId: target.id };
  });
  // A region's target is also the target of the regions below it that have none: every scope's figures.
  invalidate({ allMetrics: true });
  return result;
}
