"use client";

import { useMemo } from "react";
import { expandRows, type CompactTable } from "@/lib/dashboard/compact-table";
import { cellText } from "@/lib/dashboard/format";
import { ScrollBox } from "./scroll-box";

// A client component only so that its rows travel as bare values (compact-table.ts): a server
// component's table reaches the browser twice, as HTML and again as elements in the RSC payload.
// The cells' spacing and borders are set once on the table (the .figures class, globals.css), and
// numbers use the short `num` class.

/** A dashboard table with its caption: the text alternative of a chart, and what the exports contain. */
export function FiguresTable({
  table,
  locale,
  id,
  caption,
}: {
  table: CompactTable;
  locale: string;
  id?: string;
  caption: string;
}) {
  const rows = useMemo(() => expandRows(table), [table]);
  return (
    <ScrollBox label={caption}>
      <table id={id} className="figures min-w-full text-sm" data-testid={`table-${table.view}`}>
        <caption className="mb-1 text-left text-sm text-slate-700">{caption}</caption>
        <thead className="bg-slate-100 text-left">
          <tr>
            {table.columns.map((c) => (
              <th key={c.key} scope="col" className={c.numeric ? "text-right" : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              {r.map((cell, j) =>
                j === 0 ? (
                  <th key={j} scope="row" className="text-left font-normal">
                    {cellText(cell, locale)}
                  </th>
                ) : (
                  <td key={j} className={table.columns[j].numeric ? "num" : undefined}>
                    {cellText(cell, locale)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}
