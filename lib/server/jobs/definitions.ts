// The scheduled jobs: their names and default schedules. Plain data (no server imports), so the
// /admin/jobs page, the runner and the tests share it.
//
// Schedules are cron expressions in UTC (graphile-worker's crontab: minute hour day month weekday).
// China is UTC+8 all year, so "30 17 * * *" is 01:30 in Beijing. JOBS_CRONTAB replaces the whole
// crontab (graphile-worker's crontab syntax, one job a line) or, set to "off", schedules nothing:
// the jobs then run only when an administrator asks for them on /admin/jobs.

export const JOB_NAMES = [
  "stopped-mines-scan",
  "grade-expiry-reminders",
  "overdue-findings",
  "notification-delivery",
  "housekeeping",
] as const;
export type JobName = (typeof JOB_NAMES)[number];

export function isJobName(value: unknown): value is JobName {
  return typeof value === "string" && (JOB_NAMES as readonly string[]).includes(value);
}

/** The default schedule of each job (UTC), and how far back a tick missed while no worker ran is still run. */
export const DEFAULT_SCHEDULES: Record<JobName, { cron: string; fill: string | null }> = {
  // 01:30 in Beijing, before the working day: the proposals are waiting when regulators arrive.
  "stopped-mines-scan": { cron: "30 17 * * *", fill: "1d" },
  // 07:00 and 07:10 in Beijing.
  "grade-expiry-reminders": { cron: "0 23 * * *", fill: "1d" },
  "overdue-findings": { cron: "10 23 * * *", fill: "1d" },
  // Every minute; notifications are also delivered as they are written (the outbox's own wake-up).
  "notification-delivery": { cron: "* * * * *", fill: null },
  // Every quarter of an hour, as the per-process timer it replaces did.
  housekeeping: { cron: "*/15 * * * *", fill: null },
};

/** How many times a run that fails is tried (with the runner's exponential backoff). */
export const MAX_ATTEMPTS = 3;

/** The default crontab: one line per job, its identifier the job's name. */
export function defaultCrontab(): string {
  return JOB_NAMES.map((name) => {
    const { cron, fill } = DEFAULT_SCHEDULES[name];
    const options = [`max=${MAX_ATTEMPTS}`, ...(fill ? [`fill=${fill}`] : [])].join("&");
    return `${cron} ${name} ?${options}`;
  }).join("\n");
}

/** The crontab in force: JOBS_CRONTAB when set ("off": none), else the default. */
export function crontabFromEnv(env: Record<string, string | undefined> = process.env): string {
  const value = env.JOBS_CRONTAB;
  if (value === undefined || value.trim() === "") return defaultCrontab();
  if (value.trim().toLowerCase() === "off") return "";
  return value.replace(/\\n/g, "\n");
}
