// The working-day calendar page (issue 13.9): ADMIN reads a year, adds a day, and covers a year; the
// year's gap is named before and gone after.
import { expect, test } from "@playwright/test";
import { query, setLocaleCookie, signInOk } from "./support";

test.afterAll(async () => {
  await query(`DELETE FROM "CalendarDay" WHERE date = '2038-01-01'`);
  await query(`DELETE FROM "CalendarYear" WHERE year = 2038`);
});

test("ADMIN keeps the working-day calendar: reads a year, adds a holiday, covers the year", async ({ page }) => {
  await setLocaleCookie(page, "en");
  await signInOk(page, "admin@demo.test");
  await page.getByRole("link", { name: "Calendar" }).first().click();
  await page.goto("/admin/calendar?year=2026");
  await expect(page.getByRole("heading", { level: 1, name: "Working-day calendar" })).toBeVisible();
  await expect(page.getByTestId("calendar-day-2026-10-01")).toContainText("National Day");
  await expect(page.getByTestId("calendar-day-2026-10-10")).toContainText("Make-up working day");

  await page.goto("/admin/calendar?year=2038");
  await expect(page.getByTestId("year-status")).toContainText("Not covered");
  const form = page.getByRole("form", { name: "Add a day" });
  await form.getByLabel("Date").fill("2038-01-01");
  await form.getByLabel("Name (Chinese)").fill("元旦");
  await form.getByLabel("Name (English)").fill("New Year's Day");
  await form.getByRole("button", { name: "Add a day" }).click();
  await expect(page.getByTestId("calendar-day-2038-01-01")).toContainText("New Year's Day");

  const cover = page.getByRole("form", { name: "Mark 2038 as covered" });
  await cover.getByRole("button", { name: "Mark 2038 as covered" }).click();
  // The error summary and the field both say it.
  await expect(cover.getByText("This field is required.").first()).toBeVisible();
  await cover.getByLabel("Source").fill("国办发明电〔2037〕1号");
  await cover.getByRole("button", { name: "Mark 2038 as covered" }).click();
  await expect(page.getByTestId("year-status")).toContainText("Covered: 国办发明电〔2037〕1号");
  expect(await query(`SELECT source FROM "CalendarYear" WHERE year = 2038`)).toEqual([
    { source: "国办发明电〔2037〕1号" },
  ]);
});

test("nobody else sees the calendar page", async ({ page }) => {
  await signInOk(page, "nmsa@demo.test");
  const response = await page.goto("/admin/calendar");
  expect(response?.status()).toBe(404);
});
