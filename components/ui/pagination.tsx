// Cursor pagination: "Newer" / "Older" links that keep every other search param (filters) intact.
// Convention: `?after=<cursor>` pages to older rows, `?before=<cursor>` to newer ones; pass the
// cursors your data layer returned (null when there is nothing further that way).
import Link from "next/link";
import { buttonClasses } from "./button";
import { ChevronLeftIcon, ChevronRightIcon } from "./icons";

export type SearchParamsRecord = Record<string, string | string[] | undefined>;

/**
 * One search parameter as a page reads it: the first value, trimmed; undefined when empty or when
 * it holds a NUL character (PostgreSQL refuses those in text, which would be a 500, not a filter).
 */
export function searchParam(value: string | string[] | undefined): string | undefined {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  return text && !text.includes("\0") ? text : undefined;
}

export function pageHref(basePath: string, searchParams: SearchParamsRecord, set: Record<string, string | null>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(searchParams)) {
    if (key in set || value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
  }
  for (const [key, value] of Object.entries(set)) if (value !== null) params.set(key, value);
  const query = params.toString();
  return query ? `${basePath}?${query}` : basePath;
}

export type PaginationProps = {
  basePath: string;
  searchParams: SearchParamsRecord;
  newerCursor?: string | null;
  olderCursor?: string | null;
  label?: string;
  /** The id of the list's section when the page has more above it: paging lands on the list, not the page top. */
  anchor?: string;
};

export function Pagination({ basePath, searchParams, newerCursor, olderCursor, label = "Pagination", anchor }: PaginationProps) {
  if (!newerCursor && !olderCursor) return null;
  const href = (set: Record<string, string | null>) => pageHref(basePath, searchParams, set) + (anchor ? `#${anchor}` : "");
  const cls = buttonClasses({ variant: "secondary", size: "sm" });
  const off = `${cls} pointer-events-none opacity-50`;
  return (
    <nav aria-label={label} className="flex items-center justify-between gap-2 py-3">
      {newerCursor ? (
        <Link prefetch={false} className={cls} href={href({ before: newerCursor, after: null })}>
          <ChevronLeftIcon /> Newer
        </Link>
      ) : (
        <span className={off} aria-disabled="true"><ChevronLeftIcon /> Newer</span>
      )}
      {olderCursor ? (
        <Link prefetch={false} className={cls} href={href({ after: olderCursor, before: null })}>
          Older <ChevronRightIcon />
        </Link>
      ) : (
        <span className={off} aria-disabled="true">Older <ChevronRightIcon /></span>
      )}
    </nav>
  );
}
