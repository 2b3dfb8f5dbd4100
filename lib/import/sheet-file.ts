// Reading an import file (CSV or XLSX) into rows of cell text by column: pure parsing, no database,
// shared by every import (spot-checks, the mine register). What a file may make the server allocate
// is bounded before it is parsed (lib/validation/import-limits.ts). Problems are catalogue keys
// under the "importForm" namespace.
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { isIsoDate } from "@/lib/domain/dates";
import { MAX_DATA_ROWS, MAX_IMPORT_BYTES, MAX_IMPORT_MB } from "@/lib/validation/import-limits";
import { xlsxBoundsProblem } from "./xlsx-bounds";

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

export function fileFormat(name: string): FileFormat | null {
  const ext = /\.([^.]+)$/.exec(name.trim())?.[1]?.toLowerCase();
  return ext === "csv" ? "csv" : ext === "xlsx" ? "xlsx" : null;
}

/**
 * How a kind of import names its columns: the fixed names (matched case-insensitively, kept in lower
 * case), how any other header is written (spot-check element codes in upper case), and which
 * columns hold dates (an XLSX number there is a serial day).
 */
export interface SheetLayout {
  fixed: ReadonlySet<string>;
  others: "upper" | "lower";
  dateColumns: ReadonlySet<string>;
}

/** Header text as a column name under a layout. */
export function headerName(text: string, layout: SheetLayout): string {
  const t = text.replace(/^\uFEFF/, "").trim();
  const lower = t.toLowerCase();
  return layout.fixed.has(lower) || layout.others === "lower" ? lower : t.toUpperCase();
}

/** Reads a CSV or XLSX file (by its extension) into rows of cell text keyed by column name. */
export async function parseSheetFile(
  file: { name: string; bytes: Uint8Array },
  layout: SheetLayout,
): Promise<ParsedSheet> {
  const format = fileFormat(file.name);
  if (!format) return fail(0, "", "problems.fileType");
  if (file.bytes.length === 0) return fail(0, "", "problems.fileEmpty");
  if (file.bytes.length > MAX_IMPORT_BYTES) return fail(0, "", "problems.fileTooLarge", { max: MAX_IMPORT_MB });
  return format === "csv" ? parseCsv(file.bytes, layout) : parseXlsx(file.bytes, layout);
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

/** Characters papaparse parses at a time. */
const CSV_CHUNK = 256 * 1024;

/** Enough text for the ten rows papaparse guesses the delimiter (comma, semicolon, tab…) from. */
const DELIMITER_SAMPLE = 256 * 1024;

/**
 * The delimiter papaparse would guess, from the head of the text: left to guess, it splits the
 * whole text into lines once per candidate delimiter to read its first ten rows.
 */
function guessDelimiter(text: string): string {
  const cut = text.lastIndexOf("\n", DELIMITER_SAMPLE);
  const head = text.length <= DELIMITER_SAMPLE ? text : text.slice(0, cut > 0 ? cut + 1 : DELIMITER_SAMPLE);
  return Papa.parse<string[]>(head, { preview: 10, skipEmptyLines: false }).meta.delimiter;
}

export function parseCsv(bytes: Uint8Array, layout: SheetLayout): ParsedSheet {
  const text = decodeCsv(bytes);
  const grid: GridRow[] = [];
  let record = 0;
  let quoteErrorRow = 0;
  let tooMany = false;
  // Row by row, keeping only rows with something in them, and stopping at the first row past the
  // limit: a file of a million short lines costs no more than one of MAX_DATA_ROWS. The text goes
  // in by chunks because papaparse's fast mode (text without quotes) splits all it is given into
  // lines first. No header mode and no skipping of empty lines, so that record i is spreadsheet row i.
  Papa.parse<string[]>(text, {
    header: false,
    skipEmptyLines: false,
    chunkSize: CSV_CHUNK,
    delimiter: guessDelimiter(text),
    step(result, parser) {
      record++;
      if (result.errors.some((e) => e.type === "Quotes")) {
        quoteErrorRow = record;
        parser.abort();
        return;
      }
      if (isBlank(result.data)) return;
      // A header plus MAX_DATA_ROWS, plus one to know that there were too many.
      if (grid.length > MAX_DATA_ROWS) {
        tooMany = true;
        parser.abort();
        return;
      }
      grid.push({ row: record, cells: result.data });
    },
  });
  if (quoteErrorRow) return fail(quoteErrorRow, "", "problems.csvQuotes");
  if (tooMany) return fail(0, "", "problems.tooManyRows", { max: MAX_DATA_ROWS });
  return fromGrid("csv", grid, layout);
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

export async function parseXlsx(bytes: Uint8Array, layout: SheetLayout): Promise<ParsedSheet> {
  const bounds = await xlsxBoundsProblem(bytes);
  if (bounds) return { ok: false, problems: [bounds] };
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
  let dateIndexes = new Set<number>();
  const grid: GridRow[] = [];
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
      cells.push(cellText(row.getCell(c).value, { dateColumn: grid.length > 0 && dateIndexes.has(c - 1), date1904 }));
    }
    if (grid.length === 0) {
      if (cells.every((v) => v.trim() === "")) return;
      dateIndexes = new Set(cells.flatMap((h, i) => (layout.dateColumns.has(headerName(h, layout)) ? [i] : [])));
    }
    grid.push({ row: rowNumber, cells });
  });
  return fromGrid("xlsx", grid, layout);
}

// ---------------------------------------------------------------------------------------------
// Shared: header and rows

interface GridRow {
  row: number;
  cells: string[];
}

const isBlank = (cells: string[]) => cells.every((v) => v.trim() === "");

function fromGrid(format: FileFormat, grid: GridRow[], layout: SheetLayout): ParsedSheet {
  // NUL characters do not occur in a text file (PostgreSQL cannot store them either): the file is
  // binary, or text in another encoding such as UTF-16, and not the CSV or workbook asked for.
  if (grid.some((g) => g.cells.some((c) => c.includes("\u0000")))) return fail(0, "", "problems.fileType");
  const headerAt = grid.findIndex((g) => !isBlank(g.cells));
  if (headerAt < 0) return fail(0, "", "problems.fileEmpty");
  const header = grid[headerAt];
  const columns = header.cells.map((h) => headerName(h, layout));
  const problems: ImportProblem[] = [];
  const seen = new Set<string>();
  for (const name of columns) {
    if (name === "") continue;
    if (seen.has(name)) problems.push({ row: header.row, column: name, message: "problems.columnDuplicate" });
    seen.add(name);
  }

  const rows: SheetRow[] = [];
  for (const g of grid.slice(headerAt + 1)) {
    if (isBlank(g.cells)) continue;
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
