// Issue 12, item 5: the portal put into service from an empty database, as a province adopting it
// would, in production mode without DEMO_MODE (tests/e2e/support/production-server.ts). `setup` and
// `user:create` make the first ADMIN; everything after that goes through the pages: the ADMIN creates
// Shanxi's provincial regulator, who creates Datong's local regulator, registers an enterprise and a
// mine and sets it producing, and creates the mine's manager. The manager applies for Level 2; as the
// configuration says for Level 2 in Shanxi (lib/domain/authority-config-data.ts), the prefecture (the
// Datong regulator) reviews and the province assesses, starts the public notice and announces. The
// grade then shows on the public register and in the province's figures, and a stop shows in the
// producing count.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { startProductionServer, type ProductionServer } from "./support/production-server";
import { meetBasicConditions } from "./support";

test.describe.configure({ mode: "serial" });

const ADMIN = { email: "first-admin@lifecycle.test", password: "granite-harbour-lantern-41" };
const PROVINCE = { email: "shanxi-regulator@lifecycle.test", password: "Taihang-Mountains-2026" };
const LOCAL = { email: "datong-regulator@lifecycle.test", password: "Yungang-Grottoes-2026" };
const MANAGER = { email: "mine-manager@lifecycle.test", password: "Sanggan-River-Coal-2026" };
const COUNTY = "140226";

const chinaToday = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
const daysFrom = (iso: string, n: number) =>
  new Date(new Date(`${iso}T00:00:00Z`).getTime() + n * 86_400_000).toISOString().slice(0, 10);

let server: ProductionServer;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  server = await startProductionServer("lifecycle", ADMIN);
});

test.afterAll(async () => {
  await server?.stop();
});

/** A page of its own (separate cookies) on the production server, in English. */
async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.baseURL });
  await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: server.baseURL }]);
  return context.newPage();
}

async function signIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
}

/** Signs in with the one-time password, is sent to /password, sets its own, and lands on `home`. */
async function firstSignIn(
  browser: Browser,
  user: { email: string; password: string },
  oneTime: string,
  home = /\/dashboard/,
) {
  const page = await newPage(browser);
  await signIn(page, user.email, oneTime);
  await expect(page).toHaveURL(/\/password$/);
  await page.getByLabel("Current password").fill(oneTime);
  await page.getByLabel("New password", { exact: true }).fill(user.password);
  await page.getByLabel("New password again").fill(user.password);
  await page.getByRole("button", { name: "Save the password" }).click();
  await expect(page).toHaveURL(home);
  await expect(page.getByTestId("current-user")).toBeVisible();
  return page;
}

async function pickRegion(page: Page, field: string, codes: string[]) {
  const levels = ["province", "prefecture", "county"];
  for (let i = 0; i < codes.length; i++) {
    const select = page.getByTestId(`${field}-${levels[i]}`);
    if (await select.isDisabled()) continue;
    await select.selectOption(codes[i]);
  }
}

/** Creates an account through /admin/users/new; returns its one-time password and its page's path. */
async function createAccount(page: Page, email: string, role: string, region: string[]) {
  await page.goto("/admin/users/new");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Name", { exact: true }).fill(`Lifecycle ${role}`);
  await page.getByLabel("Role").selectOption(role);
  await pickRegion(page, "jurisdiction", region);
  await page.getByRole("button", { name: "Create account" }).click();
  const password = page.getByTestId("one-time-password");
  await expect(password).toBeVisible();
  const href = await page.getByRole("link", { name: "Open the new account" }).getAttribute("href");
  return { oneTime: (await password.textContent())!.trim(), href: href! };
}

async function fillScores(scope: ReturnType<Page["locator"]>, value: string) {
  const inputs = scope.locator("input[data-element]");
  await expect(inputs).toHaveCount(15);
  for (const input of await inputs.all()) await input.fill(value);
}

