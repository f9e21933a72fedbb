// Organisation settings over the API: overview data, keys, webhook, deliveries, VOD, audit, events.
import { z } from "zod";
import { contract } from "@/lib/api/contract";
import { PACKAGE_IDS } from "@/lib/packages";
import { STREAM_EVENTS, WEBHOOK_EVENT_IDS } from "@/lib/validation/limits";
import { isoDate, nullableIsoDate, okBody, page, pageQuery } from "./common";

export const organisation = contract({
  name: "GET /api/v1/organisation",
  summary: "The organisation overview: levels, packages, player key, VOD visibility, tags (and the masked master key for admins)",
  tag: "Organisation",
  permission: "org:read",
  response: z.object({
    id: z.string(),
    name: z.string(),
    supportLevel: z.string(),
    analyticsLevel: z.string(),
    packages: z.array(z.object({ id: z.enum(PACKAGE_IDS as [string, ...string[]]), label: z.string(), enabled: z.boolean() })),
    playerKey: z.string(),
    vodPublic: z.boolean(),
    tags: z.array(z.object({ tag: z.string(), streams: z.number().int(), tokens: z.number().int() })),
    masterKey: z.object({ maskedKey: z.string(), createdAt: isoDate, lastUsedAt: nullableIsoDate }).nullable().optional(),
  }),
});

export const rotateMasterKey = contract({
  name: "POST /api/v1/organisation/api-key/rotate",
  summary: "Rotate the master API key, or create the first one (replaced: false): the new key is in this answer only; the old one stops working at once",
  tag: "Organisation",
  permission: "apiKey:manage",
  response: z.object({ key: z.string(), maskedKey: z.string(), replaced: z.boolean() }),
});

export const rotatePlayerKey = contract({
  name: "POST /api/v1/organisation/player-key/rotate",
  summary: "Rotate the public player key (player snippets change)",
  tag: "Organisation",
  permission: "playerKey:rotate",
  response: z.object({ playerKey: z.string() }),
});

export const setVod = contract({
  name: "PUT /api/v1/organisation/vod",
  summary: "Make the VOD list public (no credentials needed) or private",
  tag: "Organisation",
  permission: "vod:manage",
  body: z.object({ vodPublic: z.boolean() }).strict(),
  example: { vodPublic: true },
  response: z.object({ vodPublic: z.boolean() }),
  errors: [400, 413, 415],
});

