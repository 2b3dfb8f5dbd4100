import { cellText } from "@/lib/dashboard/format";
import type { DataTable } from "@/lib/dashboard/tables";
import { ScrollBox } from "./scroll-box";

/** A dashboard table with its caption: the text alternative of a chart, and what the exports contain. */
export function DataTableView({
  table,
  locale,
  id,
  caption,
}: {
  table: DataTable;
  locale: string;
  id?: string;
  /** Defaults to the table's title. */
  caption?: string;
}) {
  return (
    <ScrollBox label={caption ?? table.title}>
      <table id={id} className="min-w-full text-sm" data-testid={`table-${table.view}`}>
        <caption className="mb-1 text-left text-sm text-slate-700">{caption ?? table.title}</caption>
        <thead className="bg-slate-100 text-left">
          <tr>
            {table.columns.map((c) => (
              <th key={c.key} scope="col" className={`px-2 py-1.5 ${c.numeric ? "text-right" : ""}`}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((r, i) => (
            <tr key={i} className="border-t border-slate-200">
              {r.map((cell, j) =>
                j === 0 ? (
                  <th key={table.columns[j].key} scope="row" className="px-2 py-1.5 text-left font-normal">
                    {cellText(cell, locale)}
                  </th>
                ) : (
                  <td
                    key={table.columns[j].key}
                    className={`px-2 py-1.5 ${table.columns[j].numeric ? "text-right tabular-nums" : ""}`}
                    data-col={table.columns[j].key}
                  >
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
