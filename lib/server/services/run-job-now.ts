import "server-only";
import { audit } from "@/lib/server/audit";
import { can } from "@/lib/server/auth/permissions";
import type { Caller } from "@/lib/server/auth/scope";
import { db as defaultDb, type Db } from "@/lib/server/db";
import { forbidden, ServiceError } from "@/lib/server/errors";
import { isJobName, type JobName } from "@/lib/server/jobs/definitions";
import { ensureRunnerSchema } from "@/lib/server/jobs/runner";

/**
 * ADMIN queues a run of a job now (/admin/jobs): the runner's job and the audit row are written in
 * one transaction (graphile_worker.add_job is SQL), and the first free worker, in any process, runs
 * it once. A run asked for while one of the same job is still queued joins it (one queued run per
 * job: the runner's job key) rather than queuing another.
 */
export async function runJobNow(caller: Caller, input: { job: string }, opts: { db?: Db } = {}) {
  const db = opts.db ?? defaultDb;
  if (!can(caller.role, "job.run")) throw forbidden();
  if (!isJobName(input.job)) throw new ServiceError("VALIDATION", "validation", { job: "invalid" });
  const job: JobName = input.job;
  await ensureRunnerSchema();
  const payload = JSON.stringify({ requestedById: caller.id });
  return db.$transaction(async (tx) => {
    const [queued] = await tx.$queryRaw<{ id: string }[]>`
      SELECT (graphile_worker.add_job(${job}, ${payload}::json, max_attempts := 1,
        job_key := ${`run-now:${job}`}, job_key_mode := 'preserve_run_at'))."id"::text AS id`;
    await audit(tx, {
      actorId: caller.id,
      action: "job.runNow",
      entity: "Job",
      entityId: job,
      after: { queuedJobId: queued.id },
    });
    return { job, queuedJobId: queued.id };
  });
}
