import "server-only";
// "Viewers now", one definition everywhere (README, "Viewers now"): the plays a media server's hook
// reported without their play_done yet (Stream.openPlays, kept by reportStreamEvent), plus the
// distinct (token, viewer address) pairs the HTTP edge check allowed in the last 30 seconds
// (ViewerSighting). The check must stay fast, so a sighting is written off the request and at most
// once every VIEWER_WRITE_EVERY_MS per pair and instance; a failed write is only a missed count.
import { createHash } from "node:crypto";
import { LRUCache } from "lru-cache";
import { db } from "@/lib/db";
import type { Tx } from "@/lib/data/transaction";
import { lookupStream } from "@/lib/data/playback-authorize";

/** An HTTP viewer counts while its pair was allowed within this window. */
export const VIEWER_WINDOW_MS = 30_000;
/** One instance rewrites a pair's sighting at most this often (well inside the window). */
export const VIEWER_WRITE_EVERY_MS = 10_000;

const lastWritten = new LRUCache<string, number>({ max: 100_000 });

const viewerKey = (jti: string | undefined, ip: string | undefined) =>
  createHash("sha256").update(`${jti ?? "-"}|${ip ?? "-"}`).digest("base64url").slice(0, 32);

/**
 * An allowed HTTP check of this stream name by this (token, address) pair. Returns the write it
 * started, or null when this instance wrote the pair recently; never throws, never waits on the check.
 */
export function noteHttpViewer(streamName: string, jti: string | undefined, ip: string | undefined, now = Date.now()): Promise<void> | null {
  // The memo is keyed by the plain pair; the hash (what is stored) is made only for a write.
  const memo = `${streamName}\n${jti ?? "-"}\n${ip ?? "-"}`;
  const last = lastWritten.get(memo);
  if (last !== undefined && now - last < VIEWER_WRITE_EVERY_MS) return null;
  lastWritten.set(memo, now);
  const key = viewerKey(jti, ip);
  return (async () => {
    const stream = await lookupStream(streamName);
    if (!stream) return;
    const lastSeenAt = new Date(now);
    await db.viewerSighting.upsert({
      where: { streamId_viewerKey: { streamId: stream.streamId, viewerKey: key } },
      create: { streamId: stream.streamId, viewerKey: key, lastSeenAt },
      update: { lastSeenAt },
    });
  })().catch(() => {
    lastWritten.delete(memo); // try again with the next check
  });
}

/** A hook's play or play_done, in the stream event's own transaction; idle ends every play. */
export async function countHookPlay(tx: Tx, streamId: string, event: "play" | "play_done" | "idle"): Promise<void> {
  if (event === "play") await tx.stream.update({ where: { id: streamId }, data: { openPlays: { increment: 1 } } });
  else if (event === "play_done") await tx.stream.updateMany({ where: { id: streamId, openPlays: { gt: 0 } }, data: { openPlays: { decrement: 1 } } });
  else await tx.stream.update({ where: { id: streamId }, data: { openPlays: 0 } });
}

export interface ViewersNow {
  total: number;
  /** Hook-based protocols (RTMP via nginx-rtmp, SRS, OvenMediaEngine, the events API). */
  hookPlays: number;
  /** Distinct (token, address) pairs the HTTP check allowed in the last 30 s. */
  httpViewers: number;
}

/** Viewers now of one stream of the organisation; 0 for a stream it does not have. */
export async function viewersNow(orgId: string, streamId: string, now = Date.now()): Promise<ViewersNow> {
  const [stream, httpViewers] = await Promise.all([
    db.stream.findFirst({ where: { id: streamId, orgId }, select: { openPlays: true } }),
    db.viewerSighting.count({ where: { streamId, stream: { orgId }, lastSeenAt: { gte: new Date(now - VIEWER_WINDOW_MS) } } }),
  ]);
  const hookPlays = stream?.openPlays ?? 0;
  return { total: hookPlays + httpViewers, hookPlays, httpViewers };
}

/** For housekeeping: sightings long out of the window. */
export async function pruneViewerSightings(tx: Tx, before: Date): Promise<number> {
  return (await tx.viewerSighting.deleteMany({ where: { lastSeenAt: { lt: before } } })).count;
}

/** For tests: forget which pairs this instance wrote. */
export function resetViewerMemoForTests(): void {
  lastWritten.clear();
}
