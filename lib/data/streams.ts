import "server-only";
import { db, isUniqueViolation, rowGone } from "@/lib/db";
import { systemActor, type Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/permissions";
import { NotFoundError } from "@/lib/errors";
import { newStreamId, newStreamName } from "@/lib/ids";
import { recordAudit } from "@/lib/data/audit";
import { inTransaction, type Tx } from "@/lib/data/transaction";
import { enqueueWebhook } from "@/lib/data/webhooks";
import { forgetStreamNames } from "@/lib/data/playback-authorize";
import { newIngestKey } from "@/lib/tokens/ingest-key";
import { createStreamSchema, setStreamTagsSchema, streamNameSchema, streamStateSchema, type CreateStreamInput, type StreamState } from "@/lib/validation/streams";
import type { WebhookEventType } from "@/lib/validation/organisation";
import { countHookPlay } from "@/lib/data/viewers";

/** Default ladder when only a number of renditions is asked for. */
const LADDER = ["1080p", "720p", "480p", "360p", "240p", "160p"];

const withDetails = {
  renditions: { orderBy: { position: "asc" as const }, select: { id: true, streamName: true, label: true, bitrateKbps: true, position: true, ingestKeyHint: true, ingestKeyCreatedAt: true } },
  tags: { orderBy: { tag: "asc" as const }, select: { tag: true } },
};

type StreamRow = Awaited<ReturnType<typeof findStream>>;

function findStream(orgId: string, id: string, client: Tx = db) {
  return client.stream.findFirst({ where: { id, orgId }, include: withDetails });
}

function present(row: NonNullable<StreamRow>) {
  return { ...row, tags: row.tags.map((t) => t.tag) };
}

export type StreamView = ReturnType<typeof present>;

/**
 * Newest first, keyset-paginated by (createdAt, id); optionally only streams carrying `tag`.
 * `cursor` pages to older streams; `before` pages back to newer ones.
 */
export async function listStreams(orgId: string, options: { tag?: string; cursor?: string; before?: string; limit: number }) {
  const ref = options.before ?? options.cursor;
  const edge = ref ? await db.stream.findFirst({ where: { id: ref, orgId }, select: { id: true, createdAt: true } }) : null;
  const newer = Boolean(options.before && edge);
  const op = newer ? "gt" : "lt";
  const rows = await db.stream.findMany({
    where: {
      orgId,
      ...(options.tag ? { tags: { some: { tag: options.tag } } } : {}),
      ...(edge ? { OR: [{ createdAt: { [op]: edge.createdAt } }, { createdAt: edge.createdAt, id: { [op]: edge.id } }] } : {}),
    },
    orderBy: newer ? [{ createdAt: "asc" }, { id: "asc" }] : [{ createdAt: "desc" }, { id: "desc" }],
    take: options.limit + 1,
    include: withDetails,
  });
  const more = rows.length > options.limit;
  const page = rows.slice(0, options.limit);
  if (newer) page.reverse();
  const items = page.map(present);
  const first = items[0];
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: last && (newer ? true : more) ? last.id : null,
    newerCursor: first && (newer ? more : Boolean(edge)) ? first.id : null,
  };
}

/** Other organisations' streams are "not found", exactly like missing ones. */
export async function getStream(orgId: string, id: string, client: Tx = db) {
  const row = await findStream(orgId, id, client);
  if (!row) throw new NotFoundError("Stream not found");
  return present(row);
}

/** The names of these streams of the organisation, by id (another organisation's or a deleted one's ids are absent). */
export async function streamNamesById(orgId: string, ids: string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids)];
  if (!wanted.length) return new Map();
  const rows = await db.stream.findMany({ where: { orgId, id: { in: wanted } }, select: { id: true, name: true } });
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** At most this many streams' states in one poll (a page of /streams is smaller). */
export const STATE_POLL_MAX = 100;

/** Live or idle of these streams of the organisation (others' ids are simply absent). */
export async function streamStates(orgId: string, ids: string[]): Promise<Record<string, "live" | "idle">> {
  const rows = await db.stream.findMany({ where: { orgId, id: { in: ids.slice(0, STATE_POLL_MAX) } }, select: { id: true, state: true } });
  return Object.fromEntries(rows.map((r) => [r.id, r.state === "live" ? "live" : "idle"]));
}

/** For the token form's pickers: every stream of the organisation with its stream names. */
const NATURAL = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

