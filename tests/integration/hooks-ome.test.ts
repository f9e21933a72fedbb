// OvenMediaEngine's AdmissionWebhooks as OME documents them (docs/access-control/admission-webhooks.md
// in AirenSoft/OvenMediaEngine): a JSON POST {client, request: {direction, protocol, status, url,
// time}} with X-OME-Signature = base64url(HMAC-SHA1(<SecretKey>, body)); the answer is 200 JSON,
// {allowed, reason, lifetime (ms)} for opening and {} for closing.
import { createHmac } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { setupTestDatabase } from "@/tests/support/db";
import { inDays, streamWithRenditions, tokenOrg } from "@/tests/support/tokens";
import { startEdgeServer } from "@/tests/support/edge-server";
import { POST as rotateRoute } from "@/app/api/v1/organisation/ome-secret/rotate/route";
import { db } from "@/lib/db";
import { createPlaybackToken, revokePlaybackToken } from "@/lib/data/playback-tokens";
import { getStream, rotateIngestKey } from "@/lib/data/streams";
import { rotateOmeSecret } from "@/lib/data/media-servers";
import { saveWebhookSettings } from "@/lib/data/webhooks";
import { systemActor, type Actor } from "@/lib/auth/actor";
import { tokenFormSchema } from "@/lib/validation/tokens";
import { createUser } from "@/tests/support/factory";
import { rotateMasterKey } from "@/lib/data/api-keys";
import { createApiSession } from "@/lib/data/sessions";

setupTestDatabase();
const edge = startEdgeServer();

const make = (actor: Actor, v: Record<string, unknown>) => createPlaybackToken(actor, tokenFormSchema.parse({ expiresAt: inDays(7).toISOString(), ...v }), "api");

/** OME's own signature, computed here independently of the code under test. */
const sign = (secret: string, body: string) => createHmac("sha1", secret).update(body).digest("base64url");

function omeBody(direction: "incoming" | "outgoing", status: "opening" | "closing", url: string, client: Record<string, unknown> = {}) {
  return JSON.stringify({
    client: { address: "127.0.0.1", port: 29291, real_ip: "127.0.0.1", user_agent: "Mozilla/5.0", ...client },
    request: { direction, protocol: direction === "incoming" ? "rtmp" : "webrtc", status, url, time: new Date().toISOString() },
  });
}

async function hook(orgId: string, body: string, signature: string | null, type = "application/json") {
  const headers: Record<string, string> = { "content-type": type };
  if (signature !== null) headers["x-ome-signature"] = signature;
  const res = await edge.call(`/api/v1/organisations/${orgId}/hooks/ome`, { method: "POST", headers, body });
  const text = await res.text();
  let json: Record<string, unknown> | null = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: res.status, reason: res.headers.get("x-playgate-reason"), json };
}

let w: Awaited<ReturnType<typeof world>>;
async function world() {
  const a = await tokenOrg();
  const b = await tokenOrg();
  const group = await streamWithRenditions(a.org.id, 2);
  const secret = (await rotateOmeSecret(a.actor)).secret;
  return { a, b, group, secret };
}
beforeEach(async () => {
  w = await world();
});
const play = (name: string, query = "") => `ws://127.0.0.1:3333/app/${name}${query}`;

describe("OME signature", () => {
  it("refuses unsigned, wrongly signed and other-organisation-signed requests; a rotated secret stops at once", async () => {
    const body = omeBody("outgoing", "opening", play(w.group.names[0]));
    expect(await hook(w.a.org.id, body, null)).toMatchObject({ status: 401, reason: "bad_signature" });
    expect(await hook(w.a.org.id, body, sign("1234", body))).toMatchObject({ status: 401, reason: "bad_signature" });
    // Organisation b has no secret yet.
    expect(await hook(w.b.org.id, body, sign(w.secret, body))).toMatchObject({ status: 401, reason: "no_secret" });
    const theirs = (await rotateOmeSecret(w.b.actor)).secret;
    expect(await hook(w.a.org.id, body, sign(theirs, body))).toMatchObject({ status: 401, reason: "bad_signature" });
    // Signed over another body (a tampered URL) does not verify.
    expect(await hook(w.a.org.id, omeBody("outgoing", "opening", play(w.group.names[1])), sign(w.secret, body))).toMatchObject({ status: 401 });
    const rotated = await rotateOmeSecret(w.a.actor);
    expect(rotated.replaced).toBe(true);
    expect(await hook(w.a.org.id, body, sign(w.secret, body))).toMatchObject({ status: 401, reason: "bad_signature" });
    expect((await hook(w.a.org.id, body, sign(rotated.secret, body))).status).toBe(200);
  });

  it("the rotate route needs mediaServer:manage: an admin's master key gets the secret once, a user's session does not", async () => {
    const { key } = await rotateMasterKey(w.a.actor);
    const res = await rotateRoute(new NextRequest("https://playgate.test/api/v1/organisation/ome-secret/rotate", { method: "POST", headers: { "x-api-key": key } }), { params: Promise.resolve({}) });
    expect(res.status).toBe(200);
    const { secret, replaced } = await res.json();
    expect(secret).toMatch(/^pg_ome_[A-Za-z0-9_-]{43}$/);
    expect(replaced).toBe(true);
    const row = await db.organisation.findUniqueOrThrow({ where: { id: w.a.org.id } });
    expect(JSON.stringify(row)).not.toContain(secret.slice(7));
    const audit = await db.auditEvent.findMany({ where: { orgId: w.a.org.id, action: { startsWith: "mediaServer." } }, select: { action: true } });
    expect(audit.map((a) => a.action).sort()).toEqual(["mediaServer.ome_secret_created", "mediaServer.ome_secret_rotated"]);
    const user = await createUser(w.a.org.id, "user");
    const { token } = await createApiSession(user.id);
    const denied = await rotateRoute(new NextRequest("https://playgate.test/api/v1/organisation/ome-secret/rotate", { method: "POST", headers: { authorization: `Bearer ${token}` } }), { params: Promise.resolve({}) });
    expect(denied.status).toBe(403);
  });
});

