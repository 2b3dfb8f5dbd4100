import { expect, test } from "@playwright/test";
import { query, setLocaleCookie, signInOk } from "./support";

// Issue "Regulators' work", acceptance: a spot-check below a Level 1 mine's level proposes a
// downgrade; confirming it changes the grade on the profile and in its history; the manager sees it.
// It runs last (file order) because it downgrades the demo manager's mine.
test("a spot-check below Level 1 leads to a confirmed downgrade that the manager sees", async ({ browser }) => {
  const [mine] = await query<{ code: string; name: string }>(
    `SELECT m.code, m.name FROM "Mine" m JOIN "User" u ON u."mineId" = m.id WHERE u.email = 'manager@demo.test'`,
  );
  const number = `矿安〔2026〕E2E${Date.now() % 100000}号`;

  // 1. The Shanxi regulator records the spot-check, watching the live result while typing.
  const shanxi = await (await browser.newContext()).newPage();
  await setLocaleCookie(shanxi, "en");
  await signInOk(shanxi, "shanxi@demo.test");
  await shanxi.goto(`/mines/${mine.code}`);
  await expect(shanxi.getByTestId("current-grade").getByTestId("grade-badge")).toHaveAttribute("data-level", "1");
  await shanxi.getByRole("link", { name: "Record a spot-check" }).click();
  await shanxi.getByLabel("Inspection team").fill("Shanxi inspection team 3");
  const scores = shanxi.locator("input[data-element]");
  const n = await scores.count();
  expect(n).toBe(15);
  for (let i = 0; i < n; i++) await scores.nth(i).fill("82");
  await expect(shanxi.getByTestId("live-total")).toHaveText("82.0");
  await expect(shanxi.getByTestId("live-level")).toHaveText("Level 2");
  await shanxi.getByLabel("Conclusion", { exact: true }).selectOption("DOWNGRADE_PROPOSED");
  await shanxi.getByRole("button", { name: "Save spot-check" }).click();
  // The spot-check's page says what the engine made of it and the downgrade it proposed.
  const saved = shanxi.getByTestId("spot-check-saved");
  await expect(saved).toContainText("Spot-check saved.");
  await expect(saved).toContainText("total 82.0, Level 2");
  await expect(saved).toContainText("a downgrade from Level 1 to Level 2: Management slide found by a spot-check");
  await shanxi.getByRole("link", { name: "Back to the mine profile" }).click();
  const proposal = shanxi.getByTestId("decisions").locator("tbody tr", { hasText: "Proposed" });
  await expect(proposal).toContainText("Management slide found by a spot-check");
  await expect(proposal).toContainText("Level 1 → Level 2");

  // Issue 11, item 18: the distance to downgrade measures this spot-check at once, says which one and links it.
  const today = new Intl.DateTimeFormat("en-US", {
    timeZone: "Asia/Shanghai",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date());
  const [check] = await query<{ id: number }>(
    `SELECT s.id FROM "SpotCheck" s JOIN "Mine" m ON m.id = s."mineId" WHERE m.code = $1 ORDER BY s.id DESC LIMIT 1`,
    [mine.code],
  );
  await shanxi.goto(`/mines/${mine.code}`);
  const basis = shanxi.getByTestId("distance-basis");
  await expect(basis).toHaveAttribute("data-kind", "SPOT_CHECK");
  await expect(basis).toContainText(`Measured on the spot-check of ${today}`);
  await expect(basis.getByRole("link", { name: "Open the spot-check" })).toHaveAttribute(
    "href",
    `/mines/${mine.code}/spot-checks/${check.id}`,
  );
  await expect(shanxi.locator('[data-trigger="MANAGEMENT_SLIDE"]')).toHaveAttribute("data-status", "FIRED");

  // 2. The province confirms it: Level 1 decisions are the province's to confirm and NMSA's to publish
  // (the decision-authority configuration, rules-evidence.md [D]); NMSA has nothing to confirm.
  const nmsa = await (await browser.newContext()).newPage();
  await setLocaleCookie(nmsa, "en");
  await signInOk(nmsa, "nmsa@demo.test");
  await nmsa.goto("/decisions");
  await expect(nmsa.locator(`[data-testid="decision"][data-mine="${mine.code}"]`).first()).toContainText(
    "Another authority decides on this level.",
  );
  await shanxi.goto("/decisions");
  const mine1 = shanxi.locator(`[data-testid="decision"][data-mine="${mine.code}"]`).first();
  await mine1.getByLabel("Decision number").fill(number);
  await mine1.getByLabel("Legal basis").fill("煤矿安全生产标准化管理体系考核定级办法（试行）第二十二条");
  await mine1.getByRole("button", { name: "Confirm" }).click();
  await expect(shanxi.getByRole("status")).toContainText("Confirmed and applied to the grade.");

  await nmsa.goto(`/mines/${mine.code}`);
  await expect(nmsa.getByTestId("current-grade").getByTestId("grade-badge")).toHaveAttribute("data-level", "2");
  const history = nmsa.getByTestId("grade-history");
  await expect(history.locator("tbody tr").first()).toContainText("In force");
  await expect(history).toContainText(`Downgraded (${number})`);

  // 3. The mine's manager sees the new grade and the reason.
  const manager = await (await browser.newContext()).newPage();
  await setLocaleCookie(manager, "en");
  await signInOk(manager, "manager@demo.test");
  await expect(manager).toHaveURL(new RegExp(`/mines/${mine.code}`));
  await expect(manager.getByTestId("current-grade").getByTestId("grade-badge")).toHaveAttribute("data-level", "2");
  const decision = manager.getByTestId("decisions").locator("tbody tr", { hasText: number });
  await expect(decision).toContainText("Management slide found by a spot-check");
  await expect(decision).toContainText("Confirmed");
  // Managers never see proposals.
  await expect(manager.getByTestId("decisions")).not.toContainText("Proposed");
});

test("bad scores are refused with errors next to the fields and nothing is saved", async ({ page }) => {
  const [mine] = await query<{ code: string }>(
    `SELECT code FROM "Mine" WHERE "provinceCode" = '14' AND status = 'NORMAL_PRODUCTION' AND type = 'UNDERGROUND' ORDER BY id DESC LIMIT 1`,
  );
  const [{ n: before }] = await query<{ n: string }>(`SELECT count(*) AS n FROM "SpotCheck"`);
  await setLocaleCookie(page, "zh-CN");
  await signInOk(page, "shanxi@demo.test");
  await page.goto(`/mines/${mine.code}/spot-checks/new`);
  await page.getByLabel("检查组").fill("检查组一");
  const scores = page.locator("input[data-element]");
  for (let i = 0; i < (await scores.count()); i++) await scores.nth(i).fill("90");
  await scores.first().fill("120");
  await page.getByRole("button", { name: "保存抽查结果" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("部分内容需要修改，请查看各字段旁的提示。");
  await expect(page.getByText("分数须在 0 到 100 之间。", { exact: true })).toBeVisible();
  await expect(scores.first()).toHaveAttribute("aria-invalid", "true");
  await expect(scores.first()).toHaveValue("120");
  const [{ n: after }] = await query<{ n: string }>(`SELECT count(*) AS n FROM "SpotCheck"`);
  expect(after).toBe(before);
});
