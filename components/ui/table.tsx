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

// Only the attributes a cell needs: rows are sent twice (HTML and RSC payload), undefined ones too.
function cellProps<T>(col: Column<T>) {
  return {
    ...(col.hideHeader ? {} : { "data-label": col.header }),
    ...(col.align === "right" ? { "data-align": "right" } : {}),
    ...(col.className ? { className: col.className } : {}),
  };
}

export function Table<T>({ columns, rows, rowKey, caption, showCaption = false, empty }: TableProps<T>) {
  if (rows.length === 0 && empty) return <>{empty}</>;
  return (
    // Styles: .data-table in app/globals.css (one short class instead of a long list per cell).
    <table className="data-table">
      <caption className={showCaption ? "mb-2 text-left font-medium text-slate-800" : "sr-only"}>{caption}</caption>
      <thead>
        <tr>
          {columns.map((col) => (
            <th key={col.header} scope="col" className={col.align === "right" ? "text-right" : undefined}>
              {col.hideHeader ? <span className="sr-only">{col.header}</span> : col.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)}>
            {columns.map((col) => (
              <td key={col.header} {...cellProps(col)}>
                <div data-cell-body>{col.cell(row)}</div>
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
