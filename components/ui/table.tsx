// A data table that turns into stacked cards below 768px (md): each row becomes a card and each
// cell shows its column label, so nothing needs horizontal panning on a 390px phone.
// Server component: `cell` functions run on the server.
import type { Key, ReactNode } from "react";

export type Column<T> = {
  /** Column label: the header on desktop, the per-cell label on mobile cards. */
  header: string;
  cell: (row: T) => ReactNode;
  /** Hide the header text visually (still read by screen readers), e.g. for an actions column. */
  hideHeader?: boolean;
  align?: "left" | "right";
  className?: string;
};

export type TableProps<T> = {
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => Key;
  /** Says what the table lists; visually hidden unless `showCaption`. */
  caption: string;
  showCaption?: boolean;
  /** Shown instead of the table when there are no rows (e.g. an EmptyState). */
  empty?: ReactNode;
};

export function Table<T>({ columns, rows, rowKey, caption, showCaption = false, empty }: TableProps<T>) {
  if (rows.length === 0 && empty) return <>{empty}</>;
  return (
    <table className="block w-full text-left text-sm md:table">
      <caption className={showCaption ? "mb-2 text-left font-medium text-slate-800" : "sr-only"}>{caption}</caption>
      <thead className="hidden border-b border-slate-200 bg-slate-50 md:table-header-group">
        <tr>
          {columns.map((col) => (
            <th
              key={col.header}
              scope="col"
              className={`px-4 py-3 text-xs font-semibold tracking-wide text-slate-600 uppercase ${col.align === "right" ? "text-right" : ""}`}
            >
              {col.hideHeader ? <span className="sr-only">{col.header}</span> : col.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="block space-y-3 p-3 md:table-row-group md:space-y-0 md:divide-y md:divide-slate-200 md:p-0">
        {rows.map((row) => (
          <tr
            key={rowKey(row)}
            className="block rounded-lg border border-slate-200 bg-white p-3 md:table-row md:rounded-none md:border-0 md:p-0 md:hover:bg-slate-50"
          >
            {columns.map((col) => (
              <td
                key={col.header}
                className={`flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 py-1.5 md:table-cell md:px-4 md:py-3 md:align-middle ${
                  col.align === "right" ? "md:text-right" : ""
                } ${col.className ?? ""}`}
              >
                {/* The column label for the card layout; the real <th> takes over from md up. */}
                {col.hideHeader ? null : (
                  <span data-cell-label className="text-xs font-medium text-slate-600 md:hidden">{col.header}</span>
                )}
                <div className="min-w-0 break-words md:inline">{col.cell(row)}</div>
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
