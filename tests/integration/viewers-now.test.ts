// "Viewers now" (issue 17 §2), one definition: hook plays without their play_done, plus distinct
// (token, viewer address) pairs the HTTP edge check allowed in the last 30 s. The check writes a
// sighting off the request, at most every 10 s per pair and instance.
import { beforeEach, describe, expect, it } from "vitest";
import { setupTestDatabase } from "@/tests/support/db";
import { inDays, streamWithRenditions, tokenOrg } from "@/tests/support/tokens";
import { startEdgeServer } from "@/tests/support/edge-server";
import { createPlaybackToken, revokePlaybackToken } from "@/lib/data/playback-tokens";
import { rotateIngestKey } from "@/lib/data/streams";
import { noteHttpViewer, resetViewerMemoForTests, viewersNow, VIEWER_WINDOW_MS, VIEWER_WRITE_EVERY_MS } from "@/lib/data/viewers";
import type { Actor } from "@/lib/auth/actor";
import { tokenFormSchema } from "@/lib/validation/tokens";

setupTestDatabase();
const edge = startEdgeServer();

const make = (actor: Actor, v: Record<string, unknown>) => createPlaybackToken(actor, tokenFormSchema.parse({ expiresAt: inDays(7).toISOString(), ...v }), "api");

/** An nginx auth_request check over HTTP for a viewer at `ip` (nginx on loopback, a trusted proxy, says X-Real-IP). */
async function check(name: string, ip: string, token?: string) {
  const res = await edge.call("/api/v1/playback/check", {
    headers: { "x-original-uri": `/hls/${name}/index.m3u8${token ? `?token=${token}` : ""}`, "x-real-ip": ip },
  });
  await res.arrayBuffer();
  return res.status;
}

async function srs(orgId: string, action: string, stream: string, param = "") {
  const body = JSON.stringify({ action, client_id: "c1", ip: "127.0.0.1", vhost: "__defaultVhost__", app: "live", stream, param, tcUrl: "rtmp://127.0.0.1/live", pageUrl: "" });
  const res = await edge.call(`/api/v1/organisations/${orgId}/hooks/srs`, { method: "POST", headers: { "content-type": "application/json" }, body });
  await res.arrayBuffer();
  return res.status;
}

/** The count, once the check's background writes have landed (or the deadline passed). */
async function settle(orgId: string, streamId: string, want: number) {
  const start = Date.now();
  let now = await viewersNow(orgId, streamId);
  while (now.total !== want && Date.now() - start < 3_000) {
    await new Promise((r) => setTimeout(r, 25));
    now = await viewersNow(orgId, streamId);
  }
  return now;
}

let w: { a: Awaited<ReturnType<typeof tokenOrg>>; b: Awaited<ReturnType<typeof tokenOrg>>; group: Awaited<ReturnType<typeof streamWithRenditions>> };
beforeEach(async () => {
  resetViewerMemoForTests();
  const a = await tokenOrg();
  w = { a, b: await tokenOrg(), group: await streamWithRenditions(a.org.id, 2) };
});

describe("viewers now", () => {
  it("HTTP: each distinct (token, address) pair an allowed check saw counts once; refused checks count nothing", async () => {
    const [hd, sd] = w.group.names;
    const t = await make(w.a.actor, { target: "group", groupid: w.group.stream.id });
    const u = await make(w.a.actor, { target: "group", groupid: w.group.stream.id });
    const gone = await make(w.a.actor, { target: "group", groupid: w.group.stream.id });
    await revokePlaybackToken(w.a.actor, gone.id);
    for (let i = 0; i < 5; i++) expect(await check(hd, "198.51.100.1", t.ref)).toBe(204); // one viewer's playlist and segments
    expect(await check(sd, "198.51.100.1", t.token)).toBe(204); // the same viewer on another rendition
    expect(await check(hd, "198.51.100.2", t.ref)).toBe(204); // the token shared with another address
    expect(await check(hd, "198.51.100.3", u.ref)).toBe(204);
    expect(await check(hd, "198.51.100.4", gone.ref)).toBe(403);
    expect(await check(hd, "198.51.100.5")).toBe(401);
    expect(await settle(w.a.org.id, w.group.stream.id, 3)).toEqual({ total: 3, hookPlays: 0, httpViewers: 3 });
    // Another organisation asking about this stream sees nothing.
    expect((await viewersNow(w.b.org.id, w.group.stream.id)).total).toBe(0);
  });

  it("HTTP: a pair counts for 30 s after it was last seen; one instance rewrites it at most every 10 s", async () => {
    const [hd] = w.group.names;
    const t0 = Date.now();
    await noteHttpViewer(hd, "jti-1", "203.0.113.9", t0);
    expect(noteHttpViewer(hd, "jti-1", "203.0.113.9", t0 + VIEWER_WRITE_EVERY_MS - 1)).toBeNull();
    expect((await viewersNow(w.a.org.id, w.group.stream.id, t0 + VIEWER_WINDOW_MS - 1000)).httpViewers).toBe(1);
    expect((await viewersNow(w.a.org.id, w.group.stream.id, t0 + VIEWER_WINDOW_MS + 1000)).httpViewers).toBe(0);
    await noteHttpViewer(hd, "jti-1", "203.0.113.9", t0 + VIEWER_WRITE_EVERY_MS);
    expect((await viewersNow(w.a.org.id, w.group.stream.id, t0 + VIEWER_WINDOW_MS + 1000)).httpViewers).toBe(1);
    // A name no stream has writes nothing.
    await noteHttpViewer("no-such-stream", "jti-1", "203.0.113.9", t0);
  });

  it("hooks: plays without their play_done count, never below zero, and the stream going idle ends them all", async () => {
    const [hd] = w.group.names;
    const key = await rotateIngestKey(w.a.actor, w.group.stream.id, hd);
    const t = await make(w.a.actor, { target: "group", groupid: w.group.stream.id });
    expect(await srs(w.a.org.id, "on_publish", hd, `?key=${key.ingestKey}`)).toBe(200);
    for (let i = 0; i < 3; i++) expect(await srs(w.a.org.id, "on_play", hd, `?token=${t.ref}`)).toBe(200);
    expect(await srs(w.a.org.id, "on_play", hd)).toBe(401); // refused: not a viewer
    expect(await srs(w.a.org.id, "on_stop", hd)).toBe(200);
    expect(await viewersNow(w.a.org.id, w.group.stream.id)).toEqual({ total: 2, hookPlays: 2, httpViewers: 0 });
    // Another organisation's hook cannot end our plays.
    expect(await srs(w.b.org.id, "on_stop", hd)).toBe(200);
    expect((await viewersNow(w.a.org.id, w.group.stream.id)).hookPlays).toBe(2);
    // Both halves add up.
    expect(await check(hd, "198.51.100.7", t.ref)).toBe(204);
    expect(await settle(w.a.org.id, w.group.stream.id, 3)).toEqual({ total: 3, hookPlays: 2, httpViewers: 1 });
    expect(await srs(w.a.org.id, "on_unpublish", hd, `?key=${key.ingestKey}`)).toBe(200);
    expect((await viewersNow(w.a.org.id, w.group.stream.id)).hookPlays).toBe(0);
    for (let i = 0; i < 2; i++) expect(await srs(w.a.org.id, "on_stop", hd)).toBe(200); // late play_done after idle
    expect((await viewersNow(w.a.org.id, w.group.stream.id)).hookPlays).toBe(0);
  });
});
