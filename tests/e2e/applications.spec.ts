// The full grading-application path in the browser: a mine manager applies for Level 1 with its
// self-assessment, the province reviews, NMSA assesses and starts the public notice, an anonymous
// visitor objects on the public notice page, NMSA dismisses the objection and, after the notice,
// announces the grade, which the mine's profile then shows.
//
// The demo manager's mine holds a Level 1 grade for years yet, so it may not apply again (the rule:
// the same or a lower level only within 6 months of the grade's end). The test makes its own manager
// for another Shanxi mine: a producing underground mine holding Level 2, with nothing that vetoes
// Level 1 and no application in progress. The server's clock cannot be moved, so once the objection
// is resolved the test moves the notice into the past in the database (noticeStartsOn/noticeEndsOn),
// as if its working days had gone by.
import { expect, test, type Browser, type Page } from "@playwright/test";
import bcrypt from "bcryptjs";
import { DEMO_PASSWORD, query, setLocaleCookie, signInOk, meetBasicConditions } from "./support";

const chinaToday = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
const daysFrom = (iso: string, n: number) =>
  new Date(new Date(`${iso}T00:00:00Z`).getTime() + n * 86_400_000).toISOString().slice(0, 10);

interface Mine {
  id: number;
  code: string;
  name: string;
  /** The name an English page shows. */
  nameShown: string;
  countyCode: string;
}

let mine: Mine;
const managerEmail = `e2e-manager-${Date.now()}@demo.test`;

test.beforeAll(async () => {
  const today = chinaToday();
  [mine] = await query<Mine>(
    `SELECT m.id, m.code, m.name, COALESCE(m."nameEn", m.name) AS "nameShown", m."countyCode" FROM "Mine" m
      WHERE m."provinceCode" = '14' AND m.status = 'NORMAL_PRODUCTION' AND m.type = 'UNDERGROUND'
        AND NOT EXISTS (SELECT 1 FROM "User" u WHERE u."mineId" = m.id)
        AND EXISTS (SELECT 1 FROM "Grade" g WHERE g."mineId" = m.id AND g.level = 2 AND g."announcedOn" <= $1::date
                    AND g."validUntil" > $1::date AND (g."endedOn" IS NULL OR g."endedOn" > $1::date))
        AND NOT EXISTS (SELECT 1 FROM "Grade" g WHERE g."mineId" = m.id AND g.level = 1 AND g."validUntil" > $1::date
                    AND (g."endedOn" IS NULL OR g."endedOn" > $1::date))
        AND NOT EXISTS (SELECT 1 FROM "GradeApplication" a WHERE a."mineId" = m.id
                    AND (a.state IN ('SUBMITTED', 'INITIAL_REVIEW_PASSED', 'ASSESSED', 'PUBLIC_NOTICE')
                         OR (a."appliedLevel" = 1 AND a."submittedOn" > $1::date - 430)))
        AND NOT EXISTS (SELECT 1 FROM "Accident" x WHERE x."mineId" = m.id AND x."occurredOn" > $1::date - 1200)
        AND NOT EXISTS (SELECT 1 FROM "Decision" d WHERE d."mineId" = m.id
                    AND (d.status = 'PROPOSED' OR d."effectiveOn" > $1::date - 430))
      ORDER BY m.id DESC LIMIT 1`,
    [today],
  );
  expect(mine, "a Shanxi mine that may apply for Level 1").toBeTruthy();
  await query(
    `INSERT INTO "User" (email, name, "passwordHash", role, jurisdiction, "mineId", active)
     VALUES ($1, $2, $3, 'MINE_MANAGER', $4, $5, true)`,
    [managerEmail, `${mine.name}矿长（E2E）`, bcrypt.hashSync(DEMO_PASSWORD, 10), mine.countyCode, mine.id],
  );
});

/** A signed-in page of its own (separate cookies) for one user, in English. */
async function as(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await setLocaleCookie(page, "en");
  await signInOk(page, email);
  return page;
}

