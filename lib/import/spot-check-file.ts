// Reading and writing the spot-check import file (CSV or XLSX): pure parsing, no database. The
// service (lib/server/services/import-spot-checks.ts) validates what this returns against the
// mines and rule versions. Problems are catalogue keys under the "importForm" namespace.
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { ruleVersionOn } from "@/lib/domain/rule-data";
import { elementsFor, type MineType, type RuleSet } from "@/lib/domain/rules";
import { isIsoDate } from "@/lib/domain/dates";
import { CONCLUSIONS, SPOT_CHECK_TYPES } from "@/lib/validation/spot-check";

export const FIXED_COLUMNS = ["mine_code", "checked_on", "type", "team", "conclusion", "major_hidden_dangers"] as const;
export type FixedColumn = (typeof FIXED_COLUMNS)[number];

/** What a score cell may say for "not applicable" (缺项); compared case-insensitively. */
export const NOT_APPLICABLE_MARKS = ["NA", "缺项"] as const;

/** Data rows per file: a 10,000-row file imports in seconds; far larger ones belong in several files. */
export const MAX_DATA_ROWS = 20_000;

export type FileFormat = "csv" | "xlsx";

/** One problem: `row` is the row number as a spreadsheet shows it (header = 1; 0 = the whole file). */
export interface ImportProblem {
  row: number;
  column: string;
  /** Catalogue key under the "importForm" namespace. */
  message: string;
  params?: Record<string, string | number>;
}

export interface SheetRow {
  /** Row number as a spreadsheet shows it (the header is row 1 when it is the first line). */
  row: number;
  /** Trimmed cell text by normalised column name; columns the row does not reach are "". */
  cells: Record<string, string>;
}

export type ParsedSheet =
  | { ok: true; format: FileFormat; headerRow: number; columns: string[]; rows: SheetRow[] }
  | { ok: false; problems: ImportProblem[] };

const FIXED = new Set<string>(FIXED_COLUMNS);

/** Header text as a column name: fixed columns in lower case, element codes in upper case. */
export function normaliseHeader(text: string): string {
  const t = text.replace(/^\uFEFF/, "").trim();
  const lower = t.toLowerCase();
  return FIXED.has(lower) ? lower : t.toUpperCase();
}

export function fileFormat(name: string): FileFormat | null {
  const ext = /\.([^.]+)$/.exec(name.trim())?.[1]?.toLowerCase();
  return ext === "csv" ? "csv" : ext === "xlsx" ? "xlsx" : null;
}

/** Reads a CSV or XLSX file (by its extension) into rows of cell text keyed by column name. */
export async function parseSpotCheckFile(file: { name: string; bytes: Uint8Array }): Promise<ParsedSheet> {
  const format = fileFormat(file.name);
  if (!format) return fail(0, "", "problems.fileType");
  if (file.bytes.length === 0) return fail(0, "", "problems.fileEmpty");
  return format === "csv" ? parseCsv(file.bytes) : parseXlsx(file.bytes);
}

function fail(row: number, column: string, message: string, params?: ImportProblem["params"]): ParsedSheet {
  return { ok: false, problems: [{ row, column, message, ...(params ? { params } : {}) }] };
}

// ---------------------------------------------------------------------------------------------
// CSV

/**
 * UTF-8 (a BOM is dropped). Excel in China saves "CSV" as GB18030 unless told otherwise, so bytes that
 * are not valid UTF-8 are read as GB18030 rather than rejected.
 */
export function decodeCsv(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("gb18030").decode(bytes);
  }
}

export function parseCsv(bytes: Uint8Array): ParsedSheet {
  const text = decodeCsv(bytes);
  // No header mode and no skipping of empty lines: record i is spreadsheet row i + 1.
  const result = Papa.parse<string[]>(text, { header: false, skipEmptyLines: false });
  const quoteError = result.errors.find((e) => e.type === "Quotes");
  if (quoteError) return fail((quoteError.row ?? 0) + 1, "", "problems.csvQuotes");
  return fromGrid(
    "csv",
    result.data.map((cells, i) => ({ row: i + 1, cells })),
  );
}

// ---------------------------------------------------------------------------------------------
// XLSX

type Cell = ExcelJS.CellValue;

const MS_PER_DAY = 86_400_000;

/**
 * An Excel serial day number as YYYY-MM-DD (1900 system: day 0 = 1899-12-30; 1904 system: day 0 =
 * 1904-01-01). Null before 1900-03-01, where Excel's fictitious 1900-02-29 shifts the count.
 */
