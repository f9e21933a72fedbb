// Streams over the API: the same data layer and rules as the /streams pages.
import { z } from "zod";
import { contract } from "@/lib/api/contract";
import { renditionStreamNameSchema, renditionsField, streamNameSchema, streamTagsField, tagSchema } from "@/lib/validation/stream-fields";
import { isoDate, okBody, page, pageQuery } from "./common";

export const streamBody = z.object({
  id: z.string().describe("Stream group id: a token's `groupid`"),
  name: z.string(),
  state: z.enum(["idle", "live"]),
  requiresToken: z.boolean().describe("Playback needs a token (with Secure Playback); false: the edge check lets anyone play"),
  tags: z.array(z.string()),
  renditions: z.array(
    z.object({
      streamName: z.string(),
      label: z.string(),
      bitrateKbps: z.number().int(),
      ingestKey: z.object({ hint: z.string().describe("The key's last four characters"), createdAt: isoDate }).nullable().describe("null: publishing is refused until a key is created"),
    }),
  ),
  createdAt: isoDate,
  updatedAt: isoDate,
});

export function streamJson(s: { id: string; name: string; state: string; requiresToken: boolean; tags: string[]; renditions: { streamName: string; label: string; bitrateKbps: number; ingestKeyHint?: string | null; ingestKeyCreatedAt?: Date | null }[]; createdAt: Date; updatedAt: Date }): z.infer<typeof streamBody> {
  return {
    id: s.id,
    name: s.name,
    state: s.state === "live" ? "live" : "idle",
    requiresToken: s.requiresToken,
    tags: s.tags,
    renditions: s.renditions.map((r) => ({
      streamName: r.streamName,
      label: r.label,
      bitrateKbps: r.bitrateKbps,
      ingestKey: r.ingestKeyHint && r.ingestKeyCreatedAt ? { hint: r.ingestKeyHint, createdAt: r.ingestKeyCreatedAt.toISOString() } : null,
    })),
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}

export const listStreams = contract({
  name: "GET /api/v1/streams",
  summary: "List streams, newest first",
  tag: "Streams",
  permission: "stream:read",
  query: pageQuery.extend({ tag: tagSchema.optional() }).strict(),
  response: page(streamBody),
  errors: [400],
});

export const createStream = contract({
  name: "POST /api/v1/streams",
  summary: "Create a stream group with its renditions",
  tag: "Streams",
  permission: "stream:write",
  body: z
    .object({
      name: streamNameSchema,
      renditions: renditionsField.optional(),
      tags: streamTagsField.optional(),
    })
    .strict(),
  example: { name: "Main stage", renditions: ["1080p", "720p", "480p"], tags: ["conference"] },
  response: streamBody,
  status: 201,
  errors: [400, 413, 415],
});

/** Checks per minute of the last hour (60 entries, oldest first, as of the last usage flush) and viewers now. */
export const streamUsageBody = z.object({
  viewersNow: z.number().int().describe("Hook plays without their play_done, plus distinct (token, address) pairs the HTTP check allowed in the last 30 s"),
  lastHour: z.array(z.object({ minute: isoDate, allowed: z.number().int(), refused: z.number().int() })),
});

export const getStream = contract({
  name: "GET /api/v1/streams/{id}",
  summary: "One stream, with viewers now and its checks per minute over the last hour",
  tag: "Streams",
  permission: "stream:read",
  response: streamBody.extend({ usage: streamUsageBody }),
  errors: [404],
});

export const updateStream = contract({
  name: "PATCH /api/v1/streams/{id}",
  summary: "Rename a stream, replace its tags and/or switch whether playback needs a token",
  tag: "Streams",
  permission: "stream:write",
  body: z.object({ name: streamNameSchema.optional(), tags: streamTagsField.optional(), requiresToken: z.boolean().optional() }).strict(),
  example: { name: "Main stage, day 2", tags: ["conference", "day-2"] },
  response: streamBody,
  errors: [400, 404, 413, 415],
});

export const deleteStream = contract({
  name: "DELETE /api/v1/streams/{id}",
  summary: "Delete a stream (admin)",
  tag: "Streams",
  permission: "stream:delete",
  response: okBody,
  errors: [404],
});

export const rotateIngestKey = contract({
  name: "POST /api/v1/streams/{id}/ingest-key",
  summary: "Create or replace a rendition's ingest key; the key is in this answer only",
  tag: "Streams",
  permission: "stream:write",
  description: "Replace <stream name> with one of the stream's rendition stream names. The old key stops working at once. Encoders publish to PLAYGATE_INGEST_URL/<stream name>?key=<ingest key>.",
  body: z.object({ streamName: renditionStreamNameSchema.describe("The rendition's stream name") }).strict(),
  example: { streamName: "<stream name>" },
  response: z.object({ streamName: z.string(), ingestKey: z.string().describe("pgi_…, shown once"), hint: z.string(), createdAt: isoDate }),
  status: 201,
  errors: [400, 404, 413, 415],
});
