// A DataTable as a client component receives it: each column says once what kind its cells are, and
// the rows carry bare values. A full table repeats {"kind":"ratio","value":…} in every cell of the
// RSC payload; the regions comparison of the national dashboard has some 400 cells. A column whose
// cells are of different kinds (the headline's values: counts and shares) is "mixed": each of its cells
// is a fresh [kind, value] pair (a shared cell object would travel as a reference path, longer still).
import type { Cell, Column, DataTable } from "./tables";

export type CellValue = Cell["value"];
type MixedCell = [kind: Cell["kind"], value: CellValue];

export interface CompactTable {
  view: DataTable["view"];
  title: string;
  columns: (Column & { kind: Cell["kind"] | "mixed" })[];
  rows: (CellValue | MixedCell)[][];
}

export function compactTable(table: DataTable): CompactTable {
  const columns = table.columns.map((c, j) => {
    const kinds = new Set(table.rows.map((r) => r[j].kind));
    return { ...c, kind: kinds.size > 1 ? ("mixed" as const) : (table.rows[0]?.[j].kind ?? "text") };
  });
  return {
    view: table.view,
    title: table.title,
    columns,
    rows: table.rows.map((r) =>
      r.map((cell, j): CellValue | MixedCell => (columns[j].kind === "mixed" ? [cell.kind, cell.value] : cell.value)),
    ),
  };
}

/** The cells back, each with its column's kind. */
export function expandRows(table: CompactTable): Cell[][] {
  return table.rows.map((r) =>
    r.map((value, j) => {
      const kind = table.columns[j].kind;
      if (kind !== "mixed") return { kind, value } as Cell;
      const [k, v] = value as MixedCell;
      return { kind: k, value: v } as Cell;
    }),
  );
}