export function excelSerialToIso(serial: number, date1904 = false): string | null {
  if (!Number.isFinite(serial) || serial < (date1904 ? 1 : 61) || serial > 2_958_465) return null;
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  return new Date(epoch + Math.floor(serial) * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Cell text; a date cell (exceljs gives a UTC Date) becomes YYYY-MM-DD; a number in a date column is read as a serial day. */
function cellText(value: Cell, opts: { dateColumn: boolean; date1904: boolean }): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : value.toISOString().slice(0, 10);
  if (typeof value === "number") {
    if (opts.dateColumn && Number.isInteger(value)) return excelSerialToIso(value, opts.date1904) ?? String(value);
    return String(value);
  }
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if ("richText" in value) return value.richText.map((r) => r.text).join("");
  if ("error" in value) return value.error;
  if ("formula" in value || "sharedFormula" in value) return cellText(value.result ?? null, opts);
  if ("hyperlink" in value) {
    const text: unknown = value.text;
    return typeof text === "string" ? text : cellText(text as Cell, opts);
  }
  return "";
}

export async function parseXlsx(bytes: Uint8Array): Promise<ParsedSheet> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs's typings predate Buffer<ArrayBufferLike>; it reads any Buffer.
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch {
    return fail(0, "", "problems.fileUnreadable");
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return fail(0, "", "problems.fileEmpty");
  const date1904 = Boolean(workbook.properties?.date1904);
  let dateIndex = -1;
  const grid: { row: number; cells: string[] }[] = [];
  let tooMany = false;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (tooMany) return;
    // A header plus MAX_DATA_ROWS, plus one to know that there were too many.
    if (grid.length > MAX_DATA_ROWS + 1) {
      tooMany = true;
      return;
    }
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) {
      cells.push(cellText(row.getCell(c).value, { dateColumn: grid.length > 0 && c - 1 === dateIndex, date1904 }));
    }
    if (grid.length === 0) {
      if (cells.every((v) => v.trim() === "")) return;
      dateIndex = cells.findIndex((h) => normaliseHeader(h) === "checked_on");
    }
    grid.push({ row: rowNumber, cells });
  });
  return fromGrid("xlsx", grid);
}

// ---------------------------------------------------------------------------------------------
// Shared: header and rows

function fromGrid(format: FileFormat, grid: { row: number; cells: string[] }[]): ParsedSheet {
  // NUL characters do not occur in a text file (PostgreSQL cannot store them either): the file is
  // binary, or text in another encoding such as UTF-16, and not the CSV or workbook asked for.
  if (grid.some((g) => g.cells.some((c) => c.includes("\u0000")))) return fail(0, "", "problems.fileType");
  const blank = (cells: string[]) => cells.every((v) => v.trim() === "");
  const headerAt = grid.findIndex((g) => !blank(g.cells));
  if (headerAt < 0) return fail(0, "", "problems.fileEmpty");
  const header = grid[headerAt];
  const columns = header.cells.map(normaliseHeader);
  const problems: ImportProblem[] = [];
  const seen = new Set<string>();
  for (const name of columns) {
    if (name === "") continue;
    if (seen.has(name)) problems.push({ row: header.row, column: name, message: "problems.columnDuplicate" });
    seen.add(name);
  }

  const rows: SheetRow[] = [];
  for (const g of grid.slice(headerAt + 1)) {
    if (blank(g.cells)) continue;
    if (rows.length >= MAX_DATA_ROWS) {
      return fail(0, "", "problems.tooManyRows", { max: MAX_DATA_ROWS });
    }
    const cells: Record<string, string> = {};
    g.cells.forEach((raw, i) => {
      const value = raw.trim();
      const name = columns[i];
      if (name === undefined || name === "") {
        if (value !== "") {
          problems.push({ row: g.row, column: "", message: "problems.cellWithoutColumn", params: { index: i + 1 } });
        }
        return;
      }
      cells[name] = value;
    });
    for (const name of columns) if (name !== "") cells[name] ??= "";
    rows.push({ row: g.row, cells });
  }
  if (problems.length) return { ok: false, problems };
  if (rows.length === 0) return fail(0, "", "problems.noRows");
  return { ok: true, format, headerRow: header.row, columns: columns.filter((c) => c !== ""), rows };
}

/**
 * Header problems: every fixed column must be there; any other column must be an element code of
 * some rule version (`elementCodes`). Element columns may be left out; a row then misses those scores.
 */
