// nginx-rtmp's notify callbacks as ngx_rtmp_notify_module sends them (issue 17 §2): the common
// fields (app, flashver, swfurl, tcurl, pageurl, addr, clientid), then &call=…&name=… and the play
// or publish URL's query as it came. Play is the edge check's decision for the hook's organisation;
// publish needs the rendition's own ingest key; publish/publish_done move the stream and queue
// the webhook.
import { beforeEach, describe, expect, it } from "vitest";
import { setupTestDatabase } from "@/tests/support/db";
import { inDays, streamWithRenditions, tokenOrg } from "@/tests/support/tokens";
import { startEdgeServer } from "@/tests/support/edge-server";
import { db } from "@/lib/db";
import { createPlaybackToken, revokePlaybackToken } from "@/lib/data/playback-tokens";
import { getStream, rotateIngestKey } from "@/lib/data/streams";
import { saveWebhookSettings } from "@/lib/data/webhooks";
import { systemActor, type Actor } from "@/lib/auth/actor";
import { tokenFormSchema } from "@/lib/validation/tokens";

setupTestDatabase();
const edge = startEdgeServer();

const make = (actor: Actor, v: Record<string, unknown>) => createPlaybackToken(actor, tokenFormSchema.parse({ expiresAt: inDays(7).toISOString(), ...v }), "api");

/** The body nginx-rtmp 1.2 posts: its own fields first, the URL's query (`args`) appended raw. */
function notifyBody(call: string, name: string, args = "", extra: Record<string, string> = {}) {
  const common = new URLSearchParams({ app: "live", flashver: "LNX 9,0,124,2", swfurl: "", tcurl: "rtmp://127.0.0.1:1935/live", pageurl: "", addr: "127.0.0.1", clientid: "7", ...extra });
  return `${common}&call=${call}&name=${encodeURIComponent(name)}${call === "play" ? "&start=4294966296&duration=0&reset=0" : call === "publish" ? "&type=live" : ""}${args ? `&${args}` : ""}`;
}

async function hook(orgId: string, body: string, type = "application/x-www-form-urlencoded") {
  const res = await edge.call(`/api/v1/organisations/${orgId}/hooks/nginx-rtmp`, { method: "POST", headers: { "content-type": type }, body });
  return { status: res.status, reason: res.headers.get("x-playgate-reason"), text: await res.text() };
}

let w: Awaited<ReturnType<typeof world>>;
async function world() {
  const a = await tokenOrg();
  const b = await tokenOrg();
  const group = await streamWithRenditions(a.org.id, 2);
  const foreign = await streamWithRenditions(b.org.id, 1);
  return { a, b, group, foreign };
}
beforeEach(async () => {
  w = await world();
});

describe("nginx-rtmp on_play / on_update (play)", () => {
  it("allows a token or its short reference from the play URL's query and refuses a revoked one", async () => {
    const t = await make(w.a.actor, { target: "group", groupid: w.group.stream.id });
    expect(await hook(w.a.org.id, notifyBody("play", w.group.names[0], `token=${t.token}`))).toMatchObject({ status: 204, reason: "allowed" });
    expect(await hook(w.a.org.id, notifyBody("play", w.group.names[1], `token=${t.ref}`))).toMatchObject({ status: 204 });
    expect(await hook(w.a.org.id, notifyBody("update_play", w.group.names[1], `token=${t.ref}`))).toMatchObject({ status: 204 });
    await revokePlaybackToken(w.a.actor, t.id);
    expect(await hook(w.a.org.id, notifyBody("play", w.group.names[0], `token=${t.ref}`))).toMatchObject({ status: 403, reason: "revoked" });
    expect(await hook(w.a.org.id, notifyBody("update_play", w.group.names[0], `token=${t.token}`))).toMatchObject({ status: 403, reason: "revoked" });
  });

  it("refuses no token (401), a token of another organisation at this organisation's hook, and a wrong addr", async () => {
    expect(await hook(w.a.org.id, notifyBody("play", w.group.names[0]))).toMatchObject({ status: 401, reason: "token_required" });
    const theirs = await make(w.b.actor, { target: "group", groupid: w.foreign.stream.id });
    // Their token at our hook, for their own stream: the hook is one organisation's.
    expect((await hook(w.a.org.id, notifyBody("play", w.foreign.names[0], `token=${theirs.token}`))).status).toBe(403);
    const locked = await make(w.a.actor, { target: "group", groupid: w.group.stream.id, ip: "203.0.113.7" });
    expect(await hook(w.a.org.id, notifyBody("play", w.group.names[0], `token=${locked.ref}`, { addr: "203.0.113.7" }))).toMatchObject({ status: 204 });
    expect(await hook(w.a.org.id, notifyBody("play", w.group.names[0], `token=${locked.ref}`, { addr: "198.51.100.1" }))).toMatchObject({ status: 403, reason: "ip_not_allowed" });
  });

  it("takes nginx-rtmp's own name: a name in the URL's query comes later and is ignored", async () => {
    const t = await make(w.a.actor, { target: "group", groupid: w.group.stream.id });
    const other = await streamWithRenditions(w.a.org.id, 1);
    // The token is for the group; asking to play another stream with ?name=<group's> does not borrow it.
    expect((await hook(w.a.org.id, notifyBody("play", other.names[0], `name=${w.group.names[0]}&token=${t.ref}`))).status).toBe(403);
  });

  it("lets anyone play a stream whose token switch is off, and queues play / play_done webhooks", async () => {
    await saveWebhookSettings(systemActor(w.a.org.id, "test"), { url: "https://93.184.215.14/hook", events: ["play", "play_done"], enabled: true });
    await db.stream.update({ where: { id: w.group.stream.id }, data: { requiresToken: false } });
    expect(await hook(w.a.org.id, notifyBody("play", w.group.names[0]))).toMatchObject({ status: 204, reason: "token_not_required" });
    expect((await hook(w.a.org.id, notifyBody("play_done", w.group.names[0]))).status).toBe(204);
    const events = await db.webhookDelivery.findMany({ where: { orgId: w.a.org.id }, orderBy: { createdAt: "asc" }, select: { eventType: true } });
    expect(events.map((e) => e.eventType)).toEqual(["play", "play_done"]);
  });
});

