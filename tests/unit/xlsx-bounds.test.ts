// Issue 11, item 9: an import is bounded before it is parsed. Each hostile file is refused with its
// own message, before exceljs or papaparse sees it; tests/integration/import-bounds.test.ts measures
// the memory this takes through the service.
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { parseSpotCheckFile } from "@/lib/import/spot-check-file";
import { xlsxBoundsProblem } from "@/lib/import/xlsx-bounds";
import { MAX_DATA_ROWS, MAX_IMPORT_BYTES, MAX_UNZIPPED_MB, MAX_ZIP_ENTRIES } from "@/lib/validation/import-limits";
import {
  manyEntriesZip,
  manyRowsXlsx,
  textEntry,
  workbookEntries,
  zipArchive,
  zipBombXlsx,
} from "../support/zip-files";

async function refusal(name: string, bytes: Uint8Array) {
  const sheet = await parseSpotCheckFile({ name, bytes });
  if (sheet.ok) throw new Error("expected the file to be refused");
  return sheet.problems;
}

describe("XLSX bounds", () => {
  it("a real workbook passes", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("data").addRows([["mine_code"], ["X"]]);
    expect(await xlsxBoundsProblem(new Uint8Array(await workbook.xlsx.writeBuffer()))).toBeNull();
    expect(await xlsxBoundsProblem(zipArchive(await workbookEntries()))).toBeNull();
  });

  it("refuses a zip bomb that declares its size (1 GiB of sheet in about 1 MB) without unpacking it", async () => {
    const bomb = await zipBombXlsx(1024, "honest");
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    expect(await refusal("checks.xlsx", bomb)).toEqual([
      { row: 0, column: "", message: "problems.zipTooLarge", params: { max: MAX_UNZIPPED_MB } },
    ]);
  });

  it("refuses a zip bomb that declares a small sheet, as soon as the sheet unpacks past its declared size", async () => {
    expect(await refusal("checks.xlsx", await zipBombXlsx(1024, "lying"))).toEqual([
      { row: 0, column: "", message: "problems.fileUnreadable" },
    ]);
  });

  it("refuses archives of more entries than a workbook has, counted before jszip reads the directory", async () => {
    const tooMany = { row: 0, column: "", message: "problems.zipTooManyEntries", params: { max: MAX_ZIP_ENTRIES } };
    expect(await refusal("a.xlsx", manyEntriesZip(MAX_ZIP_ENTRIES + 1))).toEqual([tooMany]);
    // The end record claims one entry while 60,000 records follow each other: jszip would read
    // them all (it has no limit of its own); the directory's size gives them away.
    expect(await refusal("a.xlsx", manyEntriesZip(60_000, 1))).toEqual([tooMany]);
  });

  it("refuses a directory that does not end where its end record begins", async () => {
    const zip = zipArchive(await workbookEntries());
    // Bytes before the archive: jszip would shift every offset to find the directory elsewhere.
    const prefixed = Buffer.concat([Buffer.alloc(100), zip]);
    expect(await xlsxBoundsProblem(prefixed)).toEqual({ row: 0, column: "", message: "problems.fileUnreadable" });
  });

  it(`refuses a sheet of more than ${MAX_DATA_ROWS} rows before exceljs reads it`, async () => {
    expect(await refusal("a.xlsx", await manyRowsXlsx(MAX_DATA_ROWS + 2))).toEqual([
      { row: 0, column: "", message: "problems.tooManyRows", params: { max: MAX_DATA_ROWS } },
    ]);
    // A header and MAX_DATA_ROWS rows pass the bounds (the rows are then checked one by one).
    expect(await xlsxBoundsProblem(await manyRowsXlsx(MAX_DATA_ROWS + 1))).toBeNull();
  });

  it("counts rows across chunk boundaries and not other elements that begin with <row", async () => {
    const parts = (await workbookEntries()).filter((e) => e.name !== "xl/worksheets/sheet1.xml");
    // 70,000 <rowBreaks> style elements (not rows) and <row> tags split at every possible offset
    // of jszip's 16 KB chunks.
    const xml = `<worksheet><sheetData>${"<rowx/>".repeat(70_000)}${"<row/>".repeat(MAX_DATA_ROWS + 1)}</sheetData></worksheet>`;
    const zip = zipArchive([...parts, textEntry("xl/worksheets/sheet1.xml", xml)]);
    expect(await xlsxBoundsProblem(zip)).toBeNull();
    const over = xml.replace("<row/>", "<row/><row/>");
    const refused = zipArchive([...parts, textEntry("xl/worksheets/sheet1.xml", over)]);
    expect(await xlsxBoundsProblem(refused)).toMatchObject({ message: "problems.tooManyRows" });
  });
});

describe("CSV and file bounds", () => {
  it(`stops reading a CSV at the first row past ${MAX_DATA_ROWS}`, async () => {
    const header = "mine_code,checked_on\n";
    const ok = await parseSpotCheckFile({
      name: "a.csv",
      bytes: new TextEncoder().encode(header + "X,2025-01-01\n\n".repeat(MAX_DATA_ROWS)),
    });
    expect(ok.ok).toBe(true);
    expect(
      await refusal("a.csv", new TextEncoder().encode(header + "X,2025-01-01\n".repeat(MAX_DATA_ROWS + 1))),
    ).toEqual([{ row: 0, column: "", message: "problems.tooManyRows", params: { max: MAX_DATA_ROWS } }]);
  });

  it("refuses a file over the upload limit before reading it", async () => {
    expect(await refusal("a.csv", new Uint8Array(MAX_IMPORT_BYTES + 1))).toEqual([
      { row: 0, column: "", message: "problems.fileTooLarge", params: { max: 20 } },
    ]);
  });
});
