import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { audit } from "@/lib/server/audit";
import { db as defaultDb, type Db } from "@/lib/server/db";
import { logger } from "@/lib/server/log/logger";
import type { JobName } from "./definitions";
import { SYSTEM_ACTOR_ID } from "./system-actor";
import { JOB_TASKS } from "./tasks";

/** What the runner hands a run: the schedule's tick, or who asked for it. */
export interface JobPayload {
  /** Set by the runner on a scheduled run: the tick (ISO time) and whether it was a late catch-up. */
  _cron?: { ts: string; backfilled?: boolean };
  /** Set by "run now" on /admin/jobs. */
  requestedById?: number;
}

export interface JobRunOptions {
  db?: Db;
  payload?: JobPayload;
  workerId?: string;
  attempt?: number;
  now?: Date;
}

const MAX_ERROR_LENGTH = 2000;

/** Whether a run's counts show a change (a number above 0). */
function didSomething(result: Record<string, unknown>): boolean {
  return Object.values(result).some((v) => typeof v === "number" && v > 0);
}

function json(value: unknown): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(value ?? {})) as Prisma.InputJsonValue;
}

/**
 * Runs one job as the system actor and records the run (JobRun: start, end, status, counts or the
 * error) with an audit row: for every run asked for by hand, every failure and every scheduled run
 * that changed something (a scheduled run that found nothing to do, such as most minutes of the
 * notification delivery, is only a JobRun row, so that the audit log is not filled with them). A failure is recorded and then thrown again, so that the runner retries
 * it with backoff. Called by the runner's task for the job (runner.ts) and by tests directly.
 */
export async function executeJob(name: JobName, opts: JobRunOptions = {}) {
  const db = opts.db ?? defaultDb;
  const payload = opts.payload ?? {};
  const tick = payload._cron?.ts ? new Date(payload._cron.ts) : null;
  const requestedById = Number.isInteger(payload.requestedById) ? payload.requestedById! : null;
  const workerId = (opts.workerId ?? `pid-${process.pid}`).slice(0, 64);
  const run = await db.jobRun.create({
    data: {
      job: name,
      scheduledFor: tick,
      requestedById,
      attempt: opts.attempt ?? 1,
      workerId,
      status: "RUNNING",
    },
    select: { id: true, startedAt: true },
  });
  const trigger = tick ? { scheduledFor: tick.toISOString() } : { requestedById };
  try {
    const result = await JOB_TASKS[name]({ db, now: opts.now ?? new Date(), workerId });
    await db.$transaction(async (tx) => {
      await tx.jobRun.update({
        where: { id: run.id },
        data: { status: "SUCCEEDED", finishedAt: new Date(), result: json(result) },
      });
      if (tick && !didSomething(result)) return;
      await audit(tx, {
        actorId: SYSTEM_ACTOR_ID,
        action: "job.run",
        entity: "Job",
        entityId: name,
        after: { runId: run.id, ...trigger, result },
      });
    });
    logger.info({ action: "job.run", job: name, runId: run.id, ...result }, "job done");
    return { runId: run.id, result };
  } catch (e) {
    const message = (e instanceof Error ? e.message : String(e)).slice(0, MAX_ERROR_LENGTH);
    logger.warn({ action: "job.failed", job: name, runId: run.id, err: e }, "job failed; the runner retries it");
    await db
      .$transaction(async (tx) => {
        await tx.jobRun.update({
          where: { id: run.id },
          data: { status: "FAILED", finishedAt: new Date(), error: message },
        });
        await audit(tx, {
          actorId: SYSTEM_ACTOR_ID,
          action: "job.failed",
          entity: "Job",
          entityId: name,
          after: { runId: run.id, ...trigger, error: message },
        });
      })
      .catch((recordError: unknown) =>
        logger.error({ job: name, runId: run.id, err: recordError }, "could not record the job's failure"),
      );
    throw e;
  }
}
