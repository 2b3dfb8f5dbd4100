import type { ReactNode } from "react";

/**
 * A list page's table: scrolls sideways on a phone, a caption for screen readers, one header row of
 * `columns`, and `empty` where it has no rows; the rows are the children (a row's first cell may be its `th scope="row"`).
 */
export function ListTable({
  caption,
  testId,
  columns,
  empty,
  children,
}: {
  caption: string;
  testId: string;
  columns: ReactNode[];
  /** Shown under the header when there are no rows. */
  empty?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
      <table className="min-w-full text-sm" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-100 text-left">
          <tr>
            {columns.map((c, i) => (
              <th key={i} scope="col" className="px-2 py-1.5">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
      {empty && <p className="p-4 text-sm text-slate-600">{empty}</p>}
    </div>
  );
}
