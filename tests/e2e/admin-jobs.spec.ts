import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { query, setLocaleCookie, signInOk } from "./support";

// Issue 15.3, the scheduled jobs: ADMIN reads /admin/jobs and runs a job now. The server runs no
// worker (playwright.config.ts: JOBS_IN_PROCESS=false), so the run waits in the queue until a worker
// of its own, `npm run worker`'s command started here, takes it; the page then shows it. Other roles
// are refused (tests/e2e/security: the authorization matrix).

const root = path.resolve(import.meta.dirname, "..", "..");

/** `npm run worker` (package.json) on the run's database, with no schedule; resolves once it listens. */
async function startWorker(): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ["--import", "./scripts/lib/server-only-off.mjs", "--import", "tsx", "scripts/worker.ts"],
    { cwd: root, env: { ...process.env, JOBS_CRONTAB: "off", LOG_LEVEL: "warn" }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let out = "";
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes(`job worker ${child.pid} started`)) resolve();
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`the worker exited (${code}):\n${out}`)));
  });
  return child;
}

test("an administrator sees the jobs and runs housekeeping now", async ({ page }) => {
  await setLocaleCookie(page, "en");
  await signInOk(page, "admin@demo.test");
  await page.getByRole("link", { name: "Scheduled jobs" }).click();
  await expect(page).toHaveURL(/\/admin\/jobs$/);
  await expect(page.getByRole("heading", { level: 1, name: "Scheduled jobs" })).toBeVisible();
  for (const name of [
    "stopped-mines-scan",
    "grade-expiry-reminders",
    "overdue-findings",
    "notification-delivery",
    "housekeeping",
  ])
    await expect(page.getByTestId(`job-${name}`)).toBeVisible();

  const [{ before }] = await query<{ before: number }>(
    `SELECT count(*)::int AS before FROM "JobRun" WHERE job = 'housekeeping' AND "requestedById" = 1`,
  );
  const row = page.getByTestId("job-housekeeping");
  await row.getByRole("button", { name: "Run now Housekeeping" }).click();
  await expect(row.getByRole("status")).toHaveText("Queued: the first free worker runs it.");
  await page.reload();
  await expect(page.getByTestId("job-housekeeping").getByTestId("job-queued")).toHaveText("1");

  // A worker process takes it: the page shows the run once it is done, and the queue empty.
  const worker = await startWorker();
  try {
    await expect
      .poll(
        async () => {
          await page.reload();
          return (await page.getByTestId("job-housekeeping").getByTestId("job-status").textContent())?.trim();
        },
        { timeout: 60_000 },
      )
      .toBe("Succeeded");
  } finally {
    worker.kill("SIGTERM");
  }
  await expect(page.getByTestId("job-housekeeping").getByTestId("job-queued")).toHaveText("0");
  await expect(page.getByTestId("job-housekeeping")).toContainText("Run now");
  const runs = await query<{ status: string }>(
    `SELECT status FROM "JobRun" WHERE job = 'housekeeping' AND "requestedById" = 1 ORDER BY id`,
  );
  expect(runs.length).toBe(before + 1);
  expect(runs.at(-1)?.status).toBe("SUCCEEDED");
  const audited = await query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "AuditLog" WHERE action = 'job.runNow' AND "entityId" = 'housekeeping' AND "actorId" = 1`,
  );
  expect(audited[0].n).toBeGreaterThanOrEqual(1);
});

test("a regulator does not find the jobs page", async ({ page }) => {
  await setLocaleCookie(page, "en");
  await signInOk(page, "nmsa@demo.test");
  await expect(page.getByRole("link", { name: "Scheduled jobs" })).toHaveCount(0);
  const response = await page.goto("/admin/jobs");
  expect(response?.status()).toBe(404);
});
