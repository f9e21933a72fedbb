// SRS's http_hooks as SrsHttpHooks (trunk/src/app/srs_app_http_hooks.cpp) posts them (issue 17 §2):
// JSON with server_id, service_id, action, client_id, ip, vhost, app, stream, param, tcUrl,
// pageUrl, stream_url, stream_id. SRS's do_post allows only status 200 or 201 whose body is the
// text `0` or a JSON object with code 0; anything else refuses the client.
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

/** The JSON SRS 6 posts for an action, field for field. */
function srsBody(action: string, stream: string, param = "", extra: Record<string, string> = {}) {
  const common = { server_id: "vid-0xk989d", service_id: "ha7y9e8k", action, client_id: "341w361a", ip: "127.0.0.1", vhost: "__defaultVhost__", app: "live", tcUrl: `rtmp://127.0.0.1:1935/live${param}`, stream, param };
  const more = action === "on_play" ? { pageUrl: "" } : {};
  return JSON.stringify({ ...common, ...more, stream_url: `/live/${stream}`, stream_id: "vid-124q9y3", ...extra });
}

/** SRS's own verdict on an answer (SrsHttpHooks::do_post): 200/201 and `0` or {"code":0}. */
function srsAllows(status: number, text: string): boolean {
  if (status !== 200 && status !== 201) return false;
  if (text === "0") return true;
  try {
    const value = JSON.parse(text);
    return typeof value === "object" && value !== null && value.code === 0;
  } catch {
    return false;
  }
}

