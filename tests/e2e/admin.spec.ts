import { expect, test, type Page } from "@playwright/test";
import { query, setLocaleCookie, signInOk } from "./support";

// Issue 12, administration pages: accounts made through the portal, with a one-time password the new
// user must replace at the first sign-in; a province's target shown at once on its dashboard.

const stamp = Date.now();

/** Chooses a region with the picker: province, then prefecture and county where given. */
async function pickRegion(page: Page, field: string, codes: string[]) {
  const levels = ["province", "prefecture", "county"];
  for (let i = 0; i < codes.length; i++) {
    const select = page.getByTestId(`${field}-${levels[i]}`);
    if (await select.isDisabled()) continue;
    await select.selectOption(codes[i]);
  }
}

async function createAccount(page: Page, email: string, role: string, region: string[]): Promise<string> {
  await page.goto("/admin/users/new");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Name", { exact: true }).fill(`E2E ${role}`);
  await page.getByLabel("Role").selectOption(role);
  await pickRegion(page, "jurisdiction", region);
  await page.getByRole("button", { name: "Create account" }).click();
  const password = page.getByTestId("one-time-password");
  await expect(password).toBeVisible();
  return (await password.textContent())!.trim();
}

test("an administrator creates a provincial regulator, who must set a password, then creates a local regulator", async ({
  browser,
}) => {
  const admin = await (await browser.newContext()).newPage();
  await setLocaleCookie(admin, "en");
  await signInOk(admin, "admin@demo.test");
  await admin.getByRole("link", { name: "Users" }).click();
  await expect(admin).toHaveURL(/\/admin\/users$/);

  // A bad input keeps what was typed and says what is wrong next to the field.
  await admin.goto("/admin/users/new");
  await admin.getByLabel("Email").fill("not-an-email");
  await admin.getByLabel("Name", { exact: true }).fill("Keeps this name");
  await admin.getByRole("button", { name: "Create account" }).click();
  await expect(admin.getByText("Enter a valid email address.").first()).toBeVisible();
  await expect(admin.getByLabel("Name", { exact: true })).toHaveValue("Keeps this name");

  const provEmail = `e2e-prov-${stamp}@example.test`;
  const oneTime = await createAccount(admin, provEmail, "PROVINCIAL_REGULATOR", ["14"]);
  expect(oneTime.length).toBeGreaterThanOrEqual(12);
  // Shown once: the account's page does not show it again.
  await admin.getByRole("link", { name: "Open the new account" }).click();
  await expect(admin.getByTestId("user-status")).toHaveText("Active, must set a password");
  await expect(admin.locator("body")).not.toContainText(oneTime);

  // The new user signs in with it and must choose a password before anything else.
  const prov = await (await browser.newContext()).newPage();
  await setLocaleCookie(prov, "en");
  await prov.goto("/login");
  await prov.locator('input[name="email"]').fill(provEmail);
  await prov.locator('input[name="password"]').fill(oneTime);
  await prov.locator('button[type="submit"]').click();
  await expect(prov).toHaveURL(/\/password$/);
  await prov.goto("/dashboard");
  await expect(prov).toHaveURL(/\/password$/);
  await prov.getByLabel("Current password").fill(oneTime);
  await prov.getByLabel("New password", { exact: true }).fill("short");
  await prov.getByLabel("New password again").fill("short");
  await prov.getByRole("button", { name: "Save the password" }).click();
  await expect(prov.getByText("At least 12 characters.").first()).toBeVisible();
  await prov.getByLabel("Current password").fill(oneTime);
  await prov.getByLabel("New password", { exact: true }).fill("Taihang-Mountains-2026");
  await prov.getByLabel("New password again").fill("Taihang-Mountains-2026");
  await prov.getByRole("button", { name: "Save the password" }).click();
  await expect(prov).toHaveURL(/\/dashboard/);
  await expect(prov.getByTestId("current-user")).toBeVisible();

  // The provincial regulator creates a local regulator of a prefecture in its province; the
  // province itself is fixed in the picker.
  await prov.getByRole("link", { name: "Users" }).click();
  await prov.getByRole("link", { name: "New account" }).click();
  await expect(prov.getByTestId("jurisdiction-province")).toBeDisabled();
  const localEmail = `e2e-local-${stamp}@example.test`;
  await createAccount(prov, localEmail, "LOCAL_REGULATOR", ["14", "1402"]);
  const [row] = await query<{ role: string; jurisdiction: string; mustChangePassword: boolean }>(
    `SELECT role::text, jurisdiction, "mustChangePassword" FROM "User" WHERE email = $1`,
    [localEmail],
  );
  expect(row).toEqual({ role: "LOCAL_REGULATOR", jurisdiction: "1402", mustChangePassword: true });
  await prov.goto("/admin/users");
  await expect(prov.getByTestId("users-table")).toContainText(localEmail);
  await expect(prov.getByTestId("users-table")).not.toContainText("nmsa@demo.test");
});

