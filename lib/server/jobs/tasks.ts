import "server-only";
import type { Db } from "@/lib/server/db";
import { runHousekeeping } from "@/lib/server/housekeeping";
import { scanStoppedMinesEverywhere } from "@/lib/server/services/scan-stopped-mines";
import { sendGradeExpiryReminders, sendOverdueFindingReminders } from "@/lib/server/services/send-reminders";
import type { JobName } from "./definitions";

/** What a job is given: the database, and "now" (tests pass their own). */
export interface JobContext {
  db: Db;
  now: Date;
  /** The runner's worker that runs it, for the jobs that lock rows by worker. */
  workerId: string;
}

/** The work of each job; each returns counts, which /admin/jobs shows and the run's audit row keeps. */
export const JOB_TASKS: Record<JobName, (ctx: JobContext) => Promise<Record<string, unknown>>> = {
  "stopped-mines-scan": async ({ db }) => scanStoppedMinesEverywhere({ db }),
  "grade-expiry-reminders": async ({ db }) => ({ ...(await sendGradeExpiryReminders({ db })) }),
  "overdue-findings": async ({ db }) => ({ ...(await sendOverdueFindingReminders({ db })) }),
  "notification-delivery": async () => ({ delivered: 0, note: "notifications are not part of this build yet" }),
  housekeeping: async ({ db, now }) => ({ ...(await runHousekeeping({ db, now })) }),
};
