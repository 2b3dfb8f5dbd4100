import "server-only";
import type { Db } from "@/lib/server/db";
import { runHousekeeping } from "@/lib/server/housekeeping";
import { deliverOutbox } from "@/lib/server/notifications/deliver";
import { scanStoppedMinesEverywhere } from "@/lib/server/services/scan-stopped-mines";
import { sendGradeExpiryReminders, sendOverdueFindingReminders } from "@/lib/server/services/send-reminders";
import type { JobName } from "./definitions";

const DELIVERY_BATCH = 50;

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
  // The outbox's emails (SMTP_URL; without it nothing is sent): batches until none is due, at most 10.
  "notification-delivery": async ({ db, workerId }) => {
    const total = { sent: 0, failed: 0, retried: 0 };
    for (let batch = 0; batch < 10; batch++) {
      const r = await deliverOutbox({ db, limit: DELIVERY_BATCH, workerId });
      total.sent += r.sent;
      total.failed += r.failed;
      total.retried += r.retried;
      if (r.sent + r.failed + r.retried < DELIVERY_BATCH) break;
    }
    return total;
  },
  housekeeping: async ({ db, now }) => ({ ...(await runHousekeeping({ db, now })) }),
};