export function columnProblems(
  columns: readonly string[],
  elementCodes: ReadonlySet<string>,
  headerRow: number,
): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const present = new Set(columns);
  for (const c of FIXED_COLUMNS) {
    if (!present.has(c)) problems.push({ row: headerRow, column: c, message: "problems.columnMissing" });
  }
  for (const c of columns) {
    if (!FIXED.has(c) && !elementCodes.has(c)) {
      problems.push({ row: headerRow, column: c, message: "problems.columnUnknown" });
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Cell values

/**
 * A date as YYYY-MM-DD, or null. Besides YYYY-MM-DD it accepts what Excel writes back when it
 * re-saves a CSV (2024/1/5) and 2024年1月5日.
 */
export function normaliseDate(text: string): string | null {
  const t = text.trim();
  if (isIsoDate(t)) return t;
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(t);
  if (!m) return null;
  const iso = `${m[1]}-${m[2].padStart(2, "0")}-${m[3].padStart(2, "0")}`;
  return isIsoDate(iso) ? iso : null;
}

export function isNotApplicable(text: string): boolean {
  const t = text.trim().toUpperCase();
  return NOT_APPLICABLE_MARKS.some((m) => m.toUpperCase() === t);
}

/**
 * A score cell: undefined when empty (the element is not on this row), null when not applicable,
 * a number when it reads as a plain decimal, else NaN (validateScores reports it as NOT_A_NUMBER).
 */
export function parseScore(text: string): number | null | undefined {
  const t = text.trim();
  if (t === "") return undefined;
  if (isNotApplicable(t)) return null;
  return /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(t) ? Number(t) : Number.NaN;
}

/** Digits after the decimal point of a score cell; scores are stored with two. */
export function decimalPlaces(text: string): number {
  const frac = /\.(\d*)$/.exec(text.trim())?.[1] ?? "";
  return frac.replace(/0+$/, "").length;
}

// ---------------------------------------------------------------------------------------------
// Template

export interface TemplateColumn {
  name: string;
  noteZh: string;
  noteEn: string;
}

/** Placeholder mine codes: an unchanged template imports nothing (its rows are "mine not found"). */
export const EXAMPLE_MINE_CODES: Record<MineType, string> = { UNDERGROUND: "EXAMPLE-UG", OPEN_PIT: "EXAMPLE-OP" };

const FIXED_NOTES: Record<FixedColumn, [zh: string, en: string]> = {
  mine_code: ["煤矿编码（必填，须在您的管辖范围内）", "Mine code (required; the mine must be in your jurisdiction)"],
  checked_on: ["抽查日期，格式 YYYY-MM-DD，不得晚于今天", "Date of the check, YYYY-MM-DD, not in the future"],
  type: [
    `抽查类型：${SPOT_CHECK_TYPES.join(" / ")}（抽查 / 复查 / 事故后检查）`,
    `Type: ${SPOT_CHECK_TYPES.join(" / ")} (routine / re-review / after an accident)`,
  ],
  team: ["检查组（必填，最多 200 字）", "Inspection team (required, up to 200 characters)"],
  conclusion: [
    `结论：${CONCLUSIONS.join(" / ")}（保持等级 / 建议降级 / 建议撤消 / 责令整改）`,
    `Conclusion: ${CONCLUSIONS.join(" / ")} (grade maintained / downgrade / revocation / rectification)`,
  ],
  major_hidden_dangers: [
    "发现的重大事故隐患数量（0 或正整数，留空视为 0）",
    "Number of major hidden dangers found (0 or more; empty means 0)",
  ],
};

/** Element codes of every rule version, E… then P…, with the newest version's names and the mine types that use them. */
export function templateColumns(ruleSets: readonly RuleSet[]): TemplateColumn[] {
  const elements = new Map<string, { nameZh: string; nameEn: string; types: Set<MineType> }>();
  const newestLast = [...ruleSets].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));
  for (const rules of newestLast) {
    for (const e of rules.elements) {
      const entry = elements.get(e.code) ?? { nameZh: e.nameZh, nameEn: e.nameEn, types: new Set<MineType>() };
      entry.nameZh = e.nameZh;
      entry.nameEn = e.nameEn;
      entry.types.add(e.mineType);
      elements.set(e.code, entry);
    }
  }
  const typeZh: Record<MineType, string> = { UNDERGROUND: "井工", OPEN_PIT: "露天" };
  const typeEn: Record<MineType, string> = { UNDERGROUND: "underground", OPEN_PIT: "open-pit" };
  const fixed = FIXED_COLUMNS.map((name) => ({ name, noteZh: FIXED_NOTES[name][0], noteEn: FIXED_NOTES[name][1] }));
  const scores = [...elements.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([code, e]) => {
      const types = [...e.types].sort();
      return {
        name: code,
        noteZh: `${e.nameZh}（${types.map((t) => typeZh[t]).join("、")}）：0–100 分，不适用填"缺项"或 NA，其他矿型留空`,
        noteEn: `${e.nameEn} (${types.map((t) => typeEn[t]).join(", ")}): score 0–100, "NA" or "缺项" if not applicable, empty for other mine types`,
      };
    });
  return [...fixed, ...scores];
}

