// Rule versions (issue 12.3, 13.6): ADMIN reads a version's parameters with their sources, clones 2024
// to a draft, is stopped by a threshold out of order (the message next to the field, the input kept),
// corrects it, and publishes the draft with its effective date.
import { expect, test } from "@playwright/test";
import { query, setLocaleCookie, signInOk } from "./support";

const CODE = "E2E-2099";

test.beforeAll(async () => {
  await query(`DELETE FROM "RuleVersion" WHERE code = $1`, [CODE]);
});
test.afterAll(async () => {
  await query(`DELETE FROM "RuleVersion" WHERE code = $1`, [CODE]);
});

test("ADMIN views sources, clones 2024 to a draft, edits a threshold and publishes it", async ({ page }) => {
  await setLocaleCookie(page, "en");
  await signInOk(page, "admin@demo.test");
  await page.getByRole("link", { name: "Rule versions" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Rule versions" })).toBeVisible();
  await expect(page.getByTestId("rule-version-2017")).toContainText("2017-07-01");
  await expect(page.getByTestId("rule-version-2026")).toContainText("Published");

  // Sources: the 2020 Level 1 total is verified; its weights are placeholders, visibly marked.
  await page.getByRole("link", { name: "2020", exact: true }).click();
  const total1 = page.locator('[data-parameter="threshold:1:TOTAL"]');
  await expect(total1).toContainText("[A]");
  await expect(total1.locator('[data-status="VERIFIED"]')).toBeVisible();
  await expect(page.locator('[data-parameter="weight:UNDERGROUND:E07"] [data-status="PLACEHOLDER"]')).toContainText(
    "Placeholder",
  );
  await expect(page.getByRole("form", { name: "Edit the draft" })).toHaveCount(0);

  await page.goto("/admin/rules");
  // Who decides per province and level, with sources: Shanxi's own Level 2 notice of 3 working days [Q],
  // and no Level 3; the national defaults leave the notice to the rule version.
  const shanxi2 = page.getByTestId("grading-config-14-2");
  await expect(shanxi2.getByTestId("notice-days")).toContainText("3 working days");
  await expect(shanxi2.getByTestId("notice-days")).toContainText("[Q]");
  await expect(shanxi2.getByTestId("notice-days")).toContainText("Secondary");
  await expect(page.getByTestId("grading-config-14-3")).toContainText("No");
  await expect(page.getByTestId("grading-config-national-2").getByTestId("notice-days")).toHaveText(
    "The rule version's",
  );
  await expect(page.getByTestId("grading-config-national-1")).toContainText("Prefecture");
  const clone = page.getByRole("form", { name: "Clone to a draft" });
  await clone.getByLabel("Clone from").selectOption("2024");
  await clone.getByLabel("New code").fill(CODE);
  await clone.getByLabel("Name (Chinese)").fill("端到端草稿");
  await clone.getByLabel("Name (English)").fill("End-to-end draft");
  await clone.getByRole("button", { name: "Clone to a draft" }).click();
  await clone.getByRole("link", { name: `Draft ${CODE} created` }).click();
  await expect(page.getByTestId("rule-state")).toContainText("Draft");

  const edit = page.getByRole("form", { name: "Edit the draft" });
  const level3 = edit.getByLabel("Level 3 · Total score", { exact: true });
  await level3.fill("85");
  await edit.getByRole("button", { name: "Save the draft" }).click();
  await expect(edit.getByText("A better level cannot be easier").first()).toBeVisible();
  await expect(level3).toHaveValue("85");
  expect(
    await query(
      `SELECT t."minScore"::text AS min FROM "RuleLevelThreshold" t JOIN "RuleVersion" v ON v.id = t."ruleVersionId"
       WHERE v.code = $1 AND t.level = 3 AND t."partCode" IS NULL`,
      [CODE],
    ),
  ).toEqual([{ min: "70.00" }]);

  await level3.fill("72");
  await edit.getByRole("button", { name: "Save the draft" }).click();
  await expect(edit.getByText("Draft saved.")).toBeVisible();
  await page.reload();
  await expect(page.locator('[data-parameter="threshold:3:TOTAL"]')).toContainText("72");
  await expect(page.locator('[data-parameter="threshold:3:TOTAL"] [data-status="PLACEHOLDER"]')).toBeVisible();

  const publish = page.getByRole("form", { name: "Publish" });
  await publish.getByLabel("Effective from").fill("2099-01-01");
  await publish.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByTestId("rule-state")).toContainText("Published");
  await expect(page.getByRole("form", { name: "Edit the draft" })).toHaveCount(0);
  expect(
    await query(
      `SELECT to_char("effectiveFrom", 'YYYY-MM-DD') AS d, "publishedAt" IS NOT NULL AS p FROM "RuleVersion" WHERE code = $1`,
      [CODE],
    ),
  ).toEqual([{ d: "2099-01-01", p: true }]);
});

test("nobody else sees the rule-version pages", async ({ page }) => {
  await signInOk(page, "nmsa@demo.test");
  expect((await page.goto("/admin/rules"))?.status()).toBe(404);
  expect((await page.goto("/admin/rules/2024"))?.status()).toBe(404);
});
