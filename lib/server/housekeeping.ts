import "server-only";
import { db as defaultDb, type Db } from "@/lib/server/db";
import { purgeStaleUploads } from "@/lib/server/services/field-upload";
import { purgeSignInRecords } from "@/lib/server/services/purge-sign-in-records";

// The server's periodic chores, run by the job runner as the "housekeeping" job (lib/server/jobs,
// every quarter of an hour, once for all the portal's processes): deleting the sign-in records
// nothing reads any more, the field app's staged photos nobody submitted within STAGED_UPLOAD_DAYS
// (lib/validation/field-sync.ts), and the job runs' own records past JOB_RUN_HISTORY_DAYS. Every chore is
// idempotent. (Until the runner, each server process ran them on a timer of its own.)

/** How long /admin/jobs keeps each run's record. */
export const JOB_RUN_HISTORY_DAYS = 90;

/** One round of the chores; a failure throws, so that the runner records it and tries again. */
export async function runHousekeeping(opts: { db?: Db; now?: Date } = {}) {
  const db = opts.db ?? defaultDb;
  const now = opts.now ?? new Date();
  const purged = await purgeSignInRecords({ db, now });
  const { count: jobRuns } = await db.jobRun.deleteMany({
    where: { startedAt: { lt: new Date(now.getTime() - JOB_RUN_HISTORY_DAYS * 86_400_000) } },
  });
  const fieldUploads = await purgeStaleUploads({ db, now });
  return { ...purged, jobRuns, fieldUploads };
}
