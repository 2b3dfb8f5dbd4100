// The dashboard as its readers use it: the 2020 national figures read off the page, drill-down to a
// province, the same figures in Chinese, downloads whose numbers match the page, and the scope rules.
import fs from "node:fs";
import { expect, test, type Download, type Locator, type Page } from "@playwright/test";
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { setLocaleCookie, signInOk } from "./support";

const NATIONAL_2020 = "/dashboard?year=2020&asOf=2020-12-31";

/** "39.0%" → 39, "1,234" → 1234. */
function numberIn(text: string): number {
  const m = /-?[\d,]+(\.\d+)?/.exec(text);
  if (!m) throw new Error(`no number in ${JSON.stringify(text)}`);
  return Number(m[0].replace(/,/g, ""));
}

interface Headline {
  producing: string;
  l12: string;
  coverage: string;
  decisions: string;
  l1: string;
  unstandardized: string;
}

async function readHeadline(page: Page): Promise<Headline> {
  const value = async (id: string) => (await page.getByTestId(`kpi-${id}-value`).innerText()).trim();
  return {
    producing: await value("producing"),
    l12: await value("l12"),
    coverage: await value("coverage"),
    decisions: await value("decisions"),
    l1: await value("l1"),
    unstandardized: await value("unstandardized"),
  };
}

/** A region row's cell of one column: the header names the columns (data-col), the cells do not. */
async function regionCell(page: Page, row: Locator, col: string): Promise<Locator> {
  const index = await page
    .getByTestId("table-regions")
    .locator("thead th")
    .evaluateAll((ths, key) => ths.findIndex((th) => (th as HTMLElement).dataset.col === key), col);
  expect(index, `column ${col}`).toBeGreaterThanOrEqual(0);
  return row.locator("td").nth(index);
}

async function download(page: Page, testId: string): Promise<Buffer> {
  const [file]: [Download, void] = await Promise.all([page.waitForEvent("download"), page.getByTestId(testId).click()]);
  return fs.readFileSync((await file.path())!);
}

