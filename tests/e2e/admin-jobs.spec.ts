import { expect, test } from "@playwright/test";
import { query, setLocaleCookie, signInOk } from "./support";

// Issue 15.3, the scheduled jobs: ADMIN reads /admin/jobs and runs a job now; the run is done by the
// server's own worker (playwright.config.ts: in process, no schedule) and shows on the page. Other
// roles are refused (tests/e2e/security: the authorization matrix).

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
  // The worker takes it within its poll: the page shows the run once it is done.
  await expect
    .poll(
      async () => {
        await page.reload();
        return (await page.getByTestId("job-housekeeping").getByTestId("job-status").textContent())?.trim();
      },
      { timeout: 30_000 },
    )
    .toBe("Succeeded");
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
