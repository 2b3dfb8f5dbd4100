// The mine register's import files without a database: columns, row checks, templates.
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { checkRegisterRows, registerColumnProblems, registerLayout } from "@/lib/import/register-rows";
import { buildRegisterTemplate, registerTemplateColumns } from "@/lib/import/register-template";
import { parseSheetFile } from "@/lib/import/sheet-file";

const csv = (text: string) => ({ name: "r.csv", bytes: new TextEncoder().encode(text) });

describe("register import rows", () => {
  it("reads headers in any case, enums in any case and dates as Excel writes them", async () => {
    const sheet = await parseSheetFile(
      csv("MINE_CODE,Status,effective_on\n1402260001,stopped,2024/1/5\n1402260002,CLOSED,2024年2月1日\n"),
      registerLayout("statuses"),
    );
    expect(sheet.ok).toBe(true);
    if (!sheet.ok) return;
    expect(registerColumnProblems("statuses", sheet.columns, sheet.headerRow)).toEqual([]);
    const checked = checkRegisterRows("statuses", sheet.rows);
    expect(checked).toMatchObject({
      ok: true,
      rows: [
        { kind: "statuses", row: 2, input: { mineCode: "1402260001", status: "STOPPED", effectiveOn: "2024-01-05" } },
        { kind: "statuses", row: 3, input: { status: "CLOSED", effectiveOn: "2024-02-01", reason: null } },
      ],
    });
  });

  it("reports each bad cell at its row and column, and missing or unknown columns at the header", async () => {
    const sheet = await parseSheetFile(csv("mine_code,status,extra\n14022600,OPEN,x\n"), registerLayout("statuses"));
    if (!sheet.ok) throw new Error("unreadable");
    expect(registerColumnProblems("statuses", sheet.columns, 1)).toEqual([
      { row: 1, column: "effective_on", message: "problems.columnMissing" },
      { row: 1, column: "extra", message: "problems.registerColumnUnknown" },
    ]);
    expect(checkRegisterRows("statuses", sheet.rows)).toEqual({
      ok: false,
      problems: [
        { row: 2, column: "mine_code", message: "problems.mineCodeInvalid", params: { value: "14022600" } },
        {
          row: 2,
          column: "status",
          message: "problems.enumInvalid",
          params: {
            value: "OPEN",
            allowed: "NORMAL_PRODUCTION, NORMAL_CONSTRUCTION, STOPPED, ANNOUNCED_CLOSURE, CLOSED",
          },
        },
        { row: 2, column: "effective_on", message: "problems.required" },
      ],
    });
  });
});

describe("register import templates", () => {
  it("notes every column in Chinese and English, and the workbook's example reads back as a row", async () => {
    for (const kind of ["mines", "statuses"] as const) {
      const columns = registerTemplateColumns(kind);
      expect(columns.every((c) => c.noteZh && c.noteEn && c.noteZh !== c.noteEn)).toBe(true);
      const xlsx = await buildRegisterTemplate(kind, "xlsx", "2026-01-05");
      const sheet = await parseSheetFile({ name: "t.xlsx", bytes: xlsx }, registerLayout(kind));
      expect(sheet).toMatchObject({ ok: true, columns: columns.map((c) => c.name) });
      if (sheet.ok) expect(sheet.rows[0].cells.effective_on).toBe("2026-01-05");
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(xlsx) as unknown as ArrayBuffer);
      expect(wb.worksheets.map((w) => w.name)).toHaveLength(2);
    }
  });
});