export async function listStreamOptions(orgId: string) {
  // Two org-scoped queries joined here: a nested `renditions` select sends every stream id as a
  // bind parameter, which exceeded SQLite's limit (P2029, a 500) at ~1,000 streams.
  const [rows, renditions] = await Promise.all([
    db.stream.findMany({ where: { orgId }, orderBy: [{ name: "asc" }, { id: "asc" }], select: { id: true, name: true } }),
    db.streamRendition.findMany({ where: { orgId }, orderBy: [{ streamId: "asc" }, { position: "asc" }], select: { streamId: true, streamName: true, label: true } }),
  ]);
  const byStream = new Map<string, { streamName: string; label: string }[]>();
  for (const { streamId, streamName, label } of renditions) {
    const list = byStream.get(streamId) ?? [];
    list.push({ streamName, label });
    byStream.set(streamId, list);
  }
  // People number their streams: "Stage 2" comes before "Stage 10" (the database sorts by characters).
  rows.sort((a, b) => NATURAL.compare(a.name, b.name) || (a.id < b.id ? -1 : 1));
  return rows.map((r) => {
    const own = byStream.get(r.id) ?? [];
    return { id: r.id, name: r.name, streamNames: own.map((x) => x.streamName), renditions: own };
  });
}

export type StreamOption = Awaited<ReturnType<typeof listStreamOptions>>[number];

/** Above this many streams the token form asks for typed ids and names instead of listing them. */
export const STREAM_PICKER_MAX = 50;

/**
 * The token form's pickers: every stream while there are few. A larger organisation gets typed
 * inputs, so the token pages cost the same with 1,000 streams as with 10 (docs/performance.md#p5; listing them
 * all made /secure/token 2.7× slower and 800 KB at 1,000 streams).
 */
export async function listStreamPicker(orgId: string): Promise<{ streams: StreamOption[]; typed: boolean }> {
  const probe = await db.stream.findMany({ where: { orgId }, select: { id: true }, take: STREAM_PICKER_MAX + 1 });
  if (probe.length > STREAM_PICKER_MAX) return { streams: [], typed: true };
  return { streams: await listStreamOptions(orgId), typed: false };
}