async function provinceMetrics(page: Page) {
  const response = await page.request.get(`/api/v1/metrics?scope=14&asOf=${chinaToday()}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as { producing: number; graded: { l1: number; l2: number; l3: number } };
}

test("from an empty database to an announced grade, through the pages, in production mode", async ({ browser }) => {
  test.setTimeout(360_000);
  let province: Page;
  let mineCode = "";
  let applicationId = 0;

  await test.step("the empty database holds no mine and only the first ADMIN", async () => {
    // Besides the jobs' system actor (id 0), inactive, which nobody can sign in as.
    const [counts] = await server.query<{ mines: number; users: number; system: number }>(
      `SELECT (SELECT count(*) FROM "Mine")::int AS mines,
              (SELECT count(*) FROM "User" WHERE id <> 0)::int AS users,
              (SELECT count(*) FROM "User" WHERE id = 0 AND NOT active)::int AS system`,
    );
    expect(counts).toEqual({ mines: 0, users: 1, system: 1 });
  });

  await test.step("the ADMIN creates Shanxi's provincial regulator, who sets a password", async () => {
    const admin = await newPage(browser);
    await signIn(admin, ADMIN.email, ADMIN.password);
    await expect(admin.getByTestId("current-user")).toBeVisible();
    const { oneTime } = await createAccount(admin, PROVINCE.email, "PROVINCIAL_REGULATOR", ["14"]);
    await admin.context().close();
    province = await firstSignIn(browser, PROVINCE, oneTime);
  });

  await test.step("the provincial regulator creates Datong's local regulator", async () => {
    const { oneTime } = await createAccount(province, LOCAL.email, "LOCAL_REGULATOR", ["14", "1402"]);
    const local = await firstSignIn(browser, LOCAL, oneTime);
    await local.context().close();
  });

  await test.step("the provincial regulator registers an enterprise and a mine, and sets it producing", async () => {
    await province.goto("/enterprises");
    await province.getByLabel("Name (Chinese)").fill("大同生命周期煤业有限公司");
    await province.getByLabel("Name (English, optional)").fill("Lifecycle Coal Co.");
    await province.getByRole("button", { name: "Create enterprise" }).click();
    await expect(province.getByText("Enterprise created.")).toBeVisible();

    await province.goto("/mines/new");
    await province.getByTestId("pick-prefecture").selectOption("1402");
    await province.getByTestId("pick-county").selectOption(COUNTY);
    mineCode = `${COUNTY}0001`;
    await expect(province.getByTestId("next-sequence")).toContainText(mineCode);
    await province.getByLabel("Name (Chinese)").fill("生命周期煤矿");
    await province.getByLabel("Name (English, optional)").fill("Lifecycle Mine");
    await province.getByLabel("Enterprise").selectOption({ label: "Lifecycle Coal Co." });
    await province.getByLabel("Design capacity (10 kt/a)").fill("120");
    await province.getByLabel("Status", { exact: true }).selectOption("NORMAL_CONSTRUCTION");
    await province.getByLabel("Effective from").fill("2024-03-01");
    await province.getByRole("button", { name: "Register mine" }).click();
    await expect(province).toHaveURL(new RegExp(`/mines/${mineCode}\\?saved=registered$`));

    await province.getByTestId("status-link").click();
    await province.getByLabel("Status", { exact: true }).selectOption("NORMAL_PRODUCTION");
    await province.getByLabel("Effective from").fill("2024-09-01");
    await province.getByRole("button", { name: "Record change" }).click();
    await expect(province.getByRole("status")).toContainText("Production status recorded.");
    await expect(province.getByTestId("current-status")).toContainText("Normal production");
  });

  await test.step("the provincial regulator creates the mine's manager and links it to the mine", async () => {
    const { oneTime, href } = await createAccount(province, MANAGER.email, "MINE_MANAGER", ["14", "1402", COUNTY]);
    await province.goto(href);
    await province.getByLabel("Mine", { exact: true }).selectOption({ label: `Lifecycle Mine (${mineCode})` });
    await province.getByRole("button", { name: "Save the mine" }).click();
    await expect(province.getByText("The mine is saved.")).toBeVisible();

    await test.step("the manager sets a password and applies for Level 2 with its self-assessment", async () => {
      // A manager's home is its mine's page.
      const manager = await firstSignIn(browser, MANAGER, oneTime, new RegExp(`/mines/${mineCode}$`));
      await manager
        .getByRole("navigation", { name: "Main navigation" })
        .getByRole("link", { name: "Applications" })
        .click();
      await manager.getByRole("link", { name: "Apply for a grade" }).click();
      await manager.getByLabel("Level applied for").selectOption("2");
      await fillScores(manager.locator("main"), "85");
      await expect(manager.getByTestId("live-level")).toHaveText("Level 2");
      await meetBasicConditions(manager);
      await manager.getByRole("button", { name: "Submit the application" }).click();
      await expect(manager).toHaveURL(/\/applications\/\d+$/);
      applicationId = Number(new URL(manager.url()).pathname.split("/").pop());
      await expect(manager.getByTestId("application-state")).toHaveAttribute("data-state", "SUBMITTED");
      await manager.context().close();
    });
  });

  await test.step("the prefecture (Datong's regulator) passes the initial review", async () => {
    // The province may not: Level 2's reviewer in Shanxi is the prefecture.
    await province.goto(`/applications/${applicationId}`);
    await expect(province.getByTestId("review-form")).toHaveCount(0);
    const local = await newPage(browser);
    await signIn(local, LOCAL.email, LOCAL.password);
    await expect(local.getByTestId("current-user")).toBeVisible();
    await local.goto(`/applications/${applicationId}`);
    await local.getByTestId("review-form").getByLabel("Comment (required to reject)").fill("Documents complete.");
    await local.getByRole("button", { name: "Pass the initial review" }).click();
    await expect(local.getByTestId("application-state")).toHaveAttribute("data-state", "INITIAL_REVIEW_PASSED");
    await local.context().close();
  });

  await test.step("the province assesses, starts the public notice and, after it, announces", async () => {
    await province.goto(`/applications/${applicationId}`);
    const form = province.getByTestId("assess-form");
    await fillScores(form, "86");
    await province.getByRole("button", { name: "Save the assessment" }).click();
    await expect(province.getByTestId("application-state")).toHaveAttribute("data-state", "ASSESSED");
    await expect(province.getByTestId("result-level").getByTestId("grade-badge")).toHaveAttribute("data-level", "2");
    await province.getByTestId("notice-form").getByRole("button", { name: "Start the public notice" }).click();
    await expect(province.getByTestId("application-state")).toHaveAttribute("data-state", "PUBLIC_NOTICE");
    await expect(province.getByTestId("announce-blocked")).toContainText("The public notice runs until");

    // Stands for time passing: the server's clock cannot be moved, so the notice's working days are
    // moved into the past. This is the only write of this test that does not go through the pages.
    const today = chinaToday();
    await server.query(`UPDATE "GradeApplication" SET "noticeStartsOn" = $2, "noticeEndsOn" = $3 WHERE id = $1`, [
      applicationId,
      daysFrom(today, -10),
      daysFrom(today, -1),
    ]);
    await province.reload();
    const announce = province.getByTestId("announce-form");
    await announce.getByLabel("Announcement number").fill("晋煤安标〔2026〕1号");
    await announce.getByRole("button", { name: "Announce the grade" }).click();
    await expect(province.getByTestId("application-state")).toHaveAttribute("data-state", "ANNOUNCED");
    await expect(province.getByTestId("announced-grade")).toContainText("晋煤安标〔2026〕1号");
  });

  await test.step("the grade is on the public register, for a visitor who is not signed in", async () => {
    const visitor = await newPage(browser);
    await visitor.goto(`/register?q=${mineCode}`);
    const rows = visitor.getByTestId("register-table").locator("tbody tr");
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(mineCode);
    await expect(rows.first()).toContainText("晋煤安标〔2026〕1号");
    await expect(rows.first().getByTestId("grade-badge")).toHaveAttribute("data-level", "2");
    await visitor.context().close();
  });

  await test.step("the province's figures count the producing mine and its Level 2 grade", async () => {
    const metrics = await provinceMetrics(province);
    expect(metrics.producing).toBe(1);
    expect(metrics.graded).toEqual({ l1: 0, l2: 1, l3: 0 });
    await province.goto("/dashboard?scope=14");
    await expect(province.getByTestId("kpi-producing-value")).toHaveText("1");
  });

  await test.step("a stop recorded on the status page shows in the producing count", async () => {
    await province.goto(`/mines/${mineCode}/status`);
    await province.getByLabel("Status", { exact: true }).selectOption("STOPPED");
    await province.getByLabel("Effective from").fill(chinaToday());
    await province.getByLabel("Reason (optional)").fill("Rectification ordered");
    await province.getByRole("button", { name: "Record change" }).click();
    await expect(province.getByTestId("current-status")).toContainText("Stopped");
    const metrics = await provinceMetrics(province);
    expect(metrics.producing).toBe(0);
    await province.goto("/dashboard?scope=14");
    await expect(province.getByTestId("kpi-producing-value")).toHaveText("0");
  });
});
