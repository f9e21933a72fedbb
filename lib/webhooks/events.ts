// How something reaches the organisation's webhook: `emitOrgEvent(orgId, "publish", {...})` queues
// a delivery when the webhook is enabled and subscribed to that event; the worker sends it. A
// failure here never fails the caller's work. Events the data layer raises (lib/events.ts) come
// here through the listener registered below.
import { enqueueOrgEvent } from "@/lib/data/webhooks";
import { setOrgEventListener } from "@/lib/events";
import type { WebhookEventType } from "@/lib/validation/organisation";

export type { WebhookEventType };

export async function emitOrgEvent(orgId: string, eventType: WebhookEventType, data: Record<string, unknown>): Promise<string | null> {
  try {
    return await enqueueOrgEvent(orgId, eventType, data);
  } catch (error) {
    console.error("[webhooks] could not queue", eventType, error instanceof Error ? error.message : error);
    return null;
  }
}

// Token and user events raised by the data layer fan out to the webhook. Registered when this
// module loads: the worker imports it, and instrumentation.ts loads the worker at server start.
setOrgEventListener(async (orgId, event, data) => {
  await emitOrgEvent(orgId, event, data);
});