/** One example row per mine type, scored on the rule version in force on `today`. */
export function templateExampleRows(ruleSets: readonly RuleSet[], today: string): Record<string, string>[] {
  const rules = ruleVersionOn(today, ruleSets);
  const example = (type: MineType, team: string, notApplicable: string, mark: string) => {
    const row: Record<string, string> = {
      mine_code: EXAMPLE_MINE_CODES[type],
      checked_on: today,
      type: "ROUTINE",
      team,
      conclusion: "GRADE_MAINTAINED",
      major_hidden_dangers: "0",
    };
    elementsFor(rules, type).forEach((e, i) => {
      row[e.code] = e.code === notApplicable ? mark : String(86 + ((i * 3) % 10));
    });
    return row;
  };
  return [example("UNDERGROUND", "第一检查组", "E14", "缺项"), example("OPEN_PIT", "Team 2", "P08", "NA")];
}

export const INSTRUCTIONS: [zh: string, en: string][] = [
  [
    "每行一次抽查；第 1 行为列名，请勿修改。",
    "One spot-check per row; row 1 holds the column names: do not change them.",
  ],
  [
    "两行示例的煤矿编码为占位符，请删除或替换为实际数据。",
    "The two example rows use placeholder mine codes: delete them or replace them with real data.",
  ],
  [
    "只填写该矿类型在抽查日期适用的要素列，其他要素列留空；不适用的要素填写“缺项”或 NA。",
    'Fill the element columns of the mine\'s type under the rules in force on the check date and leave the others empty; write "缺项" or NA for an element that does not apply.',
  ],
  [
    "任何一行有误时不导入任何数据，并按行、列列出全部错误。",
    "If any row has an error, nothing is imported and every error is listed by row and column.",
  ],
  [
    `每个文件最多 ${MAX_DATA_ROWS} 行；CSV 请用 UTF-8 编码保存。`,
    `At most ${MAX_DATA_ROWS} rows per file; save CSV files as UTF-8.`,
  ],
];

/** The CSV template: UTF-8 with a BOM, so that Excel shows the Chinese text correctly. */
export function buildCsvTemplate(ruleSets: readonly RuleSet[], today: string): Uint8Array {
  const fields = templateColumns(ruleSets).map((c) => c.name);
  const data = templateExampleRows(ruleSets, today).map((r) => fields.map((f) => r[f] ?? ""));
  return new TextEncoder().encode(`\uFEFF${Papa.unparse({ fields, data })}\r\n`);
}

/** The XLSX template: the data sheet first (with a bilingual note on each header cell), then "说明 Instructions". */
export async function buildXlsxTemplate(ruleSets: readonly RuleSet[], today: string): Promise<Uint8Array> {
  const columns = templateColumns(ruleSets);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("抽查 Spot-checks", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({
    header: c.name,
    key: c.name,
    width: FIXED.has(c.name) ? Math.max(14, c.name.length + 4) : 8,
    // Codes stay text (Excel would otherwise turn 1402… into a number); dates show as YYYY-MM-DD.
    style:
      c.name === "mine_code" || c.name === "team"
        ? { numFmt: "@" }
        : c.name === "checked_on"
          ? { numFmt: "yyyy-mm-dd" }
          : {},
  }));
  const headerRow = sheet.getRow(1);
  headerRow.font = { bold: true };
  columns.forEach((c, i) => {
    headerRow.getCell(i + 1).note = `${c.noteZh}\n${c.noteEn}`;
  });
  for (const example of templateExampleRows(ruleSets, today)) {
    const values: Record<string, string | number | Date> = {};
    for (const [k, v] of Object.entries(example)) {
      if (k === "checked_on") values[k] = new Date(`${v}T00:00:00.000Z`);
      else if (k === "major_hidden_dangers" || (!FIXED.has(k) && !isNotApplicable(v))) values[k] = Number(v);
      else values[k] = v;
    }
    sheet.addRow(values);
  }

  const help = workbook.addWorksheet("说明 Instructions");
  help.columns = [
    { header: "列 / Column", key: "name", width: 22 },
    { header: "说明", key: "zh", width: 70 },
    { header: "Description", key: "en", width: 90 },
  ];
  help.getRow(1).font = { bold: true };
  for (const [zh, en] of INSTRUCTIONS) help.addRow({ name: "", zh, en });
  help.addRow({});
  for (const c of columns) help.addRow({ name: c.name, zh: c.noteZh, en: c.noteEn });
  help.getColumn("zh").alignment = { wrapText: true, vertical: "top" };
  help.getColumn("en").alignment = { wrapText: true, vertical: "top" };

  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

export async function buildTemplate(format: FileFormat, ruleSets: readonly RuleSet[], today: string) {
  return format === "csv" ? buildCsvTemplate(ruleSets, today) : buildXlsxTemplate(ruleSets, today);
}
