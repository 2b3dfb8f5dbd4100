// A DataTable as a client component receives it: each column says once what kind its cells are, and
// the rows carry bare values. A full table repeats {"kind":"ratio","value":…} in every cell of the
// RSC payload; the regions comparison of the national dashboard has some 400 cells.
import type { Cell, Column, DataTable } from "./tables";

export type CellValue = Cell["value"];

export interface CompactTable {
  title: string;
  columns: (Column & { kind: Cell["kind"] })[];
  rows: CellValue[][];
}

/** Throws when a column mixes kinds (a DataTable's columns do not). */
export function compactTable(table: DataTable): CompactTable {
  const columns = table.columns.map((c, j) => {
    const kinds = new Set(table.rows.map((r) => r[j].kind));
    if (kinds.size > 1) throw new Error(`Column ${c.key} mixes ${[...kinds].join(", ")}`);
    return { ...c, kind: table.rows[0]?.[j].kind ?? "text" };
  });
  return { title: table.title, columns, rows: table.rows.map((r) => r.map((cell) => cell.value)) };
}

/** The cells back, each with its column's kind. */
export function expandRows(table: CompactTable): Cell[][] {
  return table.rows.map((r) => r.map((value, j) => ({ kind: table.columns[j].kind, value }) as Cell));
}