export async function createStream(actor: Actor, raw: CreateStreamInput) {
  assertCan(actor.role, "stream:write");
  const input = createStreamSchema.parse(raw);
  const spec = input.renditions ?? 1;
  const labels = typeof spec === "number" ? LADDER.slice(0, spec) : spec;
  // Stream names are unique across the installation; a random clash is retried once.
  for (let attempt = 0; ; attempt++) {
    const id = newStreamId();
    try {
      return await inTransaction(async (tx) => {
        await tx.stream.create({
          data: {
            id,
            orgId: actor.orgId,
            name: input.name,
            renditions: { create: labels.map((label, position) => ({ orgId: actor.orgId, streamName: newStreamName(), label, position })) },
            tags: { create: input.tags.map((tag) => ({ orgId: actor.orgId, tag })) },
          },
        });
        await recordAudit(tx, actor, { action: "stream.created", target: { type: "stream", id, label: input.name }, details: { renditions: labels.length, tags: input.tags } });
        return getStream(actor.orgId, id, tx);
      });
    } catch (error) {
      if (attempt < 1 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}

export async function renameStream(actor: Actor, id: string, rawName: string) {
  assertCan(actor.role, "stream:write");
  const name = streamNameSchema.parse(rawName);
  return inTransaction(async (tx) => {
    const before = await getStream(actor.orgId, id, tx);
    await tx.stream.update({ where: { id: before.id }, data: { name } }).catch(rowGone("Stream not found"));
    await recordAudit(tx, actor, { action: "stream.renamed", target: { type: "stream", id, label: name }, details: { from: before.name } });
    return getStream(actor.orgId, id, tx);
  });
}

/**
 * Replaces the stream's tags. The stream's own row is written (and so locked) first, before its
 * tags: a delete of the stream locks that row and then its tags, and a tagging that held tags and
 * then waited for the row deadlocked with it on PostgreSQL (a 500 for the delete). Two taggings
 * also take turns, so neither answers with a mix of both sets.
 */
export async function setStreamTags(actor: Actor, id: string, rawTags: string[] | string) {
  assertCan(actor.role, "stream:write");
  const { tags } = setStreamTagsSchema.parse({ id, tags: rawTags });
  return inTransaction(async (tx) => {
    await tx.stream.update({ where: { id, orgId: actor.orgId }, data: { updatedAt: new Date() } }).catch(rowGone("Stream not found"));
    const before = await getStream(actor.orgId, id, tx);
    await tx.streamTag.deleteMany({ where: { streamId: before.id, orgId: actor.orgId } });
    await tx.streamTag.createMany({ data: tags.map((tag) => ({ streamId: before.id, orgId: actor.orgId, tag })) });
    await recordAudit(tx, actor, { action: "stream.tagged", target: { type: "stream", id, label: before.name }, details: { from: before.tags, to: tags } });
    return getStream(actor.orgId, id, tx);
  });
}

/**
 * Whether playing the stream needs a token (when the organisation has Secure Playback). Off, the
 * edge check lets anyone play it; a token that is sent is still checked. This instance's check
 * reads the change at once, other instances within the stream cache's TTL (docs/caches.md).
 */
export async function setStreamRequiresToken(actor: Actor, id: string, requiresToken: boolean) {
  assertCan(actor.role, "stream:write");
  const stream = await inTransaction(async (tx) => {
    const before = await getStream(actor.orgId, id, tx);
    if (before.requiresToken === requiresToken) return before;
    await tx.stream.update({ where: { id: before.id }, data: { requiresToken } }).catch(rowGone("Stream not found"));
    await recordAudit(tx, actor, { action: "stream.playback_gate_changed", target: { type: "stream", id, label: before.name }, details: { requiresToken } });
    return getStream(actor.orgId, id, tx);
  });
  forgetStreamNames(stream.renditions.map((r) => r.streamName));
  return stream;
}

export async function deleteStream(actor: Actor, id: string) {
  assertCan(actor.role, "stream:delete");
  await inTransaction(async (tx) => {
    const before = await getStream(actor.orgId, id, tx);
    await tx.stream.delete({ where: { id: before.id } }).catch(rowGone("Stream not found"));
    await recordAudit(tx, actor, { action: "stream.deleted", target: { type: "stream", id, label: before.name }, details: { streamNames: before.renditions.map((r) => r.streamName) } });
  });
}

/**
 * Creates or replaces a rendition's ingest key; the key is returned once and only its hash kept.
 * The old key stops working at once: the next publish (or nginx-rtmp's next update) is refused.
 */
export async function rotateIngestKey(actor: Actor, id: string, streamName: string) {
  assertCan(actor.role, "stream:write");
  return inTransaction(async (tx) => {
    const stream = await getStream(actor.orgId, id, tx);
    const rendition = stream.renditions.find((r) => r.streamName === streamName);
    if (!rendition) throw new NotFoundError("This stream has no rendition with that stream name.");
    const { key, hash, hint } = newIngestKey();
    const createdAt = new Date();
    await tx.streamRendition.update({ where: { id: rendition.id }, data: { ingestKeyHash: hash, ingestKeyHint: hint, ingestKeyCreatedAt: createdAt } }).catch(rowGone("Stream not found"));
    await recordAudit(tx, actor, {
      action: rendition.ingestKeyHint ? "stream.ingest_key_rotated" : "stream.ingest_key_created",
      target: { type: "stream", id, label: stream.name },
      details: { streamName, label: rendition.label, hint },
    });
    return { streamName, ingestKey: key, hint, createdAt };
  });
}

/** Stream events (live/idle) change the state; recorded as the acting system or user. */
export async function setStreamState(orgId: string, id: string, rawState: StreamState, actor: Actor = systemActor(orgId, "stream-event")) {
  const state = streamStateSchema.parse(rawState);
  return inTransaction((tx) => changeState(tx, orgId, id, state, actor));
}

async function changeState(tx: Tx, orgId: string, id: string, state: StreamState, actor: Actor) {
  const before = await getStream(orgId, id, tx);
  if (before.state === state) return before;
  await tx.stream.update({ where: { id: before.id }, data: { state } }).catch(rowGone("Stream not found"));
  await recordAudit(tx, actor, { action: "stream.state_changed", target: { type: "stream", id, label: before.name }, details: { from: before.state, to: state } });
  return getStream(orgId, id, tx);
}

export type StreamEvent = Extract<WebhookEventType, "publish" | "publish_done" | "play" | "play_done">;
const STATE_AFTER: Partial<Record<StreamEvent, StreamState>> = { publish: "live", publish_done: "idle" };

/**
 * A stream event reported by the media server: publish/publish_done change the state, and the
 * event is queued for the organisation's webhook in the same transaction. Other organisations'
 * streams are "not found", like missing ones.
 */
export async function reportStreamEvent(actor: Actor, id: string, event: StreamEvent) {
  return inTransaction(async (tx) => {
    const next = STATE_AFTER[event];
    const stream = next ? await changeState(tx, actor.orgId, id, next, actor) : await getStream(actor.orgId, id, tx);
    if (event === "play" || event === "play_done") await countHookPlay(tx, stream.id, event);
    else if (event === "publish_done") await countHookPlay(tx, stream.id, "idle");
    const delivery = await enqueueWebhook(tx, actor.orgId, event, {
      stream: { id: stream.id, name: stream.name, state: stream.state },
      streamNames: stream.renditions.map((r) => r.streamName),
    });
    return { stream, webhookQueued: delivery !== null };
  });
}
