import { expect, test } from "@playwright/test";
import { query, setLocaleCookie, signInOk } from "./support";

// Issue 12, item 4: the mine register kept by a regulator, through the pages. A provincial
// regulator registers a mine (a mistake first: the error shows next to its field and the input is
// kept), sets it producing, then records that it stopped, and reads the status history on the profile.
test("a provincial regulator registers a mine, sets it producing, stops it, and sees the history", async ({ page }) => {
  const [county] = await query<{ code: string }>(
    `SELECT r.code FROM "Region" r WHERE r.level = 'COUNTY' AND r.code LIKE '14%'
       AND NOT EXISTS (SELECT 1 FROM "Mine" m WHERE m."countyCode" = r.code) ORDER BY r.code LIMIT 1`,
  );
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
  await setLocaleCookie(page, "en");
  await signInOk(page, "shanxi@demo.test");

  await page.goto("/mines");
  await page.getByTestId("register-links").getByRole("link", { name: "Register a mine" }).click();
  await expect(page).toHaveURL(/\/mines\/new$/);
  await page.getByTestId("pick-prefecture").selectOption(county.code.slice(0, 4));
  await page.getByTestId("pick-county").selectOption(county.code);
  await expect(page.getByTestId("next-sequence")).toContainText(`${county.code}0001`);
  await page.getByLabel("Name (English, optional)").fill("E2E Register Mine");
  await page.getByLabel("Design capacity (10 kt/a)").fill("120");
  await page.getByLabel("Status", { exact: true }).selectOption("NORMAL_CONSTRUCTION");
  await page.getByLabel("Effective from").fill("2024-03-01");
  await page.getByRole("button", { name: "Register mine" }).click();
  // The Chinese name was left out: said next to the field, and nothing else typed is lost.
  await expect(page.getByTestId("error-summary")).toBeVisible();
  const name = page.getByLabel("Name (Chinese)");
  await expect(name).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Design capacity (10 kt/a)")).toHaveValue("120");
  await expect(page.getByTestId("pick-county")).toHaveValue(county.code);
  await expect(page.getByLabel("Status", { exact: true })).toHaveValue("NORMAL_CONSTRUCTION");
  await name.fill("端到端登记煤矿");
  await page.getByRole("button", { name: "Register mine" }).click();

  const code = `${county.code}0001`;
  await expect(page).toHaveURL(new RegExp(`/mines/${code}\\?saved=registered$`));
  await expect(page.getByRole("status")).toContainText("Mine registered.");
  await expect(page.getByTestId("mine-name")).toHaveText("E2E Register Mine");

  // Producing from 2024-09-01.
  await page.getByTestId("status-link").click();
  await expect(page.getByTestId("current-status")).toContainText("Normal construction");
  await page.getByLabel("Status", { exact: true }).selectOption("NORMAL_PRODUCTION");
  await page.getByLabel("Effective from").fill("2024-09-01");
  await page.getByLabel("Reason (optional)").fill("Completed construction");
  await page.getByRole("button", { name: "Record change" }).click();
  await expect(page.getByRole("status")).toContainText("Production status recorded.");
  await expect(page.getByTestId("current-status")).toContainText("Normal production");

  // The same status again is refused next to the field.
  await page.getByLabel("Status", { exact: true }).selectOption("NORMAL_PRODUCTION");
  await page.getByLabel("Effective from").fill(today);
  await page.getByRole("button", { name: "Record change" }).click();
  await expect(page.getByText("The mine already has this status on that date.").first()).toBeVisible();

  // Stopped today, by a document.
  await page.getByLabel("Status", { exact: true }).selectOption("STOPPED");
  await page.getByLabel("Document number (optional)").fill("晋煤安〔2026〕9号");
  await page.getByRole("button", { name: "Record change" }).click();
  await expect(page.getByTestId("current-status")).toContainText("Stopped");

  await page.goto(`/mines/${code}`);
  const history = page.getByTestId("status-history").locator("li");
  await expect(history).toHaveCount(3);
  await expect(history.nth(0)).toContainText("Stopped");
  await expect(history.nth(0)).toContainText("晋煤安〔2026〕9号");
  await expect(history.nth(1)).toContainText("Normal production");
  await expect(history.nth(1)).toContainText("Completed construction");
  await expect(history.nth(2)).toContainText("Normal construction");
  const rows = await query<{ status: string; startedOn: string; endedOn: string | null }>(
    `SELECT p.status::text, p."startedOn"::text AS "startedOn", p."endedOn"::text AS "endedOn"
       FROM "MineStatusPeriod" p JOIN "Mine" m ON m.id = p."mineId" WHERE m.code = $1 ORDER BY p."startedOn"`,
    [code],
  );
  expect(rows).toEqual([
    { status: "NORMAL_CONSTRUCTION", startedOn: "2024-03-01", endedOn: "2024-09-01" },
    { status: "NORMAL_PRODUCTION", startedOn: "2024-09-01", endedOn: today },
    { status: "STOPPED", startedOn: today, endedOn: null },
  ]);
});

test("those who do not keep the register see no link to it, and its pages are not there for them", async ({ page }) => {
  await setLocaleCookie(page, "en");
  await signInOk(page, "admin@demo.test");
  await page.goto("/mines");
  await expect(page.getByTestId("register-links")).toHaveCount(0);
  const response = await page.goto("/mines/new");
  expect(response?.status()).toBe(404);
});

test("a local regulator imports status changes: a bad file writes nothing and says where, a good one records them", async ({
  page,
}) => {
  const mines = await query<{ code: string }>(
    `SELECT code FROM "Mine" WHERE "prefectureCode" = '1402' AND status = 'NORMAL_PRODUCTION' ORDER BY code DESC LIMIT 2`,
  );
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
  await setLocaleCookie(page, "en");
  await signInOk(page, "datong@demo.test");
  await page.goto("/mines");
  await page.getByTestId("register-links").getByRole("link", { name: "Import the register" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Import the mine register");
  const template = await page.request.get("/mines/import/template?kind=statuses&format=xlsx");
  expect(template.headers()["content-type"]).toContain("spreadsheetml");

  await page.getByLabel("Production-status changes").check();
  const header = "mine_code,status,effective_on,reason,document_no";
  const bad = `${header}\n${mines[0].code},STOPPED,${today},,\n${mines[1].code},PAUSED,${today},,\n`;
  const file = page.getByLabel("File to import");
  await file.setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from(bad) });
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByTestId("import-failed")).toContainText("Nothing was imported");
  const row = page.getByTestId("import-errors").getByRole("row").nth(1);
  await expect(row).toContainText("3");
  await expect(row).toContainText("status");
  await expect(row).toContainText("“PAUSED” is not allowed");
  const [before] = await query<{ status: string }>(`SELECT status::text FROM "Mine" WHERE code = $1`, [mines[0].code]);
  expect(before.status).toBe("NORMAL_PRODUCTION");

  const good = `${header}\n${mines[0].code},STOPPED,${today},停产整顿,\n${mines[1].code},stopped,${today},,\n`;
  await file.setInputFiles({ name: "good.csv", mimeType: "text/csv", buffer: Buffer.from(good) });
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByTestId("import-success")).toContainText("2 status changes recorded.");
  const after = await query<{ status: string }>(`SELECT status::text FROM "Mine" WHERE code = ANY($1::text[])`, [
    mines.map((m) => m.code),
  ]);
  expect(after.map((m) => m.status)).toEqual(["STOPPED", "STOPPED"]);
});