test("an official reads the 2020 national figures, drills into Shanxi, reads them in Chinese and downloads them", async ({
  page,
}) => {
  await setLocaleCookie(page, "en");
  await signInOk(page, "official@demo.test");
  // Officials land on the dashboard of their jurisdiction, the first link of the navigation.
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("navigation", { name: "Main navigation" }).getByRole("link").first()).toHaveText(
    "Dashboard",
  );

  const response = await page.goto(NATIONAL_2020);
  expect(response?.status()).toBe(200);
  await expect(page.getByTestId("dashboard-title")).toHaveText("Dashboard: National");
  await expect(page.getByTestId("kpi-coverage-value")).toBeVisible();
  const national = await readHeadline(page);
  const coverage = numberIn(national.coverage);
  expect(coverage).toBeGreaterThanOrEqual(38);
  expect(coverage).toBeLessThanOrEqual(40);
  const decisions = numberIn(national.decisions);
  expect(decisions).toBeGreaterThanOrEqual(100);
  expect(decisions).toBeLessThanOrEqual(140);
  expect(numberIn(national.l12)).toBeGreaterThan(75);
  // 2020 is over: no year-to-date mark. The figures are those of the metrics API (computeMetrics).
  await expect(page.getByTestId("dashboard-period")).not.toContainText("Year to date");
  const api = await (await page.request.get("/api/v1/metrics?scope=&asOf=2020-12-31&year=2020")).json();
  expect(numberIn(national.producing)).toBe(api.producing);
  expect(decisions).toBe(api.decisions.downgrades + api.decisions.revocations);
  expect(coverage).toBeCloseTo(api.coverage.ratio * 100, 1);

  // Every chart has its figures as a table; the region comparison lists Shanxi.
  for (const view of ["share", "coverage", "decisions", "regions"]) {
    await expect(page.getByTestId(`table-${view}`).locator("caption")).not.toBeEmpty();
  }
  await expect(page.getByTestId("province-tiles")).toContainText("Shanxi");

  // Downloads: the headline as CSV and every view as XLSX carry the page's numbers.
  const csv = (await download(page, "export-headline-csv")).toString("utf8");
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const rows = Papa.parse<string[]>(csv.slice(1).trim()).data;
  const csvValue = (label: string) => rows.find((r) => r[0] === label)?.[1];
  expect(csvValue("Spot-check coverage")).toBe(national.coverage);
  expect(csvValue("Level 1+2 share")).toBe(national.l12);
  expect(Number(csvValue("Downgrades and revocations"))).toBe(decisions);
  expect(Number(csvValue("Producing mines"))).toBe(numberIn(national.producing));

  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await download(page, "export-all-xlsx")) as unknown as ArrayBuffer);
  expect(workbook.worksheets.map((s) => s.name)).toEqual([
    "Headline",
    "Share by level",
    "Coverage",
    "Decisions",
    "Regions",
  ]);
  const headlineSheet = workbook.getWorksheet("Headline")!;
  const xlsxValue = (label: string) => {
    let found: ExcelJS.CellValue = null;
    headlineSheet.eachRow((row) => {
      if (row.getCell(1).value === label) found = row.getCell(2).value;
    });
    return found as unknown as number;
  };
  const pct = (v: number) => (Math.round(v * 1000) / 10).toFixed(1);
  expect(`${pct(xlsxValue("Spot-check coverage"))}%`).toBe(national.coverage);
  expect(`${pct(xlsxValue("Level 1+2 share"))}%`).toBe(national.l12);
  expect(xlsxValue("Downgrades and revocations")).toBe(decisions);
  expect(xlsxValue("Producing mines")).toBe(numberIn(national.producing));

  // Shanxi's row in the comparison is what Shanxi's own dashboard says.
  const shanxiRow = page.getByTestId("table-regions").locator('tr[data-code="14"]');
  const rowCoverage = (await (await regionCell(page, shanxiRow, "coverage")).innerText()).trim();
  const rowL12 = (await (await regionCell(page, shanxiRow, "l12")).innerText()).trim();
  await shanxiRow.getByRole("link", { name: "Shanxi" }).click();
  await expect(page).toHaveURL(/scope=14/);
  await expect(page).toHaveURL(/year=2020/);
  await expect(page.getByTestId("dashboard-title")).toHaveText("Dashboard: Shanxi");
  await expect(page.getByTestId("kpi-coverage-value")).toHaveText(rowCoverage);
  const shanxi = await readHeadline(page);
  expect(shanxi.l12).toBe(rowL12);
  await expect(page.getByTestId("table-regions")).toContainText("Datong");

  // The same figures in Chinese.
  await page.getByTestId("language-switcher").selectOption("zh-CN");
  await expect(page.getByTestId("dashboard-title")).toHaveText("数据看板：山西省");
  await expect(page.getByTestId("kpi-coverage")).toContainText("抽查覆盖率");
  expect(await readHeadline(page)).toEqual(shanxi);
  await expect(page.getByTestId("table-regions")).toContainText("大同市");

  // A Chinese CSV of the regions: Shanxi's prefectures with the page's figures.
  const regionsCsv = (await download(page, "export-regions-csv")).toString("utf8");
  const regionRows = Papa.parse<string[]>(regionsCsv.slice(1).trim()).data;
  expect(regionRows[0].slice(0, 2)).toEqual(["代码", "地区"]);
  const datongCsv = regionRows.find((r) => r[0] === "1402")!;
  const datongRow = page.getByTestId("table-regions").locator('tr[data-code="1402"]');
  expect(datongCsv[1]).toBe("大同市");
  await expect(await regionCell(page, datongRow, "coverage")).toHaveText(datongCsv[8]);
  await expect(await regionCell(page, datongRow, "producing")).toHaveText(Number(datongCsv[2]).toLocaleString("zh-CN"));

  // The mine list of the scope is the registry filtered to it, as of the dashboard's date; its way back
  // returns to the same year and date (issue 11, item 25).
  await page.getByTestId("mine-list-link").click();
  await expect(page).toHaveURL(/\/mines\?region=14&year=2020&asOf=2020-12-31$/);
  await expect(page.getByTestId("registry-as-of")).toContainText("2020/12/31");
  await page.getByTestId("back-to-dashboard").click();
  await expect(page).toHaveURL(/\/dashboard\?scope=14&year=2020&asOf=2020-12-31$/);
});

