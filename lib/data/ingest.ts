import "server-only";
import { db } from "@/lib/db";
import { safeEqual } from "@/lib/crypto";
import { systemActor } from "@/lib/auth/actor";
import { reportStreamEvent, type StreamEvent } from "@/lib/data/streams";
import { hashIngestKey, isIngestKey } from "@/lib/tokens/ingest-key";

export type PublishReason = "unknown_stream" | "no_ingest_key" | "ingest_key_required" | "wrong_ingest_key";

export type PublishDecision =
  | { allowed: true; streamId: string; streamName: string }
  | { allowed: false; reason: PublishReason; message: string };

/**
 * May an encoder publish to this stream name of this organisation with this key? Every rendition
 * needs its own ingest key; one without a key yet refuses every publish until one is created.
 */
export async function authorizePublish(orgId: string, streamName: string, key: string | null): Promise<PublishDecision> {
  const rendition = await db.streamRendition.findUnique({ where: { streamName }, select: { orgId: true, streamId: true, ingestKeyHash: true } });
  if (!rendition || rendition.orgId !== orgId) return { allowed: false, reason: "unknown_stream", message: "No stream of this organisation has that stream name." };
  if (!rendition.ingestKeyHash) return { allowed: false, reason: "no_ingest_key", message: "This rendition has no ingest key yet: create one on the stream's Instructions page." };
  if (!key) return { allowed: false, reason: "ingest_key_required", message: "Publish with the rendition's ingest key as the stream URL's key query parameter." };
  const hash = isIngestKey(key) ? hashIngestKey(key) : "";
  if (!safeEqual(hash, rendition.ingestKeyHash)) return { allowed: false, reason: "wrong_ingest_key", message: "That is not this rendition's ingest key." };
  return { allowed: true, streamId: rendition.streamId, streamName };
}

/** A media server's publish/play report: the stream's state and webhook, as POST /streams/{id}/events does. */
export async function recordEdgeEvent(orgId: string, streamId: string, event: StreamEvent, via: string) {
  return reportStreamEvent(systemActor(orgId, via), streamId, event);
}
