// One webhook delivery (admins, webhookDelivery:read): what was sent (webhook-id, URL, payload) and
// every attempt's answer (status code, duration, error), with Redeliver.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { NotFoundError } from "@/lib/errors";
import { can } from "@/lib/permissions";
import { getDelivery } from "@/lib/data/webhooks";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/card";
import { Chip, type ChipTone } from "@/components/ui/chip";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { RedeliverButton } from "../../delivery-buttons";

export const metadata: Metadata = { title: "Webhook delivery" };
export const dynamic = "force-dynamic";

const TONES: Record<string, ChipTone> = { succeeded: "success", failed: "danger", pending: "warning" };

/** The payload as stored (canonical JSON), indented for reading. */
function pretty(json: string): string {
  try {
    return JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    return json;
  }
}

async function load(orgId: string, id: string) {
  try {
    return await getDelivery(orgId, id);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}

export default async function DeliveryPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser("webhookDelivery:read");
  const { id } = await params;
  const delivery = await load(user.orgId, id);
  const pre = "max-h-96 overflow-auto whitespace-pre-wrap wrap-anywhere rounded-lg bg-slate-900 p-3 font-mono text-xs text-slate-100";
  return (
    <div className="space-y-6">
      <PageHeader
        eyebrow={<Link prefetch={false} href="/organisation/overview" className="hover:underline">← Organisation overview</Link>}
        title={<>Delivery of <span className="font-mono">{delivery.eventType}</span></>}
        meta={<Chip tone={TONES[delivery.status] ?? "neutral"}>{delivery.status}</Chip>}
        description={<>Queued <DateTime value={delivery.createdAt} seconds /> · webhook-id <code className="wrap-anywhere">{delivery.messageId}</code></>}
        actions={can(user.role, "webhook:manage") && delivery.status !== "pending" ? <RedeliverButton deliveryId={delivery.id} event={delivery.eventType} /> : null}
      />
      <Section title="Sent" description="The body every attempt POSTs, signed per Standard Webhooks under the same webhook-id.">
        <dl className="mb-4 grid gap-x-6 gap-y-2 sm:grid-cols-[auto_1fr]">
          <dt className="text-slate-600">Endpoint</dt>
          <dd className="font-mono wrap-anywhere">{delivery.url}</dd>
        </dl>
        <pre className={pre} aria-label="Payload"><code>{pretty(delivery.payload)}</code></pre>
      </Section>
      <Section title="Attempts" description="Each attempt's answer: its status code, how long it took, and why it failed. Times are UTC.">
        {delivery.log.length === 0 ? (
          <EmptyState title="Not sent yet" description="The worker sends it within seconds; refresh to see the answer." />
        ) : (
          <ol className="space-y-6">
            {delivery.log.map((a) => (
              <li key={a.id} className="space-y-2 border-t border-slate-100 pt-4 first:border-t-0 first:pt-0">
                <h3 className="font-semibold text-slate-900">
                  Attempt {a.attempt} · {a.statusCode ?? "no answer"} · {a.latencyMs} ms · <DateTime value={a.at} seconds />
                </h3>
                {a.error ? <p className="text-sm wrap-anywhere text-red-700">{a.error}</p> : null}
              </li>
            ))}
          </ol>
        )}
      </Section>
    </div>
  );
}