test("the dashboard writes dates, axes and tooltips in the reader's locale, and agrees with the API on year to date", async ({
  page,
}) => {
  await setLocaleCookie(page, "en");
  await signInOk(page, "official@demo.test");

  // Issue 11, item 23: 2020 as of 2020-12-30 is year-to-date, as of 2020-12-31 it is not, in both.
  for (const [asOf, ytd] of [
    ["2020-12-30", true],
    ["2020-12-31", false],
  ] as const) {
    await page.goto(`/dashboard?year=2020&asOf=${asOf}`);
    const api = await (await page.request.get(`/api/v1/metrics?scope=&asOf=${asOf}&year=2020`)).json();
    expect(api.yearToDate).toBe(ytd);
    const period = page.getByTestId("dashboard-period");
    if (ytd) await expect(period).toContainText("Year to date");
    else await expect(period).not.toContainText("Year to date");
  }

  // Item 22: the subtitle's date as the rest of the portal writes dates, not ISO, in both languages.
  await expect(page.getByTestId("dashboard-period")).toContainText("12/31/2020");
  await expect(page.getByTestId("dashboard-period")).not.toContainText("2020-12-31");

  // Item 19: the share axis reads 0–100% in even steps, never 100.00000000000001%.
  const ticks = page.locator('figure[aria-label^="Chart: share"] .recharts-yAxis-tick-labels text');
  await expect(ticks).toHaveText(["0%", "25%", "50%", "75%", "100%"]);
  const share = page.locator('figure[aria-label^="Chart: share"]');
  await share.hover();
  await expect(share).toContainText(/\(as of \d{2}\/\d{2}\/\d{4}\)/);

  // Item 25: the "download all" link's accessible name contains what it shows.
  const all = page.getByTestId("export-all-xlsx");
  const visible = (await all.innerText()).trim();
  expect(visible).toBe("Download all (XLSX)");
  await expect(all).toHaveAccessibleName(new RegExp(visible.replace(/[()]/g, "\\$&")));

  await page.getByTestId("language-switcher").selectOption("zh-CN");
  await expect(page.getByTestId("dashboard-period")).toContainText("2020/12/31");
  await expect(page.getByTestId("dashboard-period")).not.toContainText("2020-12-31");
});

test("the Shanxi regulator sees Shanxi only: the national view and Guizhou are 404", async ({ page }) => {
  await setLocaleCookie(page, "en");
  await signInOk(page, "shanxi@demo.test");
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId("dashboard-title")).toHaveText("Dashboard: Shanxi");
  await expect(page.getByTestId("kpi-producing-value")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Region" })).not.toContainText("National");

  for (const path of ["/dashboard?scope=", "/dashboard?scope=52", "/dashboard?scope=5202&year=2020"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  }
  for (const path of ["/dashboard/export/headline?format=csv&scope=", "/dashboard/export/all?format=xlsx&scope=52"]) {
    expect((await page.request.get(path)).status(), path).toBe(404);
  }
  const own = await page.request.get("/dashboard/export/headline?format=csv&scope=1402&year=2020&asOf=2020-12-31");
  expect(own.status()).toBe(200);
  expect(own.headers()["content-type"]).toContain("text/csv");
});

test("a mine manager has no dashboard", async ({ page }) => {
  await signInOk(page, "manager@demo.test");
  await expect(page.getByRole("link", { name: /^(Dashboard|数据看板)$/ })).toHaveCount(0);
  expect((await page.goto("/dashboard"))?.status()).toBe(404);
  expect((await page.request.get("/dashboard/export/headline?format=csv")).status()).toBe(404);
});
