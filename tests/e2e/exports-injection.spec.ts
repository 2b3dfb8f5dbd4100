import { expect, test, type APIResponse } from "@playwright/test";
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { MANAGER_MINE_CODE } from "./security/roles";
import { query, setLocaleCookie, signInOk } from "./support";

// Issue 11, item 8: "Every CSV and XLSX export neutralises formula injection … Test it with a
// decision number like =HYPERLINK("http://x","y")." Hostile text is put where users' text lands (a
// decision's number, a mine's name, a region's name), then each export route is read as a browser
// downloads it: the cell holds the text behind a single quote, so no spreadsheet program runs it.
const HOSTILE = '=HYPERLINK("http://x","y")';
const QUOTED = `'${HOSTILE}`;

async function csvRows(response: APIResponse): Promise<string[][]> {
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("text/csv");
  return Papa.parse<string[]>((await response.text()).replace(/^\uFEFF/, "").trim()).data;
}

/** Every cell of every row that holds the hostile text, as written in the file. */
function hostileCells(rows: unknown[][]): unknown[] {
  return rows.flat().filter((v) => typeof v === "string" && v.includes(HOSTILE));
}

test("the public register's decisions and grades CSVs quote a decision number and a mine name that begin with =", async ({
  page,
}) => {
  const [decision] = await query<{ id: number; number: string | null; code: string }>(
    `SELECT d.id, d.number, m.code FROM "Decision" d JOIN "Mine" m ON m.id = d."mineId"
     WHERE d.status = 'CONFIRMED' ORDER BY d.id LIMIT 1`,
  );
  const [mine] = await query<{ name: string; nameEn: string | null }>(
    `SELECT name, "nameEn" FROM "Mine" WHERE code = $1`,
    [MANAGER_MINE_CODE],
  );
  await query(`UPDATE "Decision" SET number = $1 WHERE id = $2`, [HOSTILE, decision.id]);
  await query(`UPDATE "Mine" SET name = $1, "nameEn" = $1 WHERE code = $2`, [HOSTILE, MANAGER_MINE_CODE]);
  try {
    await setLocaleCookie(page, "en");
    const decisions = await csvRows(await page.request.get(`/register/export/decisions?q=${decision.code}`));
    const numberColumn = decisions[0].indexOf("Number");
    expect(numberColumn).toBeGreaterThanOrEqual(0);
    const row = decisions.find((r) => r[1] === decision.code && r[numberColumn].includes(HOSTILE))!;
    expect(row[numberColumn]).toBe(QUOTED);

    const grades = await csvRows(await page.request.get(`/register/export/grades?q=${MANAGER_MINE_CODE}`));
    const cells = hostileCells(grades);
    expect(cells.length).toBeGreaterThan(0);
    expect(cells.every((v) => v === QUOTED)).toBe(true);
    // Levels stay numbers, not quoted text.
    expect(grades.slice(1).every((r) => /^[123]$/.test(r[grades[0].indexOf("Level")]))).toBe(true);
  } finally {
    await query(`UPDATE "Decision" SET number = $1 WHERE id = $2`, [decision.number, decision.id]);
    await query(`UPDATE "Mine" SET name = $1, "nameEn" = $2 WHERE code = $3`, [
      mine.name,
      mine.nameEn,
      MANAGER_MINE_CODE,
    ]);
  }
});

test("the dashboard's CSV and XLSX exports quote a region name that begins with =", async ({ page }) => {
  const county = MANAGER_MINE_CODE.slice(0, 6);
  const [region] = await query<{ nameZh: string; nameEn: string | null }>(
    `SELECT "nameZh", "nameEn" FROM "Region" WHERE code = $1`,
    [county],
  );
  await query(`UPDATE "Region" SET "nameZh" = $1, "nameEn" = $1 WHERE code = $2`, [HOSTILE, county]);
  try {
    await setLocaleCookie(page, "en");
    await signInOk(page, "shanxi@demo.test");
    // An as-of date no other test asks for: dashboard figures are cached per (scope, year, as-of date), and
    // this test renames a region behind the portal's back, which expires nothing.
    const query_ = `scope=${county.slice(0, 4)}&year=2020&asOf=2020-11-17`;

    const csv = await csvRows(await page.request.get(`/dashboard/export/regions?format=csv&${query_}`));
    const csvRow = csv.find((r) => r[0] === county)!;
    expect(csvRow[1]).toBe(QUOTED);

    const response = await page.request.get(`/dashboard/export/regions?format=xlsx&${query_}`);
    expect(response.status()).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await response.body()) as unknown as ArrayBuffer);
    const rows = workbook.worksheets[0]
      .getSheetValues()
      .filter((r): r is ExcelJS.CellValue[] => Array.isArray(r))
      .map((r) => r.slice(1));
    const xlsxRow = rows.find((r) => r[0] === county)!;
    expect(xlsxRow[1]).toBe(QUOTED);
    // Counts stay numbers in the workbook.
    expect(typeof xlsxRow[2]).toBe("number");
    expect(hostileCells(rows).every((v) => v === QUOTED)).toBe(true);
  } finally {
    await query(`UPDATE "Region" SET "nameZh" = $1, "nameEn" = $2 WHERE code = $3`, [
      region.nameZh,
      region.nameEn,
      county,
    ]);
  }
});
