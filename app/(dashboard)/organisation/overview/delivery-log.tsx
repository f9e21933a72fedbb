// The webhook delivery log (admins, webhookDelivery:read): the latest deliveries with their status,
// attempts and latency, each with Details (payload, every attempt's answer) and Redeliver.
// Why a delivery failed, and when a retry is due, is visible text in the row, so keyboard and
// touch users read it too (a title tooltip reaches neither).
import { Chip, type ChipTone } from "@/components/ui/chip";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { Table } from "@/components/ui/table";
import { listDeliveries } from "@/lib/data/webhooks";
import type { CurrentUser } from "@/lib/data/sessions";
import { can } from "@/lib/permissions";
import { buttonClasses } from "@/components/ui/button";
import { DeliveryButtons, RedeliverButton } from "./delivery-buttons";

type Delivery = Awaited<ReturnType<typeof listDeliveries>>[number];
const TONES: Record<string, ChipTone> = { succeeded: "success", failed: "danger", pending: "warning" };

export async function DeliveryLog({ user, hasUrl }: { user: CurrentUser; hasUrl: boolean }) {
  // Rows hold receivers' full URLs and error messages: not even fetched for other roles.
  if (!can(user.role, "webhookDelivery:read")) return null;
  const rows = await listDeliveries(user.orgId, 20);
  const editable = can(user.role, "webhook:manage");
  return (
    <div className="space-y-3 border-t border-slate-100 pt-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h3 className="font-semibold text-slate-900">Delivery log</h3>
        {editable ? <DeliveryButtons disabled={!hasUrl} /> : null}
      </div>
      <div className="-mx-4 sm:-mx-6">
        <Table<Delivery>
          caption="Latest webhook deliveries"
          rows={rows}
          rowKey={(row) => row.id}
          empty={<div className="px-4 sm:px-6"><EmptyState title="No deliveries yet" description={editable ? "Save an endpoint and send a test event to see it here." : "Deliveries appear here once the webhook sends events."} /></div>}
          columns={[
            { header: "Time", cell: (row) => <DateTime value={row.createdAt} seconds /> },
            { header: "Event", cell: (row) => <span className="font-mono">{row.eventType}</span> },
            { header: "Status code", cell: (row) => (row.lastStatusCode ?? (row.lastError ? "—" : "")) as React.ReactNode },
            { header: "Attempts", cell: (row) => row.attempts, align: "right" },
            { header: "Latency", cell: (row) => (row.lastAttempt ? `${row.lastAttempt.latencyMs} ms` : "—"), align: "right" },
            { header: "Status", cell: (row) => <DeliveryStatus row={row} /> },
            {
              header: "Actions",
              hideHeader: true,
              align: "right" as const,
              // Plain <a>: next/link would hydrate one client component per row.
              cell: (row: Delivery) => (
                <span className="flex flex-wrap justify-end gap-2">
                  <a href={`/organisation/overview/deliveries/${row.id}`} className={buttonClasses({ variant: "secondary", size: "sm" })} aria-label={`Details of the ${row.eventType} delivery`}>
                    Details
                  </a>
                  {editable && row.status !== "pending" ? <RedeliverButton deliveryId={row.id} event={row.eventType} /> : null}
                </span>
              ),
            },
          ]}
        />
      </div>
    </div>
  );
}

function DeliveryStatus({ row }: { row: Delivery }) {
  const retrying = row.status === "pending" && row.attempts > 0;
  const reason = row.status === "succeeded" ? null : row.lastError;
  return (
    <div className="space-y-1">
      <Chip tone={TONES[row.status] ?? "neutral"}>{retrying ? "retrying" : row.status}</Chip>
      {/* Resolver and TLS messages are long unbroken strings: wrap anywhere, never scroll. */}
      {reason ? <p className="max-w-xs text-xs wrap-anywhere text-slate-600">{reason}</p> : null}
      {retrying ? <p className="text-xs text-slate-600">Next attempt <DateTime value={row.nextAttemptAt} seconds /></p> : null}
    </div>
  );
}
