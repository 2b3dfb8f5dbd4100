import "server-only";
import { parseCrontab } from "graphile-worker";
import type { JobRunStatus } from "@/lib/generated/prisma/enums";
import { can } from "@/lib/server/auth/permissions";
import type { Caller } from "@/lib/server/auth/scope";
import { db as defaultDb, type Db } from "@/lib/server/db";
import { crontabFromEnv, JOB_NAMES, type JobName } from "@/lib/server/jobs/definitions";

// What /admin/jobs shows (ADMIN): each job's schedule, next and last run, duration, status, last
// failure and queued runs, and the latest runs of all jobs.

export interface JobRunRow {
  id: number;
  job: string;
  startedAt: Date;
  finishedAt: Date | null;
  durationMs: number | null;
  status: JobRunStatus;
  trigger: "SCHEDULE" | "MANUAL";
  attempt: number;
  error: string | null;
}

export interface JobOverview {
  name: JobName;
  /** The cron expressions (UTC) that schedule it; none when only "run now" runs it. */
  schedules: string[];
  nextRunAt: Date | null;
  lastRun: JobRunRow | null;
  lastFailure: JobRunRow | null;
  /** Failed runs in the last seven days. */
  failuresThisWeek: number;
  /** Runs waiting in the runner's queue (or running). */
  queued: number;
}

/** The crontab's lines as (task, cron text, matcher). */
function schedules(crontab: string) {
  return crontab
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"))
    .map((line) => {
      const [item] = parseCrontab(line);
      return { task: item.task, cron: line.split(/\s+/).slice(0, 5).join(" "), match: item.match };
    });
}

/** The first minute after `from` that one of the matchers matches (UTC, as the runner reads cron), within a year. */
export function nextRun(
  matchers: ((d: { min: number; hour: number; date: number; month: number; dow: number }) => boolean)[],
  from: Date,
): Date | null {
  if (matchers.length === 0) return null;
  const t = new Date(Math.floor(from.getTime() / 60_000) * 60_000 + 60_000);
  for (let i = 0; i < 366 * 24 * 60; i++) {
    const digest = {
      min: t.getUTCMinutes(),
      hour: t.getUTCHours(),
      date: t.getUTCDate(),
      month: t.getUTCMonth() + 1,
      dow: t.getUTCDay(),
    };
    if (matchers.some((m) => m(digest))) return new Date(t);
    t.setTime(t.getTime() + 60_000);
  }
  return null;
}

const runSelect = {
  id: true,
  job: true,
  startedAt: true,
  finishedAt: true,
  status: true,
  scheduledFor: true,
  attempt: true,
  error: true,
} as const;

function row(r: {
  id: number;
  job: string;
  startedAt: Date;
  finishedAt: Date | null;
  status: JobRunStatus;
  scheduledFor: Date | null;
  attempt: number;
  error: string | null;
}): JobRunRow {
  return {
    id: r.id,
    job: r.job,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    durationMs: r.finishedAt ? r.finishedAt.getTime() - r.startedAt.getTime() : null,
    status: r.status,
    trigger: r.scheduledFor ? "SCHEDULE" : "MANUAL",
    attempt: r.attempt,
    error: r.error,
  };
}

/** Queued (and running) jobs per task in the runner's queue; none when its schema does not exist yet. */
async function queuedByTask(db: Db): Promise<Map<string, number>> {
  const [{ present }] = await db.$queryRaw<{ present: boolean }[]>`
    SELECT to_regclass('graphile_worker.jobs') IS NOT NULL AS present`;
  if (!present) return new Map();
  const rows = await db.$queryRaw<{ task: string; n: number }[]>`
    SELECT task_identifier AS task, count(*)::int AS n FROM graphile_worker.jobs GROUP BY task_identifier`;
  return new Map(rows.map((r) => [r.task, r.n]));
}

/** The jobs' overview for ADMIN; null for every other role. */
export async function jobsOverview(caller: Caller, opts: { db?: Db; now?: Date; crontab?: string } = {}) {
  const db = opts.db ?? defaultDb;
  if (!can(caller.role, "job.run")) return null;
  const now = opts.now ?? new Date();
  let lines: ReturnType<typeof schedules> = [];
  try {
    lines = schedules(opts.crontab ?? crontabFromEnv());
  } catch {
    // A JOBS_CRONTAB the runner cannot read: the runner did not start either (its log says why).
  }
  const weekAgo = new Date(now.getTime() - 7 * 86_400_000);
  const [queued, recent, jobs] = await Promise.all([
    queuedByTask(db),
    db.jobRun.findMany({ orderBy: [{ startedAt: "desc" }, { id: "desc" }], take: 20, select: runSelect }),
    Promise.all(
      JOB_NAMES.map(async (name): Promise<JobOverview> => {
        const mine = lines.filter((l) => l.task === name);
        const [last, failure, failures] = await Promise.all([
          db.jobRun.findFirst({
            where: { job: name },
            orderBy: [{ startedAt: "desc" }, { id: "desc" }],
            select: runSelect,
          }),
          db.jobRun.findFirst({
            where: { job: name, status: "FAILED" },
            orderBy: [{ startedAt: "desc" }, { id: "desc" }],
            select: runSelect,
          }),
          db.jobRun.count({ where: { job: name, status: "FAILED", startedAt: { gte: weekAgo } } }),
        ]);
        return {
          name,
          schedules: mine.map((l) => l.cron),
          nextRunAt: nextRun(
            mine.map((l) => l.match),
            now,
          ),
          lastRun: last ? row(last) : null,
          lastFailure: failure ? row(failure) : null,
          failuresThisWeek: failures,
          queued: 0,
        };
      }),
    ),
  ]);
  return {
    jobs: jobs.map((j) => ({ ...j, queued: queued.get(j.name) ?? 0 })),
    recent: recent.map(row),
  };
}
