import "server-only";
import { tagsFor, type CacheChange } from "@/lib/server/cache/tags";
import type { DbOrTx } from "@/lib/server/db";

/**
 * A job's cache invalidation. A job runs outside any request (in the web process's runner or in
 * `npm run worker`), where revalidateTag reaches no cache handler; so the tags are written straight
 * to "CacheTagInvalidation", as the handler itself records them (lib/server/cache/tag-cache-handler.mjs):
 * every instance's next request asks for the tags changed since its last look and drops those
 * entries, whichever process ran the job.
 */
export async function invalidateFromJob(db: DbOrTx, change: CacheChange): Promise<void> {
  const tags = tagsFor(change);
  if (tags.length === 0) return;
  await db.$executeRaw`
    INSERT INTO "CacheTagInvalidation" (tag, "changedAt", stale, "expireSeconds")
    SELECT t, clock_timestamp(), false, NULL FROM unnest(${tags}::text[]) AS t
    ON CONFLICT (tag) DO UPDATE SET "changedAt" = excluded."changedAt", stale = false, "expireSeconds" = NULL`;
}
