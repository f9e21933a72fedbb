// Prints an instant as "2026-11-22 14:05 UTC" inside <time dateTime>. Server-safe (no hooks), so a
// table of dates costs no client islands; the reader's local time is added as a tooltip by the one
// <LocalTimeTitles> island in the root layout, in the reader's zone, when the pointer reaches it.
import { formatUtc, toDate } from "@/lib/datetime";

export type DateTimeProps = { value: Date | string | number; seconds?: boolean; className?: string };

export function DateTime({ value, seconds, className = "" }: DateTimeProps) {
  const d = toDate(value);
  if (Number.isNaN(d.getTime())) return <span className={className}>—</span>;
  return (
    // No wrapping, tabular digits: time[data-local-title] in app/globals.css.
    <time dateTime={d.toISOString()} data-local-title="" {...(className ? { className } : {})}>
      {formatUtc(d, { seconds })}
    </time>
  );
}
