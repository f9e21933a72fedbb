// Checks per minute over the last hour as a server-rendered SVG bar chart (no chart library, no
// client JavaScript): allowed checks in the accent colour, refused ones stacked above in amber.
// The figure names its totals in words for screen readers; the numbers are in the API too.
import type { UsageMinute } from "@/lib/data/usage";
import { formatUtc } from "@/lib/datetime";

const W = 600;
const H = 120;
const GAP = 2;

export function UsageChart({ minutes, label }: { minutes: UsageMinute[]; label: string }) {
  const total = minutes.reduce((sum, m) => sum + m.allowed + m.refused, 0);
  const peak = Math.max(1, ...minutes.map((m) => m.allowed + m.refused));
  const bar = W / minutes.length;
  const y = (n: number) => (n / peak) * (H - 4);
  const first = minutes[0]?.minute;
  const last = minutes[minutes.length - 1]?.minute;
  const busiest = minutes.reduce((best, m) => (m.allowed + m.refused > best.allowed + best.refused ? m : best), minutes[0]);
  return (
    <figure className="min-w-0" data-usage-chart>
      <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" className="h-28 w-full rounded border border-slate-200 bg-slate-50" role="img" aria-label={`${label}: ${total} checks in the last hour, at most ${peak === 1 && total === 0 ? 0 : peak} in one minute`}>
        {minutes.map((m, i) => {
          const allowed = y(m.allowed);
          const refused = y(m.refused);
          const x = i * bar + GAP / 2;
          return (
            <g key={m.minute.getTime()}>
              {m.allowed ? <rect x={x} y={H - allowed} width={bar - GAP} height={allowed} className="fill-accent-600" /> : null}
              {m.refused ? <rect x={x} y={H - allowed - refused} width={bar - GAP} height={refused} className="fill-amber-500" /> : null}
            </g>
          );
        })}
      </svg>
      <figcaption className="mt-1 text-xs text-slate-600">
        <span className="flex justify-between gap-2">
          <span>{first ? formatUtc(first) : ""}</span>
          <span>{last ? formatUtc(last) : ""}</span>
        </span>
        <span className="mt-1 block">
          <span className="mr-1 inline-block size-2 rounded-sm bg-accent-600" aria-hidden="true" />allowed
          <span className="mr-1 ml-3 inline-block size-2 rounded-sm bg-amber-500" aria-hidden="true" />refused · {total.toLocaleString("en")} checks
          {total ? `, busiest minute ${formatUtc(busiest.minute)} (${(busiest.allowed + busiest.refused).toLocaleString("en")})` : ""}
        </span>
      </figcaption>
    </figure>
  );
}
