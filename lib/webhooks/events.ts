// The one way product code announces something to the organisation's webhook:
// `emitOrgEvent(orgId, "user.invited", {...})`. It queues a delivery when the webhook is enabled
// and subscribed to that event; the worker sends it. A failure here never fails the caller's work.
import { enqueueOrgEvent } from "@/lib/data/webhooks";
import { setTokenEventListener } from "@/lib/tokens/events";
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

// Token events (token.created / token.revoked) fan out to the webhook. Registered when this module
// loads: the worker imports it, and instrumentation.ts loads the worker at server start.
setTokenEventListener(async (orgId, event, data) => {
  await emitOrgEvent(orgId, event, data);
});