async function fillScores(scope: ReturnType<Page["locator"]>, value: string) {
  const inputs = scope.locator("input[data-element]");
  await expect(inputs).toHaveCount(15);
  for (const input of await inputs.all()) await input.fill(value);
}

test("apply, review, assess, notice with an objection, announce", async ({ browser }) => {
  test.setTimeout(240_000);
  let applicationId = 0;

  await test.step("the manager applies for Level 1 with the self-assessment", async () => {
    const page = await as(browser, managerEmail);
    await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Applications" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Grading applications");
    await page.getByRole("link", { name: "Apply for a grade" }).click();
    await page.getByLabel("Level applied for").selectOption("1");
    await fillScores(page.locator("main"), "95");
    await expect(page.getByTestId("live-level")).toHaveText("Level 1");
    // A score left empty is reported next to its element, in the user's language.
    await page.locator('input[data-element="E07"]').fill("");
    await page.getByRole("button", { name: "Submit the application" }).click();
    await expect(page.getByText("Enter a score or mark the element not applicable.", { exact: true })).toBeVisible();
    await expect(page.locator('input[data-element="E07"]')).toHaveAttribute("aria-invalid", "true");
    await page.locator('input[data-element="E07"]').fill("95");
    // The basic conditions (基本条件): one not met refuses the application, next to that condition.
    await meetBasicConditions(page, "Licences valid until 2029; no open major hidden danger.");
    const licences = page.getByTestId("basic-conditions").locator('[data-condition="LICENCES"]');
    await licences.getByLabel("Met?").selectOption("no");
    await page.getByRole("button", { name: "Submit the application" }).click();
    await expect(licences.getByText("A mine that does not meet a basic condition cannot be graded.")).toBeVisible();
    await expect(licences.getByLabel("Met?")).toHaveAttribute("aria-invalid", "true");
    await expect(page).toHaveURL(/\/applications\/new$/);
    await licences.getByLabel("Met?").selectOption("yes");
    await page.getByRole("button", { name: "Submit the application" }).click();
    await expect(page).toHaveURL(/\/applications\/\d+$/);
    applicationId = Number(new URL(page.url()).pathname.split("/").pop());
    await expect(page.getByTestId("application-state")).toHaveAttribute("data-state", "SUBMITTED");
    await expect(page.getByTestId("application-kind")).toHaveAttribute("data-kind", "GRADING");
    // The recorded conditions, met, with the evidence given.
    const recorded = page.getByTestId("application-conditions");
    await expect(recorded.locator('[data-condition="LICENCES"] [data-met="true"]')).toBeVisible();
    await expect(recorded.locator('[data-condition="LICENCES"]')).toContainText("Licences valid until 2029");
    // Nobody but the reviewer acts now; the manager may still withdraw.
    await expect(page.getByTestId("withdraw-form")).toBeVisible();
    await page.context().close();
  });

  await test.step("the province passes the initial review", async () => {
    const page = await as(browser, "shanxi@demo.test");
    await page.goto(`/applications?state=SUBMITTED`);
    await expect(page.locator(`[data-testid="application-row"][data-id="${applicationId}"]`)).toContainText(
      "Initial review",
    );
    await page.goto(`/applications/${applicationId}`);
    await page.getByTestId("review-form").getByLabel("Comment (required to reject)").fill("Documents complete.");
    await page.getByRole("button", { name: "Pass the initial review" }).click();
    await expect(page.getByTestId("application-state")).toHaveAttribute("data-state", "INITIAL_REVIEW_PASSED");
    // Assessing a Level 1 application is NMSA's, not the province's.
    await expect(page.getByTestId("no-step")).toBeVisible();
    await page.context().close();
  });

  const nmsa = await as(browser, "nmsa@demo.test");
  await test.step("NMSA assesses and starts the public notice", async () => {
    await nmsa.goto(`/applications/${applicationId}`);
    const form = nmsa.getByTestId("assess-form");
    await fillScores(form, "93");
    await form.getByLabel("Assessment note (optional)").fill("Site assessment, 3 days.");
    await nmsa.getByRole("button", { name: "Save the assessment" }).click();
    await expect(nmsa.getByTestId("application-state")).toHaveAttribute("data-state", "ASSESSED");
    await expect(nmsa.getByTestId("result-level").getByTestId("grade-badge")).toHaveAttribute("data-level", "1");
    // Before it starts, the form names the notice's length (Level 1: the rule version's) and its last day.
    const hint = nmsa.getByTestId("notice-ends-if-started");
    await expect(hint).toContainText("runs for 5 working days");
    const endsOn = /it ends on (.+?)\./.exec((await hint.textContent()) ?? "")?.[1];
    expect(endsOn, "the notice's last day").toBeTruthy();
    await nmsa.getByTestId("notice-form").getByRole("button", { name: "Start the public notice" }).click();
    await expect(nmsa.getByTestId("application-state")).toHaveAttribute("data-state", "PUBLIC_NOTICE");
    await expect(nmsa.getByTestId("announce-blocked")).toContainText("The public notice runs until");
    await expect(nmsa.getByTestId("notice-period")).toContainText(`– ${endsOn!}`);
  });

  await test.step("an anonymous visitor objects on the public notice page", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await setLocaleCookie(page, "en");
    await page.goto("/notices");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Public notices");
    await page.locator(`[data-testid="notice-row"][data-id="${applicationId}"]`).getByRole("link").click();
    await expect(page).toHaveURL(new RegExp(`/notices/${applicationId}$`));
    await expect(page.getByTestId("notice-title")).toContainText(mine.nameShown);
    const form = page.getByTestId("objection-form");
    await form.getByLabel("Your name").fill("王五");
    await form.getByLabel("Phone number or email address").fill("wangwu@example.com");
    await form.getByLabel("Your objection (what is wrong, and how you know)").fill("Too short");
    await form.getByRole("button", { name: "Lodge the objection" }).click();
    await expect(page.getByText("Describe the objection in at least 10 characters.", { exact: true })).toBeVisible();
    await form
      .getByLabel("Your objection (what is wrong, and how you know)")
      .fill("The ventilation records shown to the assessors were prepared after the fact.");
    await form.getByRole("button", { name: "Lodge the objection" }).click();
    await expect(page.getByRole("status")).toHaveText(
      "Your objection was received. The grading authority will look into it before the grade is announced.",
    );
    await context.close();
  });

  await test.step("NMSA sees the objection and dismisses it", async () => {
    await nmsa.reload();
    const objection = nmsa.getByTestId("objection");
    await expect(objection).toHaveCount(1);
    await expect(objection).toHaveAttribute("data-status", "OPEN");
    await expect(objection).toContainText("王五, wangwu@example.com");
    await expect(nmsa.getByTestId("announce-form")).toHaveCount(0);
    await objection.getByLabel("Dismiss").check();
    await objection.getByLabel("Reason").fill("Ventilation records checked against the monitoring system; they match.");
    await objection.getByRole("button", { name: "Resolve the objection" }).click();
    await expect(objection).toHaveAttribute("data-status", "DISMISSED");
    await expect(objection).toContainText("they match");
  });

  await test.step("after the notice NMSA announces the grade", async () => {
    // The notice's working days go by: moved into the past, the announcement is due.
    const today = chinaToday();
    await query(`UPDATE "GradeApplication" SET "noticeStartsOn" = $2, "noticeEndsOn" = $3 WHERE id = $1`, [
      applicationId,
      daysFrom(today, -10),
      daysFrom(today, -1),
    ]);
    await nmsa.reload();
    const form = nmsa.getByTestId("announce-form");
    await form.getByLabel("Announcement number").fill("矿安标〔2026〕E2E号");
    await form.getByRole("button", { name: "Announce the grade" }).click();
    await expect(nmsa.getByTestId("application-state")).toHaveAttribute("data-state", "ANNOUNCED");
    await expect(nmsa.getByTestId("announced-grade")).toContainText("矿安标〔2026〕E2E号");
    const events = nmsa.getByTestId("event");
    await expect(events).toHaveCount(5);
    await expect(events.nth(1)).toContainText("Submitted → Initial review passed");
    await expect(events.nth(1)).toContainText("Documents complete.");
    await expect(events.nth(4)).toContainText("Under public notice → Announced");
  });

  await test.step("the mine's profile shows the new grade; the notice is gone", async () => {
    await nmsa.goto(`/mines/${mine.code}`);
    await expect(nmsa.getByTestId("current-grade").getByTestId("grade-badge")).toHaveAttribute("data-level", "1");
    await expect(nmsa.getByTestId("current-grade")).toContainText("矿安标〔2026〕E2E号");
    await expect(nmsa.getByTestId("grade-history")).toContainText("矿安标〔2026〕E2E号");
    // The Level 2 grade it held ended today, superseded, in the same transaction (grades that lapsed earlier,
    // with no end of their own, are left out).
    const grades = await query<{ level: number; endReason: string | null; endedOn: string | null }>(
      `SELECT level, "endReason", to_char("endedOn", 'YYYY-MM-DD') AS "endedOn" FROM "Grade"
        WHERE "mineId" = $1 AND "validUntil" > $2::date AND ("endedOn" IS NULL OR "endedOn" >= $2::date) ORDER BY id`,
      [mine.id, chinaToday()],
    );
    expect(grades).toEqual([
      { level: 2, endReason: "SUPERSEDED", endedOn: chinaToday() },
      { level: 1, endReason: null, endedOn: null },
    ]);
    await nmsa.goto("/notices");
    await expect(nmsa.locator(`[data-testid="notice-row"][data-id="${applicationId}"]`)).toHaveCount(0);
    await nmsa.context().close();
  });
});

