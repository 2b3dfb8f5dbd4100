// Issue 15.1: the inbox in Chromium. The demo provincial regulator and the demo mine manager see the
// header's count, the page agrees with it and with the database, and an item's link leads where they act.
import { expect, test } from "@playwright/test";
import { query, setLocaleCookie, signInOk } from "./support";

/** Grades in force today in `prefix` that end within 180 days (independent SQL of the rule). */
async function gradesEndingIn(prefix: string): Promise<number> {
  const [row] = await query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "Grade" g JOIN "Mine" m ON m.id = g."mineId"
      WHERE m."provinceCode" = $1 AND m.status <> 'CLOSED'
        AND g."announcedOn" <= (now() AT TIME ZONE 'Asia/Shanghai')::date
        AND LEAST(g."validUntil", coalesce(g."endedOn", g."validUntil")) > (now() AT TIME ZONE 'Asia/Shanghai')::date
        AND LEAST(g."validUntil", coalesce(g."endedOn", g."validUntil")) <= (now() AT TIME ZONE 'Asia/Shanghai')::date + 180`,
    [prefix],
  );
  return row.n;
}

test("the provincial regulator: the header count, the page, a filter and an item's link", async ({ page }) => {
  await setLocaleCookie(page, "en");
  await signInOk(page, "shanxi@demo.test");
  const badge = page.getByTestId("inbox-badge");
  await expect(badge).toBeVisible();
  const count = Number(await badge.getAttribute("data-count"));
  expect(count).toBeGreaterThan(0);
  await badge.click();
  await expect(page).toHaveURL(/\/inbox$/);
  await expect(page.getByRole("heading", { level: 1, name: "Inbox" })).toBeVisible();
  await expect(page.getByTestId("inbox-count")).toHaveAttribute("data-count", String(count));

  // The grades ending within 180 days in Shanxi, as the database has them.
  const ending = await gradesEndingIn("14");
  expect(ending).toBeGreaterThan(0);
  await page.getByTestId("inbox-filter-gradeEnding").click();
  await expect(page).toHaveURL(/\/inbox\?kind=gradeEnding$/);
  const items = page.getByTestId("inbox-item");
  await expect(items).toHaveCount(ending);
  for (const kind of await items.evaluateAll((els) => els.map((e) => e.getAttribute("data-kind"))))
    expect(kind).toBe("gradeEnding");
  // Sorted by deadline: the first ends first.
  const deadlines = await items.evaluateAll((els) => els.map((e) => e.getAttribute("data-deadline") ?? ""));
  expect([...deadlines].sort()).toEqual(deadlines);

  const first = items.first();
  const code = await first.getAttribute("data-mine");
  await first.getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/mines/${code}$`));
  await expect(page.getByTestId("mine-name")).toBeVisible();
});

test("the mine manager: the count in Chinese, the grade and application of the mine, the link to the mine", async ({
  page,
}) => {
  await setLocaleCookie(page, "zh-CN");
  await signInOk(page, "manager@demo.test");
  const badge = page.getByTestId("inbox-badge");
  await expect(badge).toBeVisible();
  await expect(badge).toContainText("待办");
  const count = Number(await badge.getAttribute("data-count"));
  await badge.click();
  await expect(page.getByRole("heading", { level: 1, name: "待办" })).toBeVisible();
  await expect(page.getByTestId("inbox-count")).toHaveAttribute("data-count", String(count));
  // Only the manager's own mine appears.
  const codes = await page.getByTestId("inbox-item").evaluateAll((els) => els.map((e) => e.getAttribute("data-mine")));
  expect(codes.length).toBeGreaterThan(0);
  expect(new Set(codes)).toEqual(new Set(["1402260001"]));
  const grade = page.locator('[data-testid="inbox-item"][data-kind="myGrade"]');
  await expect(grade).toHaveCount(1);
  await grade.getByRole("link").click();
  await expect(page).toHaveURL(/\/mines\/1402260001$|\/applications\/new$/);
});

test("an official's inbox explains that nothing waits for a read-only role", async ({ page }) => {
  await setLocaleCookie(page, "en");
  await signInOk(page, "official@demo.test");
  await expect(page.getByTestId("inbox-badge")).toHaveAttribute("data-count", "0");
  await page.goto("/inbox");
  await expect(page.getByTestId("inbox-empty")).toContainText("take no step");
});

test("the header's count is cached per reader until a write through the portal, which shows on the next page", async ({
  page,
}) => {
  await setLocaleCookie(page, "en");
  await signInOk(page, "shanxi@demo.test");
  const count = async () => Number(await page.getByTestId("inbox-badge").getAttribute("data-count"));
  await page.goto("/home");
  const before = await count();
  // An overdue finding written behind the portal's back, on a completed Shanxi spot-check.
  const [check] = await query<{ id: number }>(
    `SELECT s.id FROM "SpotCheck" s JOIN "Mine" m ON m.id = s."mineId"
      WHERE m."provinceCode" = '14' AND m.status <> 'CLOSED' AND s.status = 'COMPLETED' ORDER BY s.id LIMIT 1`,
  );
  const [finding] = await query<{ id: number }>(
    `INSERT INTO "Finding" ("spotCheckId", "elementCode", "text", "severity", "rectifyBy")
     VALUES ($1, 'E01', 'inbox cache check', 'GENERAL', CURRENT_DATE - 3) RETURNING id`,
    [check.id],
  );
  try {
    // The cached count does not see it: the header runs no inbox queries until something is written.
    await page.goto("/home");
    expect(await count()).toBe(before);
    // Any write through the portal expires every reader's count: here the province's target, saved as it is.
    await page.goto("/admin/targets");
    const row = page.getByTestId("target-14-all");
    await row.getByLabel("Target (%)").fill("57.5");
    await row.getByRole("button", { name: "Save" }).click();
    await expect(row.getByText("Saved.")).toBeVisible();
    await page.goto("/home");
    expect(await count()).toBe(before + 1);
    await page.goto("/inbox");
    await expect(page.getByTestId("inbox-count")).toHaveAttribute("data-count", String(before + 1));
  } finally {
    await query(`DELETE FROM "Finding" WHERE id = $1`, [finding.id]);
  }
});
