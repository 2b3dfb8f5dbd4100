// The regions table as the comparison (a client component) receives it: bare values, kinds per column.
import { describe, expect, it } from "vitest";
import { compactTable, expandRows } from "@/lib/dashboard/compact-table";
import type { DataTable } from "@/lib/dashboard/tables";

describe("compact tables for client components", () => {
  const table: DataTable = {
    view: "regions",
    title: "Regions",
    sheet: "Regions",
    columns: [
      { key: "code", label: "Code", numeric: false },
      { key: "producing", label: "Producing", numeric: true },
      { key: "l12", label: "L1+2", numeric: true },
    ],
    rows: [
      [
        { kind: "text", value: "14" },
        { kind: "count", value: 900 },
        { kind: "ratio", value: 0.5 },
      ],
      [
        { kind: "text", value: "52" },
        { kind: "count", value: 300 },
        { kind: "ratio", value: null },
      ],
    ],
  };

  it("carry bare values and give the same cells back", () => {
    const compact = compactTable(table);
    expect(compact.rows).toEqual([
      ["14", 900, 0.5],
      ["52", 300, null],
    ]);
    expect(expandRows(compact)).toEqual(table.rows);
    expect(JSON.stringify(compact).length).toBeLessThan(JSON.stringify(table).length);
  });

  it("keep whole the cells of a column of different kinds, and only those", () => {
    const mixed: DataTable = {
      ...table,
      rows: [table.rows[0], [table.rows[1][0], { kind: "date", value: "2020-01-01" }, table.rows[1][2]]],
    };
    const compact = compactTable(mixed);
    expect(compact.columns.map((c) => c.kind)).toEqual(["text", "mixed", "ratio"]);
    expect(compact.rows[1]).toEqual(["52", ["date", "2020-01-01"], null]);
    expect(expandRows(compact)).toEqual(mixed.rows);
  });
});
