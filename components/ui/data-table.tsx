import { cellText } from "@/lib/dashboard/format";
import type { DataTable } from "@/lib/dashboard/tables";
import { ScrollBox } from "./scroll-box";

// The cells' spacing and borders are set once on the table (descendant variants) and numbers use the
// short `num` class (globals.css): a dashboard has hundreds of cells, and each class string was
// written twice per cell, once in the HTML and once in the RSC payload.
const TABLE =
  "min-w-full text-sm [&_td]:px-2 [&_td]:py-1.5 [&_th]:px-2 [&_th]:py-1.5 [&_tbody_tr]:border-t [&_tbody_tr]:border-slate-200";

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
      <table id={id} className={TABLE} data-testid={`table-${table.view}`}>
        <caption className="mb-1 text-left text-sm text-slate-700">{caption ?? table.title}</caption>
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
          {table.rows.map((r, i) => (
            <tr key={i}>
              {r.map((cell, j) =>
                j === 0 ? (
                  <th key={table.columns[j].key} scope="row" className="text-left font-normal">
                    {cellText(cell, locale)}
                  </th>
                ) : (
                  <td key={table.columns[j].key} className={table.columns[j].numeric ? "num" : undefined}>
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
