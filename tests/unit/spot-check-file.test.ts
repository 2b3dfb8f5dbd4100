// The spot-check import file: CSV and XLSX parsing and the template, without a database.
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { RULE_VERSIONS } from "@/lib/domain/rule-data";
import {
  columnProblems,
  decimalPlaces,
  excelSerialToIso,
  FIXED_COLUMNS,
  normaliseDate,
  parseScore,
  parseSpotCheckFile,
  type ParsedSheet,
} from "@/lib/import/spot-check-file";
import {
  buildCsvTemplate,
  buildXlsxTemplate,
  EXAMPLE_MINE_CODES,
  templateColumns,
  templateExampleRows,
} from "@/lib/import/spot-check-template";

const HEADER = "mine_code,checked_on,type,team,conclusion,major_hidden_dangers,E01,E14,P01";

function utf8(text: string, bom = false): Uint8Array {
  const body = new TextEncoder().encode(text);
  if (!bom) return body;
  const out = new Uint8Array(body.length + 3);
  out.set([0xef, 0xbb, 0xbf]);
  out.set(body, 3);
  return out;
}

function ok(sheet: ParsedSheet) {
  if (!sheet.ok) throw new Error(`expected a parsed sheet, got ${JSON.stringify(sheet.problems)}`);
  return sheet;
}