test("a provincial regulator sets its province's target and the dashboard's coverage target shows it at once", async ({
  page,
}) => {
  await setLocaleCookie(page, "en");
  await signInOk(page, "shanxi@demo.test");
  // The dashboard first, so that its figures are computed (and shared) before the change.
  await page.goto("/dashboard?scope=14");
  await expect(page.getByTestId("kpi-coverage-target")).toBeVisible();
  await expect(page.getByTestId("kpi-coverage-target")).not.toContainText("57.5%");

  await page.getByRole("link", { name: "Spot-check targets" }).click();
  const row = page.getByTestId("target-14-all");
  // The national target is shown, not editable; another province's is not shown at all.
  await expect(page.getByTestId("target-national-all")).toContainText("Set by a body above you");
  await expect(page.getByTestId("targets-table")).not.toContainText("(52)");
  await row.getByLabel("Target (%)").fill("abc");
  await row.getByRole("button", { name: "Save" }).click();
  await expect(row.getByText("Enter a percentage from 0 to 100").first()).toBeVisible();
  await row.getByLabel("Target (%)").fill("57.5");
  await row.getByRole("button", { name: "Save" }).click();
  await expect(row.getByText("Saved.")).toBeVisible();

  await page.goto("/dashboard?scope=14");
  await expect(page.getByTestId("kpi-coverage-target")).toContainText("57.5%");
  // A prefecture without a target of its own follows its province.
  await page.goto("/dashboard?scope=1402");
  await expect(page.getByTestId("kpi-coverage-target")).toContainText("57.5%");
});

test("an administrator creates an authority with the region picker and edits it; a stale edit is refused", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  // Setup ships an authority for every county: one that nothing refers to is removed first, as an
  // administrator starting from a bare region list would find it.
  const [free] = await query<{ code: string }>(
    `DELETE FROM "Authority" WHERE id = (
       SELECT a.id FROM "Authority" a WHERE a.kind = 'COUNTY' AND a."regionCode" LIKE '14%'
          AND NOT EXISTS (SELECT 1 FROM "Grade" g WHERE g."authorityId" = a.id)
          AND NOT EXISTS (SELECT 1 FROM "Decision" d WHERE d."authorityId" = a.id)
          AND NOT EXISTS (SELECT 1 FROM "SpotCheck" s WHERE s."authorityId" = a.id)
        ORDER BY a."regionCode" LIMIT 1)
     RETURNING "regionCode" AS code`,
  );
  const context = await browser.newContext();
  const page = await context.newPage();
  await setLocaleCookie(page, "en");
  await signInOk(page, "admin@demo.test");
  await page.getByRole("link", { name: "Authorities" }).click();
  await expect(page.getByRole("link", { name: "New authority" })).toBeVisible();
  await page.goto("/admin/authorities/new");
  await page.getByLabel("Name (Chinese)").fill("测试县应急管理局");
  await page.getByLabel("Name (English)").fill(`E2E County Bureau ${stamp}`);
  await page.getByLabel("Kind").selectOption("COUNTY");
  // A prefecture for a county authority is refused next to the region, and the names stay.
  await pickRegion(page, "regionCode", [free.code.slice(0, 2), free.code.slice(0, 4)]);
  await page.getByRole("button", { name: "Create authority" }).click();
  await expect(page.getByText("The region must match the kind").first()).toBeVisible();
  await expect(page.getByLabel("Name (English)")).toHaveValue(`E2E County Bureau ${stamp}`);
  await pickRegion(page, "regionCode", [free.code.slice(0, 2), free.code.slice(0, 4), free.code]);
  await page.getByRole("button", { name: "Create authority" }).click();
  await expect(page.getByText("The authority was created.")).toBeVisible();

  await page.goto(`/admin/authorities?q=${free.code}`);
  await page.getByTestId("authorities-table").getByRole("link", { name: "Edit" }).click();
  await expect(page).toHaveURL(/\/admin\/authorities\/\d+$/);
  await expect(page.getByLabel("Name (English)")).toHaveValue(`E2E County Bureau ${stamp}`);
  const other = await context.newPage();
  await other.goto(page.url());
  await page.getByLabel("Name (English)").fill(`E2E Renamed ${stamp}`);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await other.getByLabel("Name (English)").fill(`E2E Stale ${stamp}`);
  await other.getByRole("button", { name: "Save" }).click();
  await expect(other.getByText("Someone else changed this authority").first()).toBeVisible();
  const [row] = await query<{ nameEn: string }>(
    `SELECT "nameEn" FROM "Authority" WHERE kind = 'COUNTY' AND "regionCode" = $1`,
    [free.code],
  );
  expect(row.nameEn).toBe(`E2E Renamed ${stamp}`);
});
