import { expect, test } from "@playwright/test";
import Papa from "papaparse";
import { query, setLocaleCookie, signInOk } from "./support";

// Issue "Mine managers' view and the public register", acceptance: an anonymous visitor finds a
// Level 1 mine in the register and lodges an objection to an open public notice, which a regulator
// then sees.
test("an anonymous visitor finds a Level 1 mine and objects to an open notice; a regulator sees it", async ({
  page,
  browser,
}) => {
  await setLocaleCookie(page, "en");
  await page.goto("/register?level=1&province=14");
  const rows = page.getByTestId("register-table").locator("tbody tr");
  await expect(rows.first()).toBeVisible();
  const badges = page.getByTestId("register-table").getByTestId("grade-badge");
  expect(await badges.evaluateAll((els) => els.every((e) => e.getAttribute("data-level") === "1"))).toBe(true);
  const total = Number(await page.getByTestId("register-count").getAttribute("data-total"));
  expect(total).toBeGreaterThan(0);

  // Search by code finds the mine, and its public page shows the grade but nothing private.
  const code = (await rows.first().locator("td").first().textContent())!.trim();
  await page.goto(`/register?q=${code}`);
  await expect(page.getByTestId("register-table").locator("tbody tr")).toHaveCount(1);
  await page.getByTestId("register-table").getByRole("link").first().click();
  await expect(page).toHaveURL(new RegExp(`/register/mines/${code}$`));
  await expect(page.getByTestId("grade-badge").first()).toHaveAttribute("data-level", "1");
  await expect(page.locator("main")).not.toContainText(/Spot-check|Finding|Team/);

  // The list downloads as CSV with the same count.
  const download = page.waitForEvent("download");
  await page.goto("/register?level=1&province=14");
  await page.getByRole("link", { name: "Download CSV" }).click();
  const csv = await (await download).path();
  const parsed = Papa.parse<string[]>((await import("node:fs")).readFileSync(csv, "utf8").replace(/^\uFEFF/, ""));
  const dataRows = parsed.data.filter((r) => r.length > 1).slice(1);
  expect(dataRows).toHaveLength(total);
  expect(dataRows.every((r) => r[3] === "1")).toBe(true);

  // An open public notice takes an objection without signing in.
  await page.goto("/notices");
  const notices = page.getByTestId("notice-table").locator("tbody tr");
  await expect(notices.first()).toBeVisible();
  await notices.first().getByRole("link").first().click();
  await expect(page.getByTestId("notice-title")).toBeVisible();
  const noticeId = Number(page.url().split("/").pop());
  const text = `E2E objection ${Date.now()}: the ventilation records were altered before the assessment.`;
  await page.getByLabel("Your name").fill("Wang Wei");
  await page.getByLabel("Phone number or email address").fill("wang.wei@example.com");
  await page.getByLabel("Your objection (what is wrong, and how you know)").fill(text);
  await page.getByRole("button", { name: "Lodge the objection" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText("Your objection was received.");
  const [stored] = await query<{ n: string }>(
    `SELECT count(*) AS n FROM "Objection" WHERE "applicationId" = $1 AND text = $2`,
    [noticeId, text],
  );
  expect(Number(stored.n)).toBe(1);

  // The national regulator (in scope for every mine) sees the objection on the application.
  const regulator = await (await browser.newContext()).newPage();
  await setLocaleCookie(regulator, "en");
  await signInOk(regulator, "nmsa@demo.test");
  await regulator.goto(`/applications/${noticeId}`);
  await expect(regulator.getByTestId("objections")).toContainText(text);
  await expect(regulator.getByTestId("objections")).toContainText("Wang Wei");
});

test("an objection with missing fields is refused next to the fields", async ({ page }) => {
  await setLocaleCookie(page, "zh-CN");
  await page.goto("/notices");
  await page.getByTestId("notice-table").locator("tbody tr").first().getByRole("link").first().click();
  const [{ n: before }] = await query<{ n: string }>(`SELECT count(*) AS n FROM "Objection"`);
  await page.getByRole("button", { name: "提交异议" }).click();
  await expect(page.locator('[aria-invalid="true"]').first()).toBeVisible();
  const [{ n: after }] = await query<{ n: string }>(`SELECT count(*) AS n FROM "Objection"`);
  expect(after).toBe(before);
});