describe("OME playback (outgoing)", () => {
  it("allows a token or short reference with lifetime until exp, refuses no token, a revoked token and a wrong ip", async () => {
    await saveWebhookSettings(systemActor(w.a.org.id, "test"), { url: "https://93.184.215.14/hook", events: ["play", "play_done"], enabled: true });
    const t = await make(w.a.actor, { target: "group", groupid: w.group.stream.id, ip: "203.0.113.7" });
    const ok = omeBody("outgoing", "opening", play(w.group.names[0], `?token=${t.ref}`), { real_ip: "203.0.113.7" });
    const answer = await hook(w.a.org.id, ok, sign(w.secret, ok));
    expect(answer).toMatchObject({ status: 200, reason: "allowed", json: { allowed: true } });
    const lifetime = Number(answer.json?.lifetime);
    expect(lifetime).toBeGreaterThan(6.9 * 86_400_000);
    expect(lifetime).toBeLessThanOrEqual(7 * 86_400_000);
    const wrongIp = omeBody("outgoing", "opening", play(w.group.names[0], `?token=${t.token}`), { real_ip: "198.51.100.1" });
    expect(await hook(w.a.org.id, wrongIp, sign(w.secret, wrongIp))).toMatchObject({ status: 200, reason: "ip_not_allowed", json: { allowed: false } });
    const none = omeBody("outgoing", "opening", play(w.group.names[0]));
    expect(await hook(w.a.org.id, none, sign(w.secret, none))).toMatchObject({ json: { allowed: false }, reason: "token_required" });
    const closing = omeBody("outgoing", "closing", play(w.group.names[0], `?token=${t.ref}`));
    expect(await hook(w.a.org.id, closing, sign(w.secret, closing))).toMatchObject({ status: 200, json: {} });
    await revokePlaybackToken(w.a.actor, t.id);
    expect(await hook(w.a.org.id, ok, sign(w.secret, ok))).toMatchObject({ reason: "revoked", json: { allowed: false } });
    const events = await db.webhookDelivery.findMany({ where: { orgId: w.a.org.id }, orderBy: { createdAt: "asc" }, select: { eventType: true } });
    expect(events.map((e) => e.eventType)).toEqual(["play", "play_done"]);
  });

  it("a stream whose token switch is off plays without a token and without a lifetime", async () => {
    await db.stream.update({ where: { id: w.group.stream.id }, data: { requiresToken: false } });
    const body = omeBody("outgoing", "opening", `http://127.0.0.1:3333/app/${w.group.names[1]}/llhls.m3u8`);
    expect(await hook(w.a.org.id, body, sign(w.secret, body))).toMatchObject({ json: { allowed: true, lifetime: 0 }, reason: "token_not_required" });
  });
});

describe("OME publishing (incoming)", () => {
  it("admits only the rendition's key; opening moves live, closing with the key idle", async () => {
    const [hd, sd] = w.group.names;
    const hdKey = await rotateIngestKey(w.a.actor, w.group.stream.id, hd);
    const sdKey = await rotateIngestKey(w.a.actor, w.group.stream.id, sd);
    const url = (key?: string) => `rtmp://127.0.0.1:1935/app/${hd}${key ? `?key=${key}` : ""}`;
    for (const [key, reason] of [[undefined, "ingest_key_required"], [sdKey.ingestKey, "wrong_ingest_key"]] as const) {
      const body = omeBody("incoming", "opening", url(key));
      expect(await hook(w.a.org.id, body, sign(w.secret, body))).toMatchObject({ json: { allowed: false }, reason });
    }
    const open = omeBody("incoming", "opening", url(hdKey.ingestKey));
    expect(await hook(w.a.org.id, open, sign(w.secret, open))).toMatchObject({ json: { allowed: true, lifetime: 0 } });
    expect((await getStream(w.a.org.id, w.group.stream.id)).state).toBe("live");
    const keyless = omeBody("incoming", "closing", url());
    expect(await hook(w.a.org.id, keyless, sign(w.secret, keyless))).toMatchObject({ status: 200, json: {} });
    expect((await getStream(w.a.org.id, w.group.stream.id)).state).toBe("live");
    const close = omeBody("incoming", "closing", url(hdKey.ingestKey));
    expect(await hook(w.a.org.id, close, sign(w.secret, close))).toMatchObject({ status: 200, json: {} });
    expect((await getStream(w.a.org.id, w.group.stream.id)).state).toBe("idle");
  });

  it("answers 400 to a signed body that is not an admission request, 415 to a form", async () => {
    const bad = JSON.stringify({ request: { direction: "sideways", status: "opening", url: "x" } });
    expect(await hook(w.a.org.id, bad, sign(w.secret, bad))).toMatchObject({ status: 400, reason: "malformed_body" });
    expect((await hook(w.a.org.id, "a=b", sign(w.secret, "a=b"), "application/x-www-form-urlencoded")).status).toBe(415);
  });
});
