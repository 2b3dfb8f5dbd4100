import Papa from "papaparse";
import { safeCell } from "./safe-cell";

/**
 * A CSV file: UTF-8 with a BOM (so that spreadsheet programs read Chinese correctly), CRLF line
 * ends, every cell through safeCell; null is an empty cell.
 */
export function csvFile(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): Uint8Array {
  const body = Papa.unparse({
    fields: header.map(safeCell),
    data: rows.map((r) => r.map((v) => (v === null ? "" : safeCell(v)))),
  });
  return new TextEncoder().encode(`\uFEFF${body}\r\n`);
}
