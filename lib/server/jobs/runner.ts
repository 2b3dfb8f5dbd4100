import "server-only";
import { Logger, parseCrontab, run, runMigrations, type Runner, type TaskList } from "graphile-worker";
import pg from "pg";
import { db as defaultDb, poolConfig, type Db } from "@/lib/server/db";
import { env } from "@/lib/server/env";
import { logger } from "@/lib/server/log/logger";
import { crontabFromEnv, JOB_NAMES } from "./definitions";
import { executeJob, type JobPayload } from "./run";

// The job runner: graphile-worker (README, dependencies) on the portal's own PostgreSQL, in its own
// schema graphile_worker (not in prisma/schema.prisma; it creates and migrates it itself). Its cron
// gives each schedule's tick to exactly one worker, however many processes run one: the tick is
// claimed by a conditional update of graphile_worker._private_known_crontabs in the same statement
// that adds the job, and a job is taken by one worker (FOR UPDATE SKIP LOCKED). Ticks missed while
// no worker ran are run late within a job's fill period (definitions.ts).
//
// Started by the web process (instrumentation.ts) unless JOBS_IN_PROCESS=false, or on its own by
// `npm run worker` (scripts/worker.ts).

/** graphile-worker's log lines, through the portal's logger. */
const runnerLogger = new Logger((scope) => (level, message, meta) => {
  const fields = { module: "jobs", ...scope, ...meta };
  if (level === "error") logger.error(fields, message);
  else if (level === "warning") logger.warn(fields, message);
  // Its info lines (a line per job done) are the portal's debug: each run has its own line (run.ts).
  else logger.debug(fields, message);
});

function runnerPool(connectionString: string, max: number): pg.Pool {
  const pool = new pg.Pool({ ...poolConfig(connectionString, max), application_name: "grading-portal-jobs" });
  // A connection lost while idle: the pool drops it, the runner reconnects (never a crash).
  const lost = (err: Error) => logger.warn({ module: "jobs", reason: err.message }, "job runner connection lost");
  pool.on("error", lost);
  pool.on("connect", (client) => client.on("error", lost));
  return pool;
}

/** The runner's tasks: one per job, each recording its run (run.ts). */
export function jobTaskList(db: Db): TaskList {
  return Object.fromEntries(
    JOB_NAMES.map((name) => [
      name,
      async (payload: unknown, helpers) => {
        await executeJob(name, {
          db,
          payload: (payload ?? {}) as JobPayload,
          workerId: helpers.job.locked_by ?? undefined,
          attempt: helpers.job.attempts,
        });
      },
    ]),
  );
}

export interface JobRunnerOptions {
  connectionString?: string;
  db?: Db;
  /** graphile-worker crontab text; default: JOBS_CRONTAB or the jobs' default schedules. */
  crontab?: string;
  concurrency?: number;
  /** How often an idle worker looks for jobs (ms); new jobs also wake it through LISTEN. */
  pollInterval?: number;
}

/** Starts a runner (its schema is created or migrated first); `await runner.stop()` ends it. */
export async function startJobRunner(opts: JobRunnerOptions = {}): Promise<Runner> {
  const connectionString = opts.connectionString ?? env().DATABASE_URL;
  const pgPool = runnerPool(connectionString, 4);
  const runner = await run({
    pgPool,
    logger: runnerLogger,
    concurrency: opts.concurrency ?? 1,
    pollInterval: opts.pollInterval ?? 2000,
    noHandleSignals: true,
    // Named prepared statements belong to a PostgreSQL session, and the embedded database (PGlite)
    // is one session shared by every connection: a second connection preparing the same name fails
    // ("prepared statement … already exists") and the worker stops taking jobs. Unprepared queries
    // cost nothing that matters at a few jobs a minute, on either database.
    noPreparedStatements: true,
    taskList: jobTaskList(opts.db ?? defaultDb),
    parsedCronItems: parseCrontab(opts.crontab ?? crontabFromEnv()),
  });
  void runner.promise.finally(() => pgPool.end().catch(() => {}));
  return runner;
}

const globalForSchema = globalThis as unknown as { portalJobSchema?: Map<string, Promise<void>> };

/**
 * Creates or migrates the runner's schema once per process and database, so that "run now" can
 * queue a job from a web process that runs no worker (JOBS_IN_PROCESS=false) before any worker ran.
 */
export function ensureRunnerSchema(connectionString = env().DATABASE_URL): Promise<void> {
  const done = (globalForSchema.portalJobSchema ??= new Map());
  let migrated = done.get(connectionString);
  if (!migrated) {
    migrated = (async () => {
      const pgPool = runnerPool(connectionString, 1);
      try {
        await runMigrations({ pgPool, logger: runnerLogger });
      } finally {
        await pgPool.end();
      }
    })().catch((e: unknown) => {
      done.delete(connectionString);
      throw e;
    });
    done.set(connectionString, migrated);
  }
  return migrated;
}

// The web process's own runner (instrumentation.ts), started once even when dev-mode reloads run
// instrumentation again.
const globalForRunner = globalThis as unknown as { portalJobRunner?: Promise<Runner | undefined> };

/** Whether this web process runs the jobs: yes unless JOBS_IN_PROCESS=false (a separate `npm run worker`). */
export function jobsInProcess(value = process.env.JOBS_IN_PROCESS): boolean {
  return !/^(false|0|no|off)$/i.test(value ?? "");
}

/** Starts this process's runner unless it runs already; a failure to start is logged, not thrown. */
export function startJobsInProcess(): Promise<Runner | undefined> {
  globalForRunner.portalJobRunner ??= startJobRunner().catch((e: unknown) => {
    logger.error({ module: "jobs", err: e }, "the job runner did not start; scheduled jobs do not run in this process");
    globalForRunner.portalJobRunner = undefined;
    return undefined;
  });
  return globalForRunner.portalJobRunner;
}

/** Stops this process's runner (a running job finishes first); true when one was running. */
export async function stopJobsInProcess(): Promise<boolean> {
  const started = globalForRunner.portalJobRunner;
  globalForRunner.portalJobRunner = undefined;
  const runner = await started;
  await runner?.stop();
  return runner !== undefined;
}