/** A webhook endpoint: a full http(s) URL, or "" for none (the SSRF guard runs at save). */
const WEBHOOK_URL = z.string().trim().max(2000, "Use at most 2000 characters.").refine((v) => v === "" || /^https?:\/\//i.test(v), "Enter a full URL starting with https://.");
const webhookBody = z.object({ url: z.string(), events: z.array(z.enum(WEBHOOK_EVENT_IDS)), enabled: z.boolean(), secretMasked: z.string(), updatedAt: isoDate });
/** The signing secret (whsec_…) in full, only in the answer of the first save, which puts it to use: store it then. */
const firstSecret = { secret: z.string().optional().describe("The signing secret (whsec_…), only in the answer of the first save, which creates it: store it then") };

export const getWebhook = contract({
  name: "GET /api/v1/organisation/webhook",
  summary: "Webhook settings (the signing secret only masked; without webhook:manage the URL's path and query too, e.g. https://hooks.example.com/…)",
  tag: "Webhook",
  permission: "webhook:read",
  response: webhookBody,
});

export const updateWebhook = contract({
  name: "PUT /api/v1/organisation/webhook",
  summary: "Set the HTTPS endpoint, events and on/off (private, loopback and metadata addresses are refused); the first save answers the new signing secret once",
  tag: "Webhook",
  permission: "webhook:manage",
  // The one webhook settings schema: the overview's form parses it too (lib/validation/organisation.ts).
  body: z
    .object({
      url: WEBHOOK_URL,
      events: z.array(z.enum(WEBHOOK_EVENT_IDS)).max(20),
      enabled: z.boolean(),
    })
    .strict()
    .refine((v) => !v.enabled || v.url !== "", { message: "Enter the endpoint URL before enabling the webhook.", path: ["url"] }),
  example: { url: "https://hooks.example.com/playgate", events: ["publish", "publish_done", "token.created"], enabled: true },
  response: webhookBody.extend(firstSecret),
  errors: [400, 413, 415, 422],
});

const blockingWebhookBody = z.object({ url: z.string(), failOpen: z.boolean(), timeoutMs: z.number().int() });

export const getBlockingWebhook = contract({
  name: "GET /api/v1/organisation/blocking-webhook",
  summary: "The blocking webhook (nanoStream style): the URL consulted before each play or publish, what a timeout means, and the timeout",
  tag: "Webhook",
  permission: "webhook:read",
  response: blockingWebhookBody,
});

export const updateBlockingWebhook = contract({
  name: "PUT /api/v1/organisation/blocking-webhook",
  summary: "Set the blocking webhook: 200 allows a play or publish, 403 refuses; an empty url turns it off",
  tag: "Webhook",
  permission: "webhook:manage",
  description:
    "The media-server hooks (nginx-rtmp, SRS, OvenMediaEngine, MediaMTX but its per-request HLS and WebRTC reads) POST nanoStream's form (call=play|publish, name, app, addr, clientid, bytes_in, bytes_out, time, timestamp and the stream URL's query parameters but token and key) once per play or publish, after Playgate's own check allowed it, signed like the other webhook (webhook-id, webhook-timestamp, webhook-signature; the same secret). " +
    "Any 2xx allows, 403 refuses; another answer, a redirect or no answer within timeoutMs allows when failOpen is true and refuses otherwise. Private, loopback and metadata addresses are refused, at save and at every send.",
  // The one blocking-webhook schema: the overview's form parses it too (lib/validation/organisation.ts).
  body: z
    .object({
      url: WEBHOOK_URL,
      failOpen: z.boolean(),
      timeoutMs: z.number({ error: "Enter the timeout in milliseconds, e.g. 2000." }).int("Enter whole milliseconds.").min(250, "At least 250 ms.").max(10_000, "At most 10000 ms (10 s)."),
    })
    .strict(),
  example: { url: "https://hooks.example.com/nanostream", failOpen: false, timeoutMs: 2000 },
  response: blockingWebhookBody.extend(firstSecret),
  errors: [400, 413, 415, 422],
});

export const rotateWebhookSecret = contract({
  name: "POST /api/v1/organisation/webhook/rotate-secret",
  summary: "New signing secret (whsec_…), in this answer only",
  tag: "Webhook",
  permission: "webhook:manage",
  response: z.object({ secret: z.string() }),
});

export const testWebhook = contract({
  name: "POST /api/v1/organisation/webhook/test",
  summary: "Queue a signed test event",
  tag: "Webhook",
  permission: "webhook:manage",
  response: z.object({ deliveryId: z.string(), messageId: z.string() }),
  status: 202,
  errors: [422],
});

const deliveryBody = z.object({
  id: z.string(),
  messageId: z.string(),
  eventType: z.string(),
  url: z.string(),
  status: z.string(),
  attempts: z.number().int(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  lastLatencyMs: z.number().int().nullable(),
  createdAt: isoDate,
  completedAt: nullableIsoDate,
  nextAttemptAt: isoDate,
});

export const listDeliveries = contract({
  name: "GET /api/v1/organisation/webhook/deliveries",
  summary: "The delivery log, newest first (admins: it holds the receivers' full URLs and error messages)",
  tag: "Webhook",
  permission: "webhookDelivery:read",
  query: pageQuery,
  response: page(deliveryBody),
  errors: [400],
});

export const redeliver = contract({
  name: "POST /api/v1/organisation/webhook/deliveries/{id}/redeliver",
  summary: "Send a delivery again (same webhook-id)",
  tag: "Webhook",
  permission: "webhook:manage",
  response: okBody,
  errors: [404, 422],
});

export const listAudit = contract({
  name: "GET /api/v1/audit-events",
  summary: "The audit log, newest first, with filters",
  tag: "Audit",
  permission: "audit:read",
  query: pageQuery
    .extend({
      actor: z.string().max(254).optional(),
      action: z.string().max(100).optional(),
      from: z.iso.datetime({ offset: true }).optional(),
      to: z.iso.datetime({ offset: true }).optional(),
    })
    .strict(),
  response: page(
    z.object({
      id: z.string(),
      createdAt: isoDate,
      actorEmail: z.string(),
      actorKind: z.string(),
      actorDeleted: z.boolean(),
      action: z.string(),
      result: z.string(),
      targetType: z.string().nullable(),
      targetId: z.string().nullable(),
      targetLabel: z.string().nullable(),
      details: z.record(z.string(), z.unknown()),
    }),
  ),
  errors: [400],
});

/** The audit log's filters, without paging: the export holds every matching event. */
export const auditFilterQuery = z
  .object({
    actor: z.string().max(254).optional(),
    action: z.string().max(100).optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

export const exportAudit = contract({
  name: "GET /api/v1/audit-events.csv",
  summary: "The audit log as CSV (RFC 4180), newest first, with the same filters",
  tag: "Audit",
  permission: "audit:read",
  query: auditFilterQuery,
  mediaType: "text/csv",
  response: z.string().describe("createdAt (UTC), actorEmail, actorKind, actorDeleted, action, result, targetType, targetId, targetLabel, details (JSON)"),
  description: "Every event the filters match, as an attachment, for keeping before the retention period (PLAYGATE_RETENTION_AUDIT_DAYS) removes it. A cell that a spreadsheet would read as a formula starts with an apostrophe.",
  errors: [400],
});

export const streamEvent = contract({
  name: "POST /api/v1/streams/{id}/events",
  summary: "Report a stream event: publish / publish_done change the stream's state; the webhook fans out",
  tag: "Streams",
  permission: "stream:write",
  body: z.object({ event: z.enum(STREAM_EVENTS) }).strict(),
  example: { event: "publish" },
  response: z.object({ event: z.enum(STREAM_EVENTS), stream: z.object({ id: z.string(), state: z.string() }), webhookQueued: z.boolean() }),
  status: 202,
  errors: [400, 404, 413, 415],
});

export const vodList = contract({
  name: "GET /api/v1/organisations/{orgId}/vod",
  summary: "The organisation's VOD items: without credentials when it made VOD public; else with its key or token (404 without the VOD package)",
  tag: "Organisation",
  permission: "public",
  response: z.object({
    items: z.array(z.object({ id: z.string(), title: z.string(), url: z.string(), durationSec: z.number().int(), streamId: z.string().nullable(), createdAt: isoDate })),
  }),
  errors: [401, 403, 404],
});

const misuseLine = (what: string) =>
  z.number({ error: `Enter the number of ${what}, e.g. 3.` }).int(`Enter a whole number of ${what}.`).min(1, "At least 1.").max(1000, "At most 1000.");

/** The organisation's misuse lines (lib/data/misuse.ts). */
export const misuseLinesBody = z.object({
  maxAddresses: z.number().int().describe("A token checked from more distinct client addresses than this within an hour is flagged"),
  maxViewers: z.number().int().describe("A token with more viewers at once (distinct addresses in the last 30 s) than this is flagged"),
});

export const getMisuseLines = contract({
  name: "GET /api/v1/organisation/misuse-signals",
  summary: "The lines above which a token is flagged as shared or leaked",
  tag: "Playback tokens",
  permission: "token:read",
  response: misuseLinesBody,
});

export const updateMisuseLines = contract({
  name: "PUT /api/v1/organisation/misuse-signals",
  summary: "Set the lines above which a token is flagged (and token.suspicious is sent, once per token and signal)",
  tag: "Playback tokens",
  permission: "misuse:manage",
  // The one misuse-lines schema: the overview's form parses it too (lib/validation/organisation.ts).
  body: z.object({ maxAddresses: misuseLine("addresses"), maxViewers: misuseLine("viewers") }).strict(),
  example: { maxAddresses: 3, maxViewers: 2 },
  response: misuseLinesBody,
});
