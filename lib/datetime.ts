// One way to print instants: UTC, to the minute, always saying its zone ("2026-11-22 14:05 UTC").
// Plain functions (no React) so server code, CSV exports and emails print dates the same way.

export function toDate(value: Date | string | number): Date {
  return value instanceof Date ? value : new Date(value);
}

export function formatUtc(value: Date | string | number, { seconds = false }: { seconds?: boolean } = {}): string {
  const d = toDate(value);
  if (Number.isNaN(d.getTime())) return "—";
  const iso = d.toISOString(); // 2026-11-22T14:05:09.000Z
  return `${iso.slice(0, 10)} ${iso.slice(11, seconds ? 19 : 16)} UTC`;
}

/** The reader's own time zone, named: "22 Nov 2026, 15:05 (Europe/Berlin)". */
export function formatLocal(value: Date | string | number, timeZone?: string): string {
  const d = toDate(value);
  if (Number.isNaN(d.getTime())) return "";
  const zone = timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const text = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: zone }).format(d);
  return `${text} (${zone})`;
}
