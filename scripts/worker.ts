// `npm run worker`: runs the scheduled jobs (lib/server/jobs) in a process of its own, for a deployment
// that keeps them apart from the web processes (start those with JOBS_IN_PROCESS=false). Any number
// may run: each schedule's tick runs once. Uses DATABASE_URL; JOBS_CRONTAB replaces the schedules
// (lib/server/jobs/definitions.ts). SIGINT or SIGTERM lets a running job finish, then ends.
// Run with scripts/lib/server-only-off.mjs (package.json), under which "server-only" imports nothing.
import { startJobRunner } from "../lib/server/jobs/runner";

async function main() {
  if (!process.env.DATABASE_URL) throw new Error("DATABASE_URL is not set: give the portal's PostgreSQL database.");
  const runner = await startJobRunner({ concurrency: Number(process.env.JOBS_CONCURRENCY ?? "1") || 1 });
  console.log(`job worker ${process.pid} started`);
  let stopping = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      void runner.stop().finally(() => process.exit(0));
    });
  await runner.promise;
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
