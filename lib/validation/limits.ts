// Input limits and choices that client components show (password length, tag counts, webhook
// events, invitation lifetimes). Kept free of zod so importing them does not ship the whole
// validation library to the browser (docs/performance.md#p6); the schemas beside this file re-export them.
export const MIN_PASSWORD_LENGTH = 10;

export const MAX_TAGS_PER_STREAM = 10;
export const MAX_TAG_LENGTH = 32;
export const MAX_RENDITIONS = 6;

export const INVITATION_EXPIRY_DAYS = [1, 7, 14, 30] as const;
export const DEFAULT_INVITATION_EXPIRY_DAYS = 7;

export const WEBHOOK_EVENTS = [
  { id: "publish", label: "Stream published (live)" },
  { id: "publish_done", label: "Stream publish ended" },
  { id: "play", label: "Playback started" },
  { id: "play_done", label: "Playback ended" },
  { id: "token.created", label: "Playback token created" },
  { id: "token.revoked", label: "Playback token revoked" },
  { id: "token.suspicious", label: "Playback token looks misused" },
  { id: "user.invited", label: "User invited" },
  { id: "user.deleted", label: "User deleted" },
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number]["id"];
export const WEBHOOK_EVENT_IDS = WEBHOOK_EVENTS.map((e) => e.id) as [WebhookEventType, ...WebhookEventType[]];

/** What an edge reports about a stream (POST /api/v1/streams/{id}/events). */
export const STREAM_EVENTS = ["publish", "publish_done", "play", "play_done"] as const;

/** Request bodies server.ts lets through, counted while they arrive (SECURITY.md row 21). */
export const MAX_API_BODY_BYTES = 64 * 1024;
export const MAX_AUTH_BODY_BYTES = 16 * 1024;
/** Server actions and anything else: Next's own server-action body limit (1 MB). */
export const MAX_OTHER_BODY_BYTES = 1024 * 1024;
