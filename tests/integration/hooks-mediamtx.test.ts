// MediaMTX's authMethod: http (internal/auth in bluenviron/mediamtx; docs "Authentication",
// "External HTTP server"): a JSON POST {user, password, token, ip, action, path, protocol, id,
// query}; a status beginning with 20 allows; RTSP clients send their credentials only after a 401.
import { beforeEach, describe, expect, it } from "vitest";
import { setupTestDatabase } from "@/tests/support/db";
import { inDays, streamWithRenditions, tokenOrg } from "@/tests/support/tokens";
import { startEdgeServer } from "@/tests/support/edge-server";
import { db } from "@/lib/db";
import { createPlaybackToken, revokePlaybackToken } from "@/lib/data/playback-tokens";
import { getStream, rotateIngestKey } from "@/lib/data/streams";
import type { Actor } from "@/lib/auth/actor";
import { tokenFormSchema } from "@/lib/validation/tokens";

setupTestDatabase();
const edge = startEdgeServer();

const make = (actor: Actor, v: Record<string, unknown>) => createPlaybackToken(actor, tokenFormSchema.parse({ expiresAt: inDays(7).toISOString(), ...v }), "api");

type Fields = Partial<Record<"user" | "password" | "token" | "ip" | "action" | "path" | "protocol" | "id" | "query", string>>;
/** MediaMTX's request, every field present as MediaMTX sends it (empty strings when unknown). */
const mtxBody = (f: Fields) => JSON.stringify({ user: "", password: "", token: "", ip: "127.0.0.1", action: "read", path: "", protocol: "hls", id: "", query: "", ...f });

async function hook(orgId: string, body: string, type = "application/json") {
  const res = await edge.call(`/api/v1/organisations/${orgId}/hooks/mediamtx`, { method: "POST", headers: { "content-type": type }, body });
  return { status: res.status, reason: res.headers.get("x-playgate-reason"), allowed: res.status >= 200 && res.status < 300 };
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

describe("MediaMTX read", () => {
  it("takes the token from Bearer (token), the URL's token query or the password; refuses it once revoked", async () => {
    const t = await make(w.a.actor, { target: "group", groupid: w.group.stream.id });
    const path = w.group.names[0];
    expect(await hook(w.a.org.id, mtxBody({ path, token: t.token, protocol: "hls" }))).toMatchObject({ status: 204, allowed: true, reason: "allowed" });
    expect(await hook(w.a.org.id, mtxBody({ path, query: `token=${t.ref}`, protocol: "rtmp" }))).toMatchObject({ allowed: true });
    expect(await hook(w.a.org.id, mtxBody({ path: `live/${w.group.names[1]}`, user: "viewer", password: t.ref, protocol: "rtsp" }))).toMatchObject({ allowed: true });
    await revokePlaybackToken(w.a.actor, t.id);
    expect(await hook(w.a.org.id, mtxBody({ path, token: t.token }))).toMatchObject({ status: 403, allowed: false, reason: "revoked" });
  });

  it("answers 401 without credentials (RTSP clients then send theirs), 403 for another organisation's token or a wrong ip", async () => {
    expect(await hook(w.a.org.id, mtxBody({ path: w.group.names[0], protocol: "rtsp" }))).toMatchObject({ status: 401, reason: "token_required" });
    const theirs = await make(w.b.actor, { target: "group", groupid: w.foreign.stream.id });
    expect(await hook(w.a.org.id, mtxBody({ path: w.foreign.names[0], token: theirs.token }))).toMatchObject({ status: 403, allowed: false });
    const locked = await make(w.a.actor, { target: "group", groupid: w.group.stream.id, ip: "203.0.113.7" });
    expect(await hook(w.a.org.id, mtxBody({ path: w.group.names[0], token: locked.ref, ip: "203.0.113.7" }))).toMatchObject({ allowed: true });
    expect(await hook(w.a.org.id, mtxBody({ path: w.group.names[0], token: locked.ref, ip: "198.51.100.1" }))).toMatchObject({ status: 403, reason: "ip_not_allowed" });
  });

  it("lets anyone read a stream whose token switch is off", async () => {
    await db.stream.update({ where: { id: w.group.stream.id }, data: { requiresToken: false } });
    expect(await hook(w.a.org.id, mtxBody({ path: w.group.names[0] }))).toMatchObject({ allowed: true, reason: "token_not_required" });
  });
});

describe("MediaMTX publish and other actions", () => {
  it("publishes only with the rendition's own key (query or password) and moves no stream state", async () => {
    const [hd, sd] = w.group.names;
    expect(await hook(w.a.org.id, mtxBody({ action: "publish", path: hd, query: "key=pgi_00000000000000000000000000000000", protocol: "rtmp" }))).toMatchObject({ status: 403, reason: "no_ingest_key" });
    const hdKey = await rotateIngestKey(w.a.actor, w.group.stream.id, hd);
    const sdKey = await rotateIngestKey(w.a.actor, w.group.stream.id, sd);
    expect(await hook(w.a.org.id, mtxBody({ action: "publish", path: hd, protocol: "rtsp" }))).toMatchObject({ status: 401, reason: "ingest_key_required" });
    expect(await hook(w.a.org.id, mtxBody({ action: "publish", path: hd, query: `key=${sdKey.ingestKey}` }))).toMatchObject({ status: 403, reason: "wrong_ingest_key" });
    expect(await hook(w.b.org.id, mtxBody({ action: "publish", path: hd, query: `key=${hdKey.ingestKey}` }))).toMatchObject({ status: 403, reason: "unknown_stream" });
    expect(await hook(w.a.org.id, mtxBody({ action: "publish", path: hd, query: `key=${hdKey.ingestKey}`, protocol: "rtmp" }))).toMatchObject({ status: 204 });
    expect(await hook(w.a.org.id, mtxBody({ action: "publish", path: hd, user: "encoder", password: hdKey.ingestKey, protocol: "srt" }))).toMatchObject({ status: 204 });
    expect((await getStream(w.a.org.id, w.group.stream.id)).state).toBe("idle");
  });

  it("refuses playback, api, metrics and pprof, a missing action, a form body and a huge body", async () => {
    const t = await make(w.a.actor, { target: "group", groupid: w.group.stream.id });
    for (const action of ["playback", "api", "metrics", "pprof"]) {
      expect(await hook(w.a.org.id, mtxBody({ action, path: w.group.names[0], token: t.token }))).toMatchObject({ status: 403, reason: "action_not_allowed" });
    }
    expect(await hook(w.a.org.id, JSON.stringify({ path: w.group.names[0] }))).toMatchObject({ status: 400, reason: "unknown_action" });
    expect((await hook(w.a.org.id, "action=read", "application/x-www-form-urlencoded")).status).toBe(415);
    expect((await hook(w.a.org.id, mtxBody({ query: "a".repeat(20_000) }))).status).toBe(413);
  });
});
