"use client";
// Prints an instant as "2026-11-22 14:05 UTC" inside <time dateTime>, with the reader's local time
// in the title. A client component only so that "local" means the reader's zone, not the server's;
// the visible text is UTC, so server and browser render the same text.
import { formatLocal, formatUtc, toDate } from "@/lib/datetime";

export type DateTimeProps = { value: Date | string | number; seconds?: boolean; className?: string };

export function DateTime({ value, seconds, className = "" }: DateTimeProps) {
  const d = toDate(value);
  if (Number.isNaN(d.getTime())) return <span className={className}>—</span>;
  return (
    <time dateTime={d.toISOString()} title={formatLocal(d)} className={`whitespace-nowrap tabular-nums ${className}`} suppressHydrationWarning>
      {formatUtc(d, { seconds })}
    </time>
  );
}
