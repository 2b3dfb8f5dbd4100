// The spot-check import file: its columns (fixed ones and element codes), header checks and score
// cells. Reading the file itself is shared by every import (./sheet-file.ts); the service
// (lib/server/services/import-spot-checks.ts) validates the rows against the mines and rule versions;
// the template that users fill in is in ./spot-check-template.ts. Problems are catalogue keys under
// the "importForm" namespace.
import { headerName, parseSheetFile, type ImportProblem, type ParsedSheet, type SheetLayout } from "./sheet-file";

export {
  decodeCsv,
  excelSerialToIso,
  fileFormat,
  normaliseDate,
  type FileFormat,
  type ImportProblem,
  type ParsedSheet,
  type SheetRow,
} from "./sheet-file";

export const FIXED_COLUMNS = ["mine_code", "checked_on", "type", "team", "conclusion", "major_hidden_dangers"] as const;
export type FixedColumn = (typeof FIXED_COLUMNS)[number];

/** What a score cell may say for "not applicable" (缺项); compared case-insensitively. */
export const NOT_APPLICABLE_MARKS = ["NA", "缺项"] as const;

const FIXED = new Set<string>(FIXED_COLUMNS);

/** The spot-check file's columns: the fixed ones in lower case, element codes in upper case. */
export const SPOT_CHECK_LAYOUT: SheetLayout = { fixed: FIXED, others: "upper", dateColumns: new Set(["checked_on"]) };

export function isFixedColumn(name: string): name is FixedColumn {
  return FIXED.has(name);
}

/** Header text as a column name: fixed columns in lower case, element codes in upper case. */
export function normaliseHeader(text: string): string {
  return headerName(text, SPOT_CHECK_LAYOUT);
}

/** Reads a spot-check CSV or XLSX file (by its extension) into rows of cell text keyed by column name. */
export function parseSpotCheckFile(file: { name: string; bytes: Uint8Array }): Promise<ParsedSheet> {
  return parseSheetFile(file, SPOT_CHECK_LAYOUT);
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