async function xlsx(build: (ws: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb.addWorksheet("data"));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe("CSV", () => {
  it("reads UTF-8 with a BOM: the first header is mine_code, not \\uFEFFmine_code", async () => {
    const text = `${HEADER}\r\n1402010001,2025-03-04,ROUTINE,"Team, A",GRADE_MAINTAINED,0,90,缺项,\r\n`;
    const sheet = ok(await parseSpotCheckFile({ name: "checks.CSV", bytes: utf8(text, true) }));
    expect(sheet.format).toBe("csv");
    expect(sheet.columns).toEqual(HEADER.split(","));
    expect(sheet.rows).toEqual([
      {
        row: 2,
        cells: {
          mine_code: "1402010001",
          checked_on: "2025-03-04",
          type: "ROUTINE",
          team: "Team, A",
          conclusion: "GRADE_MAINTAINED",
          major_hidden_dangers: "0",
          E01: "90",
          E14: "缺项",
          P01: "",
        },
      },
    ]);
  });

  it("reads UTF-8 without a BOM, and GB18030 (what Excel in China saves) when the bytes are not UTF-8", async () => {
    const plain = ok(await parseSpotCheckFile({ name: "a.csv", bytes: utf8(`${HEADER}\nX,2025-01-02,,,,,缺项,,\n`) }));
    expect(plain.rows[0].cells.E01).toBe("缺项");
    // "缺项" in GB18030 is C8 B1 CF EE.
    const gb = new Uint8Array([...utf8(`${HEADER}\nX,2025-01-02,,,,,`), 0xc8, 0xb1, 0xcf, 0xee, ...utf8(",,\n")]);
    expect(ok(await parseSpotCheckFile({ name: "a.csv", bytes: gb })).rows[0].cells.E01).toBe("缺项");
  });

  it("numbers rows as a spreadsheet does, skipping blank lines without renumbering", async () => {
    const text = `${HEADER}\n\nA,2025-01-01,,,,,,,\n,,,,,,,,\nB,2025-01-01,,,,,,,\n`;
    const sheet = ok(await parseSpotCheckFile({ name: "a.csv", bytes: utf8(text) }));
    expect(sheet.rows.map((r) => [r.row, r.cells.mine_code])).toEqual([
      [3, "A"],
      [5, "B"],
    ]);
  });

  it("normalises header case and reports duplicate columns and values without a column", async () => {
    const sheet = ok(await parseSpotCheckFile({ name: "a.csv", bytes: utf8(" Mine_Code ,e01\nA,1\n") }));
    expect(sheet.columns).toEqual(["mine_code", "E01"]);
    const dup = await parseSpotCheckFile({ name: "a.csv", bytes: utf8("mine_code,E01,e01\nA,1,2,3\n") });
    expect(dup.ok).toBe(false);
    if (!dup.ok) {
      expect(dup.problems).toEqual([
        { row: 1, column: "E01", message: "problems.columnDuplicate" },
        { row: 2, column: "", message: "problems.cellWithoutColumn", params: { index: 4 } },
      ]);
    }
  });

  it("rejects other file types, empty files and header-only files", async () => {
    const problem = async (name: string, text: string) => {
      const r = await parseSpotCheckFile({ name, bytes: utf8(text) });
      return r.ok ? null : r.problems[0].message;
    };
    expect(await problem("a.xls", "x")).toBe("problems.fileType");
    expect(await problem("a.csv", "")).toBe("problems.fileEmpty");
    expect(await problem("a.csv", "\n\n")).toBe("problems.fileEmpty");
    expect(await problem("a.csv", `${HEADER}\n`)).toBe("problems.noRows");
    expect(await problem("a.xlsx", "not a zip")).toBe("problems.fileUnreadable");
  });
});

describe("CSV read in chunks", () => {
  it("reads quoted cells with commas, quotes and line breaks across papaparse's chunks as one pass would", async () => {
    // About 600 KB: rows cross the 256 KB chunks at every kind of place.
    const rows = Array.from({ length: 3000 }, (_, i) => [
      `M${i}`,
      "2025-01-01",
      i % 7 === 0 ? `Team "${i}",\r\nsecond line` : `team ${"x".repeat(i % 150)}`,
      i % 5 === 0 ? "" : String(i % 100),
    ]);
    const text = Papa.unparse({ fields: ["mine_code", "checked_on", "team", "E01"], data: rows });
    const sheet = ok(await parseSpotCheckFile({ name: "a.csv", bytes: utf8(text) }));
    const whole = Papa.parse<string[]>(text, { header: false }).data.slice(1);
    expect(sheet.rows.map((r) => [r.cells.mine_code, r.cells.checked_on, r.cells.team, r.cells.E01])).toEqual(
      whole.map((r) => r.map((c) => c.trim())),
    );
    // Spreadsheet row numbers count records, not lines.
    expect(sheet.rows[sheet.rows.length - 1].row).toBe(3001);
  });

  it("reports the row of a quote left open, far into the file", async () => {
    const text = `mine_code,team\n${`A,${"t".repeat(40)}\n`.repeat(15_000)}B,"open\n`;
    expect(await parseSpotCheckFile({ name: "a.csv", bytes: utf8(text) })).toEqual({
      ok: false,
      problems: [{ row: 15_002, column: "", message: "problems.csvQuotes" }],
    });
  });
});

describe("cells", () => {
  it('reads "NA" and "缺项" as not applicable, empty as absent, anything else not numeric as NaN', () => {
    expect(parseScore("NA")).toBeNull();
    expect(parseScore(" na ")).toBeNull();
    expect(parseScore("缺项")).toBeNull();
    expect(parseScore("")).toBeUndefined();
    expect(parseScore("85.5")).toBe(85.5);
    expect(parseScore("100")).toBe(100);
    expect(parseScore("-1")).toBe(-1);
    expect(parseScore("8O")).toBeNaN();
    expect(parseScore("1e2")).toBeNaN();
    expect(decimalPlaces("85.125")).toBe(3);
    expect(decimalPlaces("85.50")).toBe(1);
    expect(decimalPlaces("85")).toBe(0);
  });

  it("reads YYYY-MM-DD and the forms Excel writes back, and nothing that is not a calendar date", () => {
    expect(normaliseDate("2025-03-04")).toBe("2025-03-04");
    expect(normaliseDate("2025/3/4")).toBe("2025-03-04");
    expect(normaliseDate("2025年3月4日")).toBe("2025-03-04");
    expect(normaliseDate("2025-02-29")).toBeNull();
    expect(normaliseDate("04/03/2025")).toBeNull();
    expect(normaliseDate("45720")).toBeNull();
  });

  it("converts Excel serial days in both date systems", () => {
    expect(excelSerialToIso(45720)).toBe("2025-03-04");
    expect(excelSerialToIso(61)).toBe("1900-03-01");
    expect(excelSerialToIso(60)).toBeNull(); // Excel's 1900-02-29, which never was
    expect(excelSerialToIso(45720 - 1462, true)).toBe("2025-03-04");
    expect(excelSerialToIso(0)).toBeNull();
  });

  it("checks the header: fixed columns required, unknown columns rejected", () => {
    const codes = new Set(["E01", "P01"]);
    expect(columnProblems([...FIXED_COLUMNS, "E01", "P01"], codes, 1)).toEqual([]);
    expect(columnProblems(["mine_code", "checked_on", "type", "team", "conclusion", "E01", "X99"], codes, 3)).toEqual([
      { row: 3, column: "major_hidden_dangers", message: "problems.columnMissing" },
      { row: 3, column: "X99", message: "problems.columnUnknown" },
    ]);
  });
});

describe("XLSX", () => {
  it("reads Excel date cells, serial numbers in the date column, rich text and formulas", async () => {
    const bytes = await xlsx((ws) => {
      ws.addRow(["mine_code", "checked_on", "team", "E01", "E02"]);
      ws.addRow([
        1402010001,
        new Date(Date.UTC(2025, 2, 4)),
        { richText: [{ text: "Team " }, { text: "B" }] },
        90,
        85.5,
      ]);
      ws.getCell("B2").numFmt = "yyyy/m/d";
      ws.addRow(["A2", 45720, "t", { formula: "40+50", result: 90 }, "缺项"]);
      ws.addRow(["A3", "2025-03-04", "t", "NA", null]);
    });
    const sheet = ok(await parseSpotCheckFile({ name: "checks.xlsx", bytes }));
    expect(sheet.format).toBe("xlsx");
    expect(sheet.rows.map((r) => ({ row: r.row, ...r.cells }))).toEqual([
      { row: 2, mine_code: "1402010001", checked_on: "2025-03-04", team: "Team B", E01: "90", E02: "85.5" },
      { row: 3, mine_code: "A2", checked_on: "2025-03-04", team: "t", E01: "90", E02: "缺项" },
      { row: 4, mine_code: "A3", checked_on: "2025-03-04", team: "t", E01: "NA", E02: "" },
    ]);
  });

  it("takes the first worksheet and the first non-empty row as the header", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("first");
    ws.getCell("A3").value = "mine_code";
    ws.getCell("A4").value = "X";
    wb.addWorksheet("second").addRow(["other"]);
    const sheet = ok(await parseSpotCheckFile({ name: "a.xlsx", bytes: new Uint8Array(await wb.xlsx.writeBuffer()) }));
    expect(sheet.headerRow).toBe(3);
    expect(sheet.rows).toEqual([{ row: 4, cells: { mine_code: "X" } }]);
  });
});

