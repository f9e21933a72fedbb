// Organisation overview input (webhook, VOD, stream events). The webhook and VOD forms derive from
// their API contracts (lib/api/contracts/organisation.ts), which hold the rules and messages.
import { z } from "zod";
import { setVod, updateBlockingWebhook, updateMisuseLines, updateWebhook } from "@/lib/api/contracts/organisation";
import { STREAM_EVENTS, WEBHOOK_EVENTS, WEBHOOK_EVENT_IDS, type WebhookEventType } from "@/lib/validation/limits";
import { formInput } from "./form-input";

export { STREAM_EVENTS, WEBHOOK_EVENTS, WEBHOOK_EVENT_IDS, type WebhookEventType };
/** Sent by "Send test event" whatever the subscription. */
export const TEST_EVENT = "webhook.test";

/** The overview's webhook form: the API's body, with a checkbox per event and an on/off switch. */
export const webhookSettingsSchema = formInput(updateWebhook, { booleans: ["enabled"], arrays: ["events"] });

/** The overview's blocking-webhook form: the API's body, with "refuse" / "allow" radios (false / true) and a number field. */
export const blockingWebhookSchema = formInput(updateBlockingWebhook, { booleans: ["failOpen"], numbers: ["timeoutMs"] });

/** The overview's misuse-lines form: the API's body, two number fields. */
export const misuseLinesSchema = formInput(updateMisuseLines, { numbers: ["maxAddresses", "maxViewers"] });

export const deliveryIdSchema = z.object({ deliveryId: z.string().min(1).max(64) }).strict();
export const emptySchema = z.object({}).strict();
export const vodSettingsSchema = formInput(setVod, { booleans: ["vodPublic"] });

export const streamEventSchema = z.object({ event: z.enum(STREAM_EVENTS) }).strict();

// Audit log filters from the URL; anything malformed is dropped rather than failing the page.
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)));
export const auditQuerySchema = z.object({
  actor: z.string().trim().max(254).optional().catch(undefined),
  action: z.string().trim().max(100).optional().catch(undefined),
  from: day.optional().catch(undefined),
  to: day.optional().catch(undefined),
  after: z.string().max(64).optional().catch(undefined),
  before: z.string().max(64).optional().catch(undefined),
});