describe("nginx-rtmp on_publish / on_publish_done", () => {
  it("refuses a rendition without a key, then publishes only with its own key: live, webhook, idle", async () => {
    await saveWebhookSettings(systemActor(w.a.org.id, "test"), { url: "https://93.184.215.14/hook", events: ["publish", "publish_done"], enabled: true });
    const [hd, sd] = w.group.names;
    expect(await hook(w.a.org.id, notifyBody("publish", hd, "key=pgi_00000000000000000000000000000000"))).toMatchObject({ status: 403, reason: "no_ingest_key" });
    const hdKey = await rotateIngestKey(w.a.actor, w.group.stream.id, hd);
    const sdKey = await rotateIngestKey(w.a.actor, w.group.stream.id, sd);
    expect(hdKey.ingestKey).toMatch(/^pgi_[0-9a-f]{32}$/);
    expect(await hook(w.a.org.id, notifyBody("publish", hd))).toMatchObject({ status: 403, reason: "ingest_key_required" });
    expect(await hook(w.a.org.id, notifyBody("publish", hd, `key=${sdKey.ingestKey}`))).toMatchObject({ status: 403, reason: "wrong_ingest_key" });
    expect(await hook(w.a.org.id, notifyBody("publish", hd, "key=not-a-key"))).toMatchObject({ status: 403, reason: "wrong_ingest_key" });
    expect((await getStream(w.a.org.id, w.group.stream.id)).state).toBe("idle");

    expect(await hook(w.a.org.id, notifyBody("publish", hd, `key=${hdKey.ingestKey}`))).toMatchObject({ status: 204 });
    expect((await getStream(w.a.org.id, w.group.stream.id)).state).toBe("live");
    expect(await hook(w.a.org.id, notifyBody("update_publish", hd, `key=${hdKey.ingestKey}`))).toMatchObject({ status: 204 });
    // publish_done without the key (anyone who knows the hook URL) changes nothing.
    expect((await hook(w.a.org.id, notifyBody("publish_done", hd))).status).toBe(403);
    expect((await getStream(w.a.org.id, w.group.stream.id)).state).toBe("live");
    expect((await hook(w.a.org.id, notifyBody("publish_done", hd, `key=${hdKey.ingestKey}`))).status).toBe(204);
    expect((await getStream(w.a.org.id, w.group.stream.id)).state).toBe("idle");
    const events = await db.webhookDelivery.findMany({ where: { orgId: w.a.org.id }, orderBy: { createdAt: "asc" }, select: { eventType: true } });
    expect(events.map((e) => e.eventType)).toEqual(["publish", "publish_done"]);
    const audit = await db.auditEvent.findMany({ where: { orgId: w.a.org.id, action: { startsWith: "stream." } }, select: { action: true, actorEmail: true } });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["stream.ingest_key_created", "stream.state_changed"]));
  });

  it("rotating a key refuses the old one at once; another organisation's hook knows none of our streams", async () => {
    const [hd] = w.group.names;
    const first = await rotateIngestKey(w.a.actor, w.group.stream.id, hd);
    const second = await rotateIngestKey(w.a.actor, w.group.stream.id, hd);
    expect(await hook(w.a.org.id, notifyBody("update_publish", hd, `key=${first.ingestKey}`))).toMatchObject({ status: 403, reason: "wrong_ingest_key" });
    expect((await hook(w.a.org.id, notifyBody("publish", hd, `key=${second.ingestKey}`))).status).toBe(204);
    expect(await hook(w.b.org.id, notifyBody("publish", hd, `key=${second.ingestKey}`))).toMatchObject({ status: 403, reason: "unknown_stream" });
    const row = await db.streamRendition.findUniqueOrThrow({ where: { streamName: hd } });
    expect(row.ingestKeyHash).not.toContain(second.ingestKey);
    expect(row.ingestKeyHint).toBe(second.ingestKey.slice(-4));
  });
});

describe("what the hook refuses to read", () => {
  it("answers 415 to JSON, 413 to a huge form, 400 to an unknown call, 204 to calls it has nothing to say about", async () => {
    expect((await hook(w.a.org.id, JSON.stringify({ call: "play" }), "application/json")).status).toBe(415);
    expect((await hook(w.a.org.id, `call=play&name=x&pad=${"a".repeat(20_000)}`)).status).toBe(413);
    expect(await hook(w.a.org.id, "call=delete&name=x")).toMatchObject({ status: 400, reason: "unknown_call" });
    expect((await hook(w.a.org.id, notifyBody("connect", ""))).status).toBe(204);
    expect((await hook(w.a.org.id, notifyBody("done", w.group.names[0]))).status).toBe(204);
  });
});
