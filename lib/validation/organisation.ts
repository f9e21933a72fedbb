// Organisation overview input (webhook, VOD, stream events), shared by server actions and the API.
import { z } from "zod";
import { WEBHOOK_EVENTS } from "@/lib/validation/limits";

export { WEBHOOK_EVENTS };

export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number]["id"];
export const WEBHOOK_EVENT_IDS = WEBHOOK_EVENTS.map((e) => e.id) as [WebhookEventType, ...WebhookEventType[]];
/** Sent by "Send test event" whatever the subscription. */
export const TEST_EVENT = "webhook.test";

const checkbox = z.union([z.literal("on"), z.literal("true"), z.literal("false"), z.boolean()]).optional().transform((v) => v === true || v === "on" || v === "true");

export const webhookSettingsSchema = z
  .object({
    url: z.string().trim().max(2000, "Use at most 2000 characters.").refine((v) => v === "" || /^https?:\/\//i.test(v), "Enter a full URL starting with https://."),
    events: z.union([z.enum(WEBHOOK_EVENT_IDS), z.array(z.enum(WEBHOOK_EVENT_IDS))]).optional().transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])),
    enabled: checkbox,
  })
  .strict()
  .refine((v) => !v.enabled || v.url !== "", { message: "Enter the endpoint URL before enabling the webhook.", path: ["url"] });

export const deliveryIdSchema = z.object({ deliveryId: z.string().min(1).max(64) }).strict();
export const emptySchema = z.object({}).strict();
export const vodSettingsSchema = z.object({ vodPublic: checkbox }).strict();

export const STREAM_EVENTS = ["publish", "publish_done", "play", "play_done"] as const;
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
