import "server-only";
import type { Db } from "@/lib/server/db";
import { logger } from "@/lib/server/log/logger";
import { purgeSignInRecords } from "@/lib/server/services/purge-sign-in-records";

// The server's periodic chores, run inside the server process (instrumentation.ts starts them):
// for now, deleting the sign-in records nothing reads any more. Every server process runs its own
// schedule; the chores are idempotent, so several processes at once do no harm.

export const HOUSEKEEPING_INTERVAL_MS = 15 * 60 * 1000;
/** The first run waits a little, so that it does not compete with the server's start. */
export const HOUSEKEEPING_FIRST_RUN_MS = 60 * 1000;

export interface HousekeepingSchedule {
  db?: Db;
  intervalMs?: number;
  firstRunMs?: number;
}

/** One round of the chores; a failure (the database away, say) is logged, and the next round tries again. */
export async function runHousekeeping(db?: Db): Promise<void> {
  try {
    const purged = await purgeSignInRecords({ db });
    logger.info({ action: "housekeeping.purgeSignInRecords", ...purged }, "housekeeping");
  } catch (e) {
    logger.warn({ action: "housekeeping.purgeSignInRecords", err: e }, "housekeeping failed; next round retries");
  }
}

/**
 * Runs the chores every intervalMs, one round at a time (a round still running when the next is
 * due makes it skip). The timers do not keep the process alive. Returns the function that stops it.
 */
export function scheduleHousekeeping(schedule: HousekeepingSchedule = {}): () => void {
  const intervalMs = schedule.intervalMs ?? HOUSEKEEPING_INTERVAL_MS;
  let running = false;
  let interval: ReturnType<typeof setInterval> | undefined;
  const round = () => {
    if (running) return;
    running = true;
    void runHousekeeping(schedule.db).finally(() => (running = false));
  };
  const first = setTimeout(() => {
    round();
    interval = setInterval(round, intervalMs);
    interval.unref();
  }, schedule.firstRunMs ?? HOUSEKEEPING_FIRST_RUN_MS);
  first.unref();
  return () => {
    clearTimeout(first);
    clearInterval(interval);
  };
}

// The process's own schedule, started once even when dev-mode reloads run instrumentation again.
const globalForHousekeeping = globalThis as unknown as { portalHousekeeping?: () => void };

/** Starts this process's housekeeping unless it runs already; true when this call started it. */
export function startHousekeeping(): boolean {
  if (globalForHousekeeping.portalHousekeeping) return false;
  globalForHousekeeping.portalHousekeeping = scheduleHousekeeping();
  return true;
}

/** Stops this process's housekeeping; true when it was running. */
export function stopHousekeeping(): boolean {
  const stop = globalForHousekeeping.portalHousekeeping;
  globalForHousekeeping.portalHousekeeping = undefined;
  stop?.();
  return stop !== undefined;
}
