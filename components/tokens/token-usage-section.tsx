// What the online checks counted for one token (lib/data/usage.ts): when it was first and last
// checked, how often it was allowed and refused (by reason), and the addresses and origins it was
// checked from. Counts reach the page within one flush interval of the check.
import { Section } from "@/components/ui/card";
import { Chip } from "@/components/ui/chip";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { Table } from "@/components/ui/table";
import type { TokenUsageView } from "@/lib/data/usage";

/** Rows shown per list; the API answers all that are stored. */
const SHOWN = 20;

type Sighting = TokenUsageView["ips"][number];

function Sightings({ label, rows, notStored, empty }: { label: string; rows: Sighting[]; notStored: number; empty: string }) {
  if (rows.length === 0) return <p className="text-slate-600">{empty}</p>;
  const more = rows.length - SHOWN;
  return (
    <>
      <Table<Sighting>
        caption={label}
        rows={rows.slice(0, SHOWN)}
        rowKey={(r) => r.value}
        columns={[
          { header: label, cell: (r) => <span className="font-mono wrap-anywhere">{r.value}</span> },
          { header: "Checks", cell: (r) => r.checks.toLocaleString("en") },
          { header: "First seen (UTC)", cell: (r) => <DateTime value={r.firstSeenAt} seconds /> },
          { header: "Last seen (UTC)", cell: (r) => <DateTime value={r.lastSeenAt} seconds /> },
        ]}
      />
      {more > 0 || notStored > 0 ? (
        <p className="mt-2 text-sm text-slate-600">
          {more > 0 ? `${more} more not shown here (all are in the API's answer). ` : ""}
          {notStored > 0 ? `${notStored.toLocaleString("en")} further checks came from ${label.toLowerCase()}s beyond the ${rows.length} stored.` : ""}
        </p>
      ) : null}
    </>
  );
}

export function TokenUsageSection({ usage, flushSeconds }: { usage: TokenUsageView | null; flushSeconds: number }) {
  const description = `What edges and media servers asked about this token. Counts arrive within ${flushSeconds === 1 ? "a second" : `${flushSeconds} seconds`} of a check; times are UTC.`;
  if (!usage) {
    return (
      <Section title="Usage" description={description}>
        <EmptyState title="Not checked yet" description="No edge, hook or authorize call has asked about this token. Its first check shows here." />
      </Section>
    );
  }
  const facts: [string, React.ReactNode][] = [
    ["First seen", <DateTime key="first" value={usage.firstSeenAt} seconds />],
    ["Last seen", <DateTime key="last" value={usage.lastSeenAt} seconds />],
    ["Viewers now", usage.viewersNow.toLocaleString("en")],
    ["Checks allowed", usage.allowed.toLocaleString("en")],
    ["Checks refused", usage.refused.toLocaleString("en")],
  ];
  return (
    <Section title="Usage" description={description}>
      <dl className="grid grid-cols-2 gap-x-6 gap-y-3 sm:grid-cols-5">
        {facts.map(([label, value]) => (
          <div key={label} className="min-w-0">
            <dt className="text-xs font-medium text-slate-600">{label}</dt>
            <dd className="text-slate-900">{value}</dd>
          </div>
        ))}
      </dl>
      {usage.refusedBy.length ? (
        <div className="mt-4">
          <h3 className="mb-1 text-xs font-medium text-slate-600">Refused because</h3>
          <ul className="flex flex-wrap gap-2" aria-label="Refusals by reason">
            {usage.refusedBy.map((r) => (
              <li key={r.reason}>
                <Chip tone="warning"><span className="font-mono">{r.reason}</span> × {r.count.toLocaleString("en")}</Chip>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="mt-6 grid gap-6">
        <div className="min-w-0">
          <h3 className="mb-2 text-sm font-semibold text-slate-900">Client addresses ({usage.ips.length}{usage.ipsNotStored ? "+" : ""})</h3>
          <Sightings label="Address" rows={usage.ips} notStored={usage.ipsNotStored} empty="No address was sent with its checks." />
        </div>
        <div className="min-w-0">
          <h3 className="mb-2 text-sm font-semibold text-slate-900">Origins ({usage.origins.length}{usage.originsNotStored ? "+" : ""})</h3>
          <Sightings label="Origin" rows={usage.origins} notStored={usage.originsNotStored} empty="No page origin was sent with its checks." />
        </div>
      </div>
    </Section>
  );
}