test("an objection outside a notice is refused, and the notice page says so", async ({ page }) => {
  await setLocaleCookie(page, "en");
  // An application under notice whose notice has ended (from the seed's pending ones, moved into the past).
  const [app] = await query<{ id: number }>(
    `SELECT id FROM "GradeApplication" WHERE state = 'PUBLIC_NOTICE' ORDER BY id LIMIT 1`,
  );
  const today = chinaToday();
  await query(`UPDATE "GradeApplication" SET "noticeStartsOn" = $2, "noticeEndsOn" = $3 WHERE id = $1`, [
    app.id,
    daysFrom(today, -12),
    daysFrom(today, -3),
  ]);
  await page.goto(`/notices/${app.id}`);
  await expect(page.getByTestId("notice-closed")).toHaveText(
    "The notice period has ended; objections are no longer accepted.",
  );
  await expect(page.getByTestId("objection-form")).toHaveCount(0);
  // An application that is not under notice is not public.
  const [submitted] = await query<{ id: number }>(
    `SELECT id FROM "GradeApplication" WHERE state = 'SUBMITTED' ORDER BY id LIMIT 1`,
  );
  const response = await page.goto(`/notices/${submitted.id}`);
  expect(response?.status()).toBe(404);
});

test("a Level 1 mine whose grade ends soon is offered the direct extension, which skips the assessment", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const today = chinaToday();
  // A producing Shanxi mine with no grade, accident, decision, spot-check or application of its own, given
  // a Level 1 grade that ends in two months: clean, so the extension (直接延期) is open to it.
  const [clean] = await query<Mine>(
    `SELECT m.id, m.code, m.name, COALESCE(m."nameEn", m.name) AS "nameShown", m."countyCode" FROM "Mine" m
      WHERE m."provinceCode" = '14' AND m.status = 'NORMAL_PRODUCTION' AND m.type = 'UNDERGROUND'
        AND NOT EXISTS (SELECT 1 FROM "User" u WHERE u."mineId" = m.id)
        AND NOT EXISTS (SELECT 1 FROM "Grade" g WHERE g."mineId" = m.id)
        AND NOT EXISTS (SELECT 1 FROM "GradeApplication" a WHERE a."mineId" = m.id)
        AND NOT EXISTS (SELECT 1 FROM "Accident" x WHERE x."mineId" = m.id)
        AND NOT EXISTS (SELECT 1 FROM "Decision" d WHERE d."mineId" = m.id)
        AND NOT EXISTS (SELECT 1 FROM "SpotCheck" s WHERE s."mineId" = m.id)
        AND NOT EXISTS (SELECT 1 FROM "HiddenDanger" h WHERE h."mineId" = m.id)
      ORDER BY m.id LIMIT 1`,
  );
  expect(clean, "a Shanxi mine with no history").toBeTruthy();
  const endsOn = daysFrom(today, 60);
  await query(
    `INSERT INTO "Grade" ("mineId", level, "ruleVersionId", "authorityId", "announcementNo", "announcedOn", "validUntil")
     SELECT $1, 1, (SELECT id FROM "RuleVersion" WHERE code = '2024'),
            (SELECT id FROM "Authority" WHERE kind = 'NATIONAL' LIMIT 1), 'E2E 一级公告', $2::date - interval '3 years', $2::date`,
    [clean.id, endsOn],
  );
  const email = `e2e-extension-${Date.now()}@demo.test`;
  await query(
    `INSERT INTO "User" (email, name, "passwordHash", role, jurisdiction, "mineId", active)
     VALUES ($1, $2, $3, 'MINE_MANAGER', $4, $5, true)`,
    [email, `${clean.name}矿长（E2E）`, bcrypt.hashSync(DEMO_PASSWORD, 10), clean.countyCode, clean.id],
  );

  const manager = await as(browser, email);
  await manager.goto("/applications/new");
  await expect(manager.getByTestId("extension-offered")).toContainText("may be extended directly");
  const kind = manager.getByLabel("Application for");
  await expect(kind).toHaveValue("DIRECT_EXTENSION");
  // Only Level 1 can be extended.
  await expect(manager.getByLabel("Level applied for").locator("option")).toHaveText(["Level 1"]);
  await fillScores(manager.locator("main"), "95");
  await meetBasicConditions(manager);
  await manager.getByRole("button", { name: "Submit the application" }).click();
  await expect(manager).toHaveURL(/\/applications\/\d+$/);
  const applicationId = Number(new URL(manager.url()).pathname.split("/").pop());
  await expect(manager.getByTestId("application-kind")).toHaveAttribute("data-kind", "DIRECT_EXTENSION");
  await expect(manager.getByTestId("application-kind")).toContainText("the new grade starts on");
  // In Chinese the kind reads as the rules name it.
  await setLocaleCookie(manager, "zh-CN");
  await manager.reload();
  await expect(manager.getByTestId("application-kind")).toContainText("一级直接延期");
  await manager.context().close();

  const province = await as(browser, "shanxi@demo.test");
  await province.goto("/applications?state=SUBMITTED");
  await expect(province.locator(`[data-testid="application-row"][data-id="${applicationId}"]`)).toContainText(
    "Direct extension of Level 1",
  );
  await province.goto(`/applications/${applicationId}`);
  await province.getByRole("button", { name: "Pass the initial review" }).click();
  await expect(province.getByTestId("application-state")).toHaveAttribute("data-state", "INITIAL_REVIEW_PASSED");
  await province.context().close();

  // NMSA decides: no assessment form, the public notice straight away.
  const nmsa = await as(browser, "nmsa@demo.test");
  await nmsa.goto(`/applications/${applicationId}`);
  await expect(nmsa.getByTestId("assess-form")).toHaveCount(0);
  await expect(nmsa.getByTestId("notice-form")).toContainText("A direct extension has no assessment");
  await nmsa.getByTestId("notice-form").getByRole("button", { name: "Start the public notice" }).click();
  await expect(nmsa.getByTestId("application-state")).toHaveAttribute("data-state", "PUBLIC_NOTICE");
  await expect(nmsa.getByTestId("result-level").getByTestId("grade-badge")).toHaveAttribute("data-level", "1");
  await nmsa.context().close();
});