describe("template", () => {
  const today = "2026-01-15";
  const names = templateColumns(RULE_VERSIONS).map((c) => c.name);

  it("has the fixed columns, then E01–E15 and P01–P08", () => {
    const codes = [
      ...Array.from({ length: 15 }, (_, i) => `E${String(i + 1).padStart(2, "0")}`),
      ...Array.from({ length: 8 }, (_, i) => `P${String(i + 1).padStart(2, "0")}`),
    ];
    expect(names).toEqual([...FIXED_COLUMNS, ...codes]);
  });

  it("has one example row per mine type, with the elements of that type only", () => {
    const [ug, op] = templateExampleRows(RULE_VERSIONS, today);
    expect(ug.mine_code).toBe(EXAMPLE_MINE_CODES.UNDERGROUND);
    expect(ug.E14).toBe("缺项");
    expect(ug.P01).toBeUndefined();
    expect(op.mine_code).toBe(EXAMPLE_MINE_CODES.OPEN_PIT);
    expect(op.P08).toBe("NA");
    expect(op.E07).toBeUndefined();
    expect(op.E01).toBeDefined();
  });

  it("round-trips through CSV", async () => {
    const bytes = buildCsvTemplate(RULE_VERSIONS, today);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const sheet = ok(await parseSpotCheckFile({ name: "template.csv", bytes }));
    expect(sheet.columns).toEqual(names);
    const expected = templateExampleRows(RULE_VERSIONS, today).map((r) =>
      Object.fromEntries(names.map((n) => [n, r[n] ?? ""])),
    );
    expect(sheet.rows.map((r) => r.cells)).toEqual(expected);
  });

  it("round-trips through XLSX, with a date cell, notes on the headers and a bilingual instructions sheet", async () => {
    const bytes = await buildXlsxTemplate(RULE_VERSIONS, today);
    const sheet = ok(await parseSpotCheckFile({ name: "template.xlsx", bytes }));
    expect(sheet.columns).toEqual(names);
    const expected = templateExampleRows(RULE_VERSIONS, today).map((r) =>
      Object.fromEntries(names.map((n) => [n, r[n] ?? ""])),
    );
    expect(sheet.rows.map((r) => r.cells)).toEqual(expected);
    expect(sheet.rows.map((r) => r.row)).toEqual([2, 3]);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["抽查 Spot-checks", "说明 Instructions"]);
    const data = wb.worksheets[0];
    expect(data.getCell("B2").value).toBeInstanceOf(Date);
    const note = data.getCell("A1").note;
    const noteText = typeof note === "string" ? note : (note.texts ?? []).map((t) => t.text).join("");
    expect(noteText).toContain("煤矿编码");
    expect(noteText).toContain("Mine code");
    const help = wb.worksheets[1];
    const text = help.getSheetValues().flat().map(String).join(" ");
    expect(text).toContain("缺项");
    expect(text).toContain("nothing is imported");
  });
});
