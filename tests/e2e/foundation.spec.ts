import { expect, test } from "@playwright/test";
import { query, registryTotal, setLocaleCookie, signIn, signInOk } from "./support";

/** The page shows the English name in English when the mine has one, else the Chinese name. */
const mineName = (m: { name: string; nameEn: string | null }) => new RegExp(`^(${m.name}|${m.nameEn ?? m.name})$`);

test.describe("sign-in", () => {
  for (const email of ["admin", "nmsa", "shanxi", "datong", "official", "manager"].map((n) => `${n}@demo.test`)) {
    test(`${email} signs in and out`, async ({ page }) => {
      await signInOk(page, email);
      const [{ name }] = await query<{ name: string }>(`SELECT name FROM "User" WHERE email = $1`, [email]);
      await expect(page.getByTestId("current-user")).toContainText(name);
      await page.getByRole("button", { name: /退出登录|Sign out/ }).click();
      await expect(page).toHaveURL(/\/login/);
      await page.goto("/mines");
      await expect(page).toHaveURL(/\/login/);
    });
  }

  test("a wrong password shows a translated error", async ({ page }) => {
    await setLocaleCookie(page, "zh-CN");
    await signIn(page, "official@demo.test", "not-the-password");
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("邮箱或密码不正确。");
    await expect(page).toHaveURL(/\/login/);
    await setLocaleCookie(page, "en");
    await signIn(page, "official@demo.test", "still-not-the-password");
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("The email or password is incorrect.");
  });

  test("an empty form shows errors next to the fields", async ({ page }) => {
    await setLocaleCookie(page, "en");
    await page.goto("/login");
    await page.locator('button[type="submit"]').click();
    await expect(page.getByText("Enter your email address.", { exact: true })).toBeVisible();
    await expect(page.getByText("Enter your password.", { exact: true })).toBeVisible();
    await expect(page.locator('input[name="email"]')).toHaveAttribute("aria-invalid", "true");
  });
});

test.describe("scoped registry", () => {
  test("the mine manager sees exactly its one mine", async ({ page }) => {
    await signInOk(page, "manager@demo.test");
    const [mine] = await query<{ code: string; name: string; nameEn: string | null }>(
      `SELECT m.code, m.name, m."nameEn" FROM "Mine" m JOIN "User" u ON u."mineId" = m.id WHERE u.email = 'manager@demo.test'`,
    );
    // Home for a manager is the mine itself.
    await expect(page).toHaveURL(new RegExp(`/mines/${mine.code}$`));
    await expect(page.getByTestId("mine-name")).toHaveText(mineName(mine));
    await page.goto("/mines");
    expect(await registryTotal(page)).toBe(1);
    const rows = page.getByTestId("mine-table").locator("tbody tr");
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(mine.code);
  });

  test("the Shanxi regulator sees only Shanxi mines and gets 404 for a Guizhou mine", async ({ page }) => {
    await signInOk(page, "shanxi@demo.test");
    await page.goto("/mines?pageSize=100");
    const [{ n }] = await query<{ n: string }>(`SELECT count(*) AS n FROM "Mine" WHERE "provinceCode" = '14'`);
    expect(await registryTotal(page)).toBe(Number(n));
    const codes = await page.getByTestId("mine-table").locator("tbody tr td:first-child").allTextContents();
    expect(codes.length).toBe(100);
    const shanxiCodes = new Set(
      (await query<{ code: string }>(`SELECT code FROM "Mine" WHERE "provinceCode" = '14'`)).map((r) => r.code),
    );
    expect(codes.every((c) => shanxiCodes.has(c))).toBe(true);

    const [guizhou] = await query<{ code: string }>(
      `SELECT code FROM "Mine" WHERE "provinceCode" = '52' ORDER BY id LIMIT 1`,
    );
    const response = await page.goto(`/mines/${guizhou.code}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: /页面不存在|Page not found/ })).toBeVisible();
  });

  test("the national regulator sees every mine, and a Guizhou profile", async ({ page }) => {
    await signInOk(page, "nmsa@demo.test");
    await page.goto("/mines");
    const [{ n }] = await query<{ n: string }>(`SELECT count(*) AS n FROM "Mine"`);
    expect(await registryTotal(page)).toBe(Number(n));
    const [guizhou] = await query<{ code: string; name: string; nameEn: string | null }>(
      `SELECT code, name, "nameEn" FROM "Mine" WHERE "provinceCode" = '52' ORDER BY id LIMIT 1`,
    );
    const response = await page.goto(`/mines/${guizhou.code}`);
    expect(response?.status()).toBe(200);
    await expect(page.getByTestId("mine-name")).toHaveText(mineName(guizhou));
  });

  test("search, filter, sort and paging narrow the registry", async ({ page }) => {
    await signInOk(page, "nmsa@demo.test");
    await page.goto("/mines?region=14&grade=1&sort=capacity&dir=desc");
    const [{ n }] = await query<{ n: string }>(
      `SELECT count(DISTINCT m.id) AS n FROM "Mine" m JOIN "Grade" g ON g."mineId" = m.id
        WHERE m."provinceCode" = '14' AND g.level = 1 AND g."announcedOn" <= (now() AT TIME ZONE 'Asia/Shanghai')::date
          AND (now() AT TIME ZONE 'Asia/Shanghai')::date < LEAST(g."validUntil", COALESCE(g."endedOn", g."validUntil"))`,
    );
    expect(await registryTotal(page)).toBe(Number(n));
    const badges = page.getByTestId("mine-table").getByTestId("grade-badge");
    expect(await badges.evaluateAll((els) => els.every((e) => e.getAttribute("data-level") === "1"))).toBe(true);
    const capacities = (await page.getByTestId("mine-table").locator("tbody tr td:nth-child(7)").allTextContents()).map(
      (t) => Number(t.replace(/[^\d.]/g, "")),
    );
    expect(capacities).toEqual([...capacities].sort((a, b) => b - a));
    await page.getByRole("link", { name: /下一页|Next/ }).click();
    await expect(page).toHaveURL(/page=2/);
  });
});

test.describe("language", () => {
  test("the switcher changes the page text and number format", async ({ page }) => {
    await setLocaleCookie(page, "zh-CN");
    await signInOk(page, "official@demo.test");
    await page.goto("/mines");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("煤矿名录");
    await page.getByTestId("language-switcher").selectOption("en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mine registry");
    await expect(page.getByTestId("result-count")).toContainText(/\d,\d{3} mines found/);
    await page.reload();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mine registry");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
  });

  test("the browser's language decides before any choice is saved", async ({ browser }) => {
    const context = await browser.newContext({ locale: "en-US" });
    const page = await context.newPage();
    await page.goto("/login");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in");
    await context.close();
  });
});

test("GET /api/health answers 200 with the database up", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: "ok" });
});