async function hook(orgId: string, body: string, type = "application/json") {
  const res = await edge.call(`/api/v1/organisations/${orgId}/hooks/srs`, { method: "POST", headers: { "content-type": type }, body });
  const text = await res.text();
  return { status: res.status, reason: res.headers.get("x-playgate-reason"), text, allowed: srsAllows(res.status, text) };
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

describe("SRS on_play / on_stop", () => {
  it("allows a token or its short reference from param, as SRS reads the answer, and refuses a revoked one", async () => {
    const t = await make(w.a.actor, { target: "group", groupid: w.group.stream.id });
    expect(await hook(w.a.org.id, srsBody("on_play", w.group.names[0], `?token=${t.token}`))).toMatchObject({ status: 200, text: "0", allowed: true, reason: "allowed" });
    expect(await hook(w.a.org.id, srsBody("on_play", w.group.names[1], `?vhost=__defaultVhost__&token=${t.ref}`))).toMatchObject({ allowed: true });
    await revokePlaybackToken(w.a.actor, t.id);
    expect(await hook(w.a.org.id, srsBody("on_play", w.group.names[0], `?token=${t.ref}`))).toMatchObject({ status: 403, allowed: false, reason: "revoked" });
  });

  it("refuses no token, another organisation's token at this hook, a wrong ip and a wrong page origin", async () => {
    expect(await hook(w.a.org.id, srsBody("on_play", w.group.names[0]))).toMatchObject({ status: 401, allowed: false, reason: "token_required" });
    const theirs = await make(w.b.actor, { target: "group", groupid: w.foreign.stream.id });
    expect(await hook(w.a.org.id, srsBody("on_play", w.foreign.names[0], `?token=${theirs.ref}`))).toMatchObject({ status: 403, allowed: false });
    const locked = await make(w.a.actor, { target: "group", groupid: w.group.stream.id, ip: "203.0.113.7", domain: "watch.example.com" });
    const page = { pageUrl: "https://watch.example.com/live.html" };
    expect(await hook(w.a.org.id, srsBody("on_play", w.group.names[0], `?token=${locked.ref}`, { ...page, ip: "203.0.113.7" }))).toMatchObject({ allowed: true });
    expect(await hook(w.a.org.id, srsBody("on_play", w.group.names[0], `?token=${locked.ref}`, { ...page, ip: "198.51.100.1" }))).toMatchObject({ allowed: false, reason: "ip_not_allowed" });
    expect(await hook(w.a.org.id, srsBody("on_play", w.group.names[0], `?token=${locked.ref}`, { pageUrl: "https://evil.example.net/", ip: "203.0.113.7" }))).toMatchObject({ allowed: false, reason: "domain_not_allowed" });
  });

  it("lets anyone play a stream whose token switch is off and queues play / play_done", async () => {
    await saveWebhookSettings(systemActor(w.a.org.id, "test"), { url: "https://93.184.215.14/hook", events: ["play", "play_done"], enabled: true });
    await db.stream.update({ where: { id: w.group.stream.id }, data: { requiresToken: false } });
    expect(await hook(w.a.org.id, srsBody("on_play", w.group.names[0]))).toMatchObject({ allowed: true, reason: "token_not_required" });
    expect(await hook(w.a.org.id, srsBody("on_stop", w.group.names[0]))).toMatchObject({ allowed: true });
    // Another organisation's on_stop for our stream name records nothing.
    expect(await hook(w.b.org.id, srsBody("on_stop", w.group.names[0]))).toMatchObject({ allowed: true });
    const events = await db.webhookDelivery.findMany({ where: { orgId: w.a.org.id }, orderBy: { createdAt: "asc" }, select: { eventType: true } });
    expect(events.map((e) => e.eventType)).toEqual(["play", "play_done"]);
  });
});

describe("SRS on_publish / on_unpublish", () => {
  it("publishes only with the rendition's own key: refused without, live with it, idle on on_unpublish", async () => {
    await saveWebhookSettings(systemActor(w.a.org.id, "test"), { url: "https://93.184.215.14/hook", events: ["publish", "publish_done"], enabled: true });
    const [hd, sd] = w.group.names;
    expect(await hook(w.a.org.id, srsBody("on_publish", hd, "?key=pgi_00000000000000000000000000000000"))).toMatchObject({ allowed: false, reason: "no_ingest_key" });
    const hdKey = await rotateIngestKey(w.a.actor, w.group.stream.id, hd);
    const sdKey = await rotateIngestKey(w.a.actor, w.group.stream.id, sd);
    expect(await hook(w.a.org.id, srsBody("on_publish", hd))).toMatchObject({ allowed: false, reason: "ingest_key_required" });
    expect(await hook(w.a.org.id, srsBody("on_publish", hd, `?key=${sdKey.ingestKey}`))).toMatchObject({ allowed: false, reason: "wrong_ingest_key" });
    expect(await hook(w.b.org.id, srsBody("on_publish", hd, `?key=${hdKey.ingestKey}`))).toMatchObject({ allowed: false, reason: "unknown_stream" });
    expect((await getStream(w.a.org.id, w.group.stream.id)).state).toBe("idle");

    expect(await hook(w.a.org.id, srsBody("on_publish", hd, `?key=${hdKey.ingestKey}`))).toMatchObject({ allowed: true });
    expect((await getStream(w.a.org.id, w.group.stream.id)).state).toBe("live");
    expect(await hook(w.a.org.id, srsBody("on_unpublish", hd))).toMatchObject({ allowed: false });
    expect((await getStream(w.a.org.id, w.group.stream.id)).state).toBe("live");
    expect(await hook(w.a.org.id, srsBody("on_unpublish", hd, `?key=${hdKey.ingestKey}`))).toMatchObject({ allowed: true });
    expect((await getStream(w.a.org.id, w.group.stream.id)).state).toBe("idle");
    const events = await db.webhookDelivery.findMany({ where: { orgId: w.a.org.id }, orderBy: { createdAt: "asc" }, select: { eventType: true } });
    expect(events.map((e) => e.eventType)).toEqual(["publish", "publish_done"]);
  });
});

describe("what the SRS hook refuses to read", () => {
  it("answers 415 to a form, 413 to a huge body, 400 to bad JSON or an unknown action, 0 to on_connect/on_close", async () => {
    expect((await hook(w.a.org.id, "action=on_play", "application/x-www-form-urlencoded")).status).toBe(415);
    expect((await hook(w.a.org.id, JSON.stringify({ action: "on_play", pad: "a".repeat(20_000) }))).status).toBe(413);
    expect(await hook(w.a.org.id, "{not json")).toMatchObject({ status: 400, reason: "malformed_body" });
    expect(await hook(w.a.org.id, "[1,2]")).toMatchObject({ status: 400, reason: "malformed_body" });
    expect(await hook(w.a.org.id, srsBody("on_delete", "x"))).toMatchObject({ status: 400, reason: "unknown_action" });
    expect(await hook(w.a.org.id, srsBody("on_connect", ""))).toMatchObject({ allowed: true });
    expect(await hook(w.a.org.id, JSON.stringify({ action: "on_close", client_id: "1", ip: "127.0.0.1", vhost: "__defaultVhost__", app: "live", send_bytes: 10, recv_bytes: 20 }))).toMatchObject({ allowed: true });
  });
});
