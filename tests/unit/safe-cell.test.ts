// Issue 11, item 8: every CSV and XLSX export neutralises formula injection (OWASP, "CSV Injection").
// The routes are tested end to end in tests/e2e/exports-injection.spec.ts; here the one function and
// the file writers that use it.
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { RULE_VERSIONS } from "@/lib/domain/rule-data";
import { buildCsvTemplate, buildXlsxTemplate, templateColumns } from "@/lib/import/spot-check-template";
import { csvFile } from "@/lib/spreadsheet/csv-file";
import { safeCell } from "@/lib/spreadsheet/safe-cell";

const HYPERLINK = '=HYPERLINK("http://x","y")';

describe("safeCell", () => {
  it("quotes text that begins with =, +, -, @, a tab or a carriage return", () => {
    for (const value of [HYPERLINK, "+1+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1", "=1\n2"]) {
      expect(safeCell(value)).toBe(`'${value}`);
    }
  });

  it("leaves numbers, plain decimals, empty cells and other text alone", () => {
    for (const value of [-12.5, 0, 42, "-12.5", "+3", "2020-01-01", "大同示范煤矿", "a=b", "", null, undefined]) {
      expect(safeCell(value)).toBe(value);
    }
  });
});

describe("file writers", () => {
  it("csvFile quotes hostile cells and keeps negative numbers as numbers", () => {
    const text = new TextDecoder().decode(csvFile(["number", "value"], [[HYPERLINK, -3]]));
    const [, row] = Papa.parse<string[]>(text.replace(/^\uFEFF/, "")).data;
    expect(row).toEqual([`'${HYPERLINK}`, "-3"]);
  });

  it("the import template quotes rule data that looks like a formula, in its CSV and its workbook", async () => {
    const hostile = RULE_VERSIONS.map((r) => ({
      ...r,
      elements: r.elements.map((e) => (e.code === "E01" ? { ...e, nameZh: HYPERLINK, nameEn: HYPERLINK } : e)),
    }));
    const note = templateColumns(hostile).find((c) => c.name === "E01")!;
    expect(note.noteZh.startsWith(HYPERLINK)).toBe(true);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await buildXlsxTemplate(hostile, "2026-01-15")) as unknown as ArrayBuffer);
    const help = workbook.worksheets[1]
      .getSheetValues()
      .flat()
      .filter((v): v is string => typeof v === "string");
    expect(help.filter((v) => v.includes(HYPERLINK))).not.toHaveLength(0);
    expect(help.filter((v) => v.includes(HYPERLINK)).every((v) => v.startsWith(`'${HYPERLINK}`))).toBe(true);
    const csv = new TextDecoder().decode(buildCsvTemplate(hostile, "2026-01-15"));
    expect(csv).not.toMatch(/(^|,)=/m);
  });
});
