import { compactTable } from "@/lib/dashboard/compact-table";
import type { DataTable } from "@/lib/dashboard/tables";
import { FiguresTable } from "./figures-table";

/** A dashboard table with its caption (defaults to the table's title), sent to the browser as bare values. */
export function DataTableView({
  table,
  locale,
  id,
  caption,
}: {
  table: DataTable;
  locale: string;
  id?: string;
  caption?: string;
}) {
  return <FiguresTable table={compactTable(table)} locale={locale} id={id} caption={caption ?? table.title} />;
}
