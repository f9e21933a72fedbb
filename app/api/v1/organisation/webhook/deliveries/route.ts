// GET /api/v1/organisation/webhook/deliveries — the delivery log.
import { apiRoute } from "@/lib/api/route";
import * as c from "@/lib/api/contracts/organisation";
import { iso } from "@/lib/api/contracts/common";
import { listDeliveriesPage } from "@/lib/data/webhook-deliveries";

export const dynamic = "force-dynamic";

export const GET = apiRoute(c.listDeliveries, async ({ actor, query }) => {
  const { items, nextCursor } = await listDeliveriesPage(actor.orgId, query);
  return {
    json: {
      items: items.map((d) => ({
        id: d.id,
        messageId: d.messageId,
        eventType: d.eventType,
        url: d.url,
        status: d.status,
        attempts: d.attempts,
        lastStatusCode: d.lastStatusCode,
        lastError: d.lastError,
        lastLatencyMs: d.lastLatencyMs,
        createdAt: d.createdAt.toISOString(),
        completedAt: iso(d.completedAt),
        nextAttemptAt: d.nextAttemptAt.toISOString(),
      })),
      nextCursor,
    },
  };
});
