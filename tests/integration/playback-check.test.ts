// The forward-auth check as edges call it (issue 17 §1; SECURITY.md rows 10 and 28): the token,
// original URI, stream, viewer IP and origin each read from where nginx, Traefik, Caddy and Envoy
// put them; 204/401/403 with the reason and a cache lifetime in headers; degraded answers from what
// the instance last read while the database is down, and `unavailable` after the setting.
import { afterEach, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { setupTestDatabase } from "@/tests/support/db";
import { stopDatabase } from "@/tests/support/outage";
import { APP_URL, inDays, streamWithRenditions, tokenOrg } from "@/tests/support/tokens";
import { FEED_FRESH_MS } from "@/lib/data/registry-view";
import { checkRoute } from "@/lib/edge/routes";
import { startEdgeServer } from "@/tests/support/edge-server";
import { createPlaybackToken, revokePlaybackToken } from "@/lib/data/playback-tokens";
import { setStreamRequiresToken } from "@/lib/data/streams";
import { resetDegradedForTests } from "@/lib/data/playback-check";
import { EDGE_PEER_HEADER, edgePeerHeaderValue, PEER_NONCE_ENV } from "@/lib/auth/request-info";
import { resetConfigForTests } from "@/lib/config";
import type { Actor } from "@/lib/auth/actor";
import { tokenFormSchema } from "@/lib/validation/tokens";

setupTestDatabase();
const edge = startEdgeServer();
process.env[PEER_NONCE_ENV] ??= "test-peer-nonce";

type Method = "GET" | "HEAD" | "POST" | "OPTIONS";

/** Over HTTP, through the door server.ts answers the check with (tests/support/edge-server.ts). */
async function check(headers: Record<string, string>, opts: { path?: string[]; method?: Method; query?: string } = {}) {
  const method = opts.method ?? "GET";
  const res = await edge.call(`/api/v1/playback/check${opts.path ? "/" + opts.path.map(encodeURIComponent).join("/") : ""}${opts.query ?? ""}`, { method, headers });
  return { status: res.status, reason: res.headers.get("x-playgate-reason"), headers: res.headers, text: await res.text() };
}

/**
 * The route called in-process with a stamp as server.ts would write it for a connection from any
 * address: over loopback a test can only connect from 127.0.0.0/8, and SECURITY.md row 10 needs
 * proxies and viewers elsewhere. (That server.ts writes this stamp from the socket, and drops a
 * client's own, is tests/integration/server-http.test.ts's.)
 */
async function checkAsStamped(headers: Record<string, string>) {
  const req = new NextRequest(`${APP_URL()}/api/v1/playback/check`, { method: "GET", headers });
  const res = await checkRoute.GET(req, { params: Promise.resolve({}) });
  return { status: res.status, reason: res.headers.get("x-playgate-reason"), headers: res.headers, text: await res.text() };
}

/** What server.ts stamps for a connection from `socket` carrying those forwarding headers. */
const from = (socket: string, realIp?: string, forwardedFor?: string) => ({ [EDGE_PEER_HEADER]: edgePeerHeaderValue(socket, realIp, forwardedFor) });

const make = (actor: Actor, v: Record<string, unknown>) => createPlaybackToken(actor, tokenFormSchema.parse({ expiresAt: inDays(7).toISOString(), ...v }), "api");

async function world() {
  const a = await tokenOrg();
  const b = await tokenOrg();
  const group = await streamWithRenditions(a.org.id, 2);
  const other = await streamWithRenditions(a.org.id, 1);
  const foreign = await streamWithRenditions(b.org.id, 1);
  const hls = (name: string, query = "") => `/hls/${name}/index.m3u8${query}`;
  return { a, b, group, other, foreign, hls };
}

const envBefore = { ...process.env };
afterEach(() => {
  for (const key of Object.keys(process.env)) if (key.startsWith("PLAYGATE_EDGE_") && !(key in envBefore)) delete process.env[key];
  resetConfigForTests();
  resetDegradedForTests();
});

describe("the forward-auth check", () => {
  it("allows a genuine token sent as Bearer with nginx's X-Original-URI: 204, jti, expiry and a 5 s cache lifetime", async () => {
    const w = await world();
    const t = await make(w.a.actor, { target: "group", groupid: w.group.stream.id });
    const res = await check({ authorization: `Bearer ${t.token}`, "x-original-uri": w.hls(w.group.names[1]) });
    expect(res.status).toBe(204);
    expect(res.headers.get("x-playgate-jti")).toBe(t.jti);
    expect(res.headers.get("x-playgate-expires")).toBe(t.expiresAt.toISOString());
    expect(res.headers.get("cache-control")).toBe("max-age=5");
    expect(res.headers.get("x-accel-expires")).toBe("5");
    expect(res.headers.get("x-playgate-degraded")).toBeNull();
    expect(res.text).toBe("");
  });

  it("reads the token from X-Playgate-Token, the original URI's token parameter and the token cookie", async () => {
    const w = await world();
    const t = await make(w.a.actor, { target: "org" });
    const uri = w.hls(w.group.names[0]);
    expect((await check({ "x-playgate-token": t.token, "x-original-uri": uri })).status).toBe(204);
    expect((await check({ "x-original-uri": w.hls(w.group.names[0], `?token=${encodeURIComponent(t.token)}`) })).status).toBe(204);
    expect((await check({ cookie: `other=1; playgate_token=${t.token}`, "x-original-uri": uri })).status).toBe(204);
    process.env.PLAYGATE_EDGE_TOKEN_COOKIE = "pt";
    resetConfigForTests();
    expect((await check({ cookie: `playgate_token=${t.token}`, "x-original-uri": uri })).reason).toBe("token_required");
    expect((await check({ cookie: `pt=${t.token}`, "x-original-uri": uri })).status).toBe(204);
  });

  it("reads the original URI as Traefik and Caddy send it (X-Forwarded-Uri) and as Envoy does (the path after the check's)", async () => {
    const w = await world();
    const t = await make(w.a.actor, { target: "streams", streams: [w.group.names[0]] });
    expect((await check({ "x-forwarded-uri": w.hls(w.group.names[0], `?token=${t.token}`) })).status).toBe(204);
    expect((await check({ "x-forwarded-uri": w.hls(w.group.names[1], `?token=${t.token}`) })).reason).toBe("stream_not_allowed");
    const envoy = await check({ authorization: `Bearer ${t.token}` }, { path: ["hls", w.group.names[0], "index.m3u8"] });
    expect(envoy.status).toBe(204);
    const envoyQuery = await check({}, { path: ["hls", w.group.names[0], "seg-1.ts"], query: `?token=${t.token}` });
    expect(envoyQuery.status).toBe(204);
    expect((await check({ authorization: `Bearer ${t.token}` }, { path: ["hls", w.other.names[0], "index.m3u8"] })).reason).toBe("stream_not_allowed");
  });

  it("finds the stream by the pattern setting or the X-Playgate-Stream header", async () => {
    const w = await world();
    const t = await make(w.a.actor, { target: "streams", streams: [w.group.names[0]] });
    const bearer = { authorization: `Bearer ${t.token}` };
    expect((await check({ ...bearer, "x-original-uri": `/live/${w.group.names[0]}.m3u8` })).status).toBe(204);
    expect((await check({ ...bearer, "x-original-uri": "/anything", "x-playgate-stream": w.group.names[0] })).status).toBe(204);
    process.env.PLAYGATE_EDGE_STREAM_PATTERN = "^/media/v1/([a-z0-9-]+)/";
    resetConfigForTests();
    expect((await check({ ...bearer, "x-original-uri": `/media/v1/${w.group.names[0]}/chunk.m4s` })).status).toBe(204);
    const none = await check({ ...bearer, "x-original-uri": "/hls/" });
    expect(none.status).toBe(403);
    expect(none.reason).toBe("unknown_stream");
  });

  it("answers 401 without a token and 403 with the reason for every refusal, with nothing to parse", async () => {
    const w = await world();
    const t = await make(w.a.actor, { target: "group", groupid: w.group.stream.id });
    const revoked = await make(w.a.actor, { target: "org" });
    await revokePlaybackToken(w.a.actor, revoked.id);
    const none = await check({ "x-original-uri": w.hls(w.group.names[0]) });
    expect(none.status).toBe(401);
    expect(none.reason).toBe("token_required");
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer/);
    const cases: [string, string, string][] = [
      [t.token, w.other.names[0], "stream_not_allowed"],
      [t.token, w.foreign.names[0], "stream_not_allowed"],
      [revoked.token, w.group.names[0], "revoked"],
      // One signature character changed mid-way: still canonical base64url (its last character
      // carries padding bits, and changing those made it "malformed" one time in four).
      [t.token.slice(0, -10) + (t.token.at(-10) === "A" ? "B" : "A") + t.token.slice(-9), w.group.names[0], "bad_signature"],
      ["not-a-token", w.group.names[0], "malformed"],
      [t.token, "no-such-stream", "unknown_stream"],
    ];
    for (const [token, stream, reason] of cases) {
      const res = await check({ authorization: `Bearer ${token}`, "x-original-uri": w.hls(stream) });
      expect({ stream, status: res.status, reason: res.reason }).toEqual({ stream, status: 403, reason: expect.stringMatching(reason) });
    }
  });

  it("a stream whose switch is off, or of an organisation without Secure Playback, plays without a token; a sent token is still checked", async () => {
    const w = await world();
    const free = await tokenOrg({ securePlayback: false });
    const freeStream = await streamWithRenditions(free.org.id, 1);
    const open = await check({ "x-original-uri": w.hls(freeStream.names[0]) });
    expect(open.status).toBe(204);
    expect(open.reason).toBe("token_not_required");

    expect((await check({ "x-original-uri": w.hls(w.group.names[0]) })).status).toBe(401);
    await setStreamRequiresToken(w.a.actor, w.group.stream.id, false);
    expect((await check({ "x-original-uri": w.hls(w.group.names[0]) })).status).toBe(204);
    expect((await check({ authorization: "Bearer not-a-token", "x-original-uri": w.hls(w.group.names[0]) })).reason).toBe("malformed");
    await setStreamRequiresToken(w.a.actor, w.group.stream.id, true);
    expect((await check({ "x-original-uri": w.hls(w.group.names[0]) })).status).toBe(401);
  });

  it("10: believes X-Real-IP / X-Forwarded-For only from a trusted proxy, else judges the socket's address", async () => {
    const w = await world();
    const t = await make(w.a.actor, { target: "org", ip: "203.0.113.0/24" });
    const req = { authorization: `Bearer ${t.token}`, "x-original-uri": w.hls(w.group.names[0]) };
    expect((await checkAsStamped({ ...req, ...from("127.0.0.1", "203.0.113.7") })).status).toBe(204);
    expect((await checkAsStamped({ ...req, ...from("127.0.0.1", undefined, "203.0.113.9, 127.0.0.1") })).status).toBe(204);
    // A viewer connecting directly cannot claim an address.
    expect((await checkAsStamped({ ...req, ...from("198.51.100.4", "203.0.113.7") })).reason).toBe("ip_not_allowed");
    expect((await checkAsStamped({ ...req, ...from("203.0.113.50") })).status).toBe(204);
    // Without server.ts's stamp nothing is believed: a client's own header is not an address.
    expect((await checkAsStamped({ ...req, "x-real-ip": "203.0.113.7" })).reason).toBe("ip_required");
    // The nearest untrusted hop counts, not the client-written first entry.
    expect((await checkAsStamped({ ...req, ...from("127.0.0.1", undefined, "203.0.113.9, 198.51.100.4") })).reason).toBe("ip_not_allowed");
    process.env.PLAYGATE_EDGE_TRUSTED_PROXIES = "10.0.0.0/8";
    resetConfigForTests();
    expect((await checkAsStamped({ ...req, ...from("127.0.0.1", "203.0.113.7") })).reason).toBe("ip_not_allowed");
    expect((await checkAsStamped({ ...req, ...from("10.1.2.3", "203.0.113.7") })).status).toBe(204);
  });

  it("10: judges the domain by Origin, else by the Referer's origin, and a quote in a header smuggles nothing", async () => {
    const w = await world();
    const t = await make(w.a.actor, { target: "org", domain: "*.example.com" });
    const req = { authorization: `Bearer ${t.token}`, "x-original-uri": w.hls(w.group.names[0]) };
    expect((await check({ ...req, origin: "https://player.example.com" })).status).toBe(204);
    expect((await check({ ...req, referer: "https://player.example.com/watch?id=1" })).status).toBe(204);
    expect((await check(req)).reason).toBe("domain_required");
    expect((await check({ ...req, referer: "https://evil.test/player.example.com" })).reason).toBe("domain_not_allowed");
    expect((await check({ ...req, origin: 'https://evil.test", "origin": "https://player.example.com' })).reason).toBe("domain_not_allowed");
    const ipToken = await make(w.a.actor, { target: "org", ip: "203.0.113.7" });
    const smuggled = await check({ authorization: `Bearer ${ipToken.token}`, "x-original-uri": w.hls(w.group.names[0]), origin: 'x", "ip": "203.0.113.7' });
    // Judged by the address server.ts stamped (this test's own, 127.0.0.1), never the smuggled one.
    expect(smuggled.reason).toBe("ip_not_allowed");
  });

  it("accepts the short reference in place of the token, and refuses it once the token is revoked", async () => {
    const w = await world();
    const t = await make(w.a.actor, { target: "org" });
    expect(t.ref).toMatch(/^pgr_[0-9a-f]{32}$/);
    expect(t.ref.length).toBeLessThanOrEqual(40);
    const uri = w.hls(w.group.names[0], `?token=${t.ref}`);
    const ok = await check({ "x-original-uri": uri });
    expect(ok.status).toBe(204);
    expect(ok.headers.get("x-playgate-jti")).toBe(t.jti);
    await revokePlaybackToken(w.a.actor, t.id);
    expect((await check({ "x-original-uri": uri })).reason).toBe("revoked");
    expect((await check({ "x-original-uri": w.hls(w.group.names[0], "?token=pgr_" + "0".repeat(32)) })).reason).toBe("revoked");
  });

  it("never lets an edge cache an answer past the token's exp", async () => {
    const w = await world();
    const t = await make(w.a.actor, { target: "org", expiresAt: new Date(Date.now() + 3_000).toISOString() });
    const res = await check({ authorization: `Bearer ${t.token}`, "x-original-uri": w.hls(w.group.names[0]) });
    expect(res.status).toBe(204);
    expect(Number(res.headers.get("x-accel-expires"))).toBeLessThanOrEqual(3);
    process.env.PLAYGATE_EDGE_CACHE_SECONDS = "0";
    resetConfigForTests();
    const uncached = await check({ authorization: `Bearer ${t.token}`, "x-original-uri": w.hls(w.group.names[0]) });
    expect(uncached.headers.get("cache-control")).toBe("no-store");
    expect(uncached.headers.get("x-accel-expires")).toBe("0");
  });

  it("answers HEAD, POST and OPTIONS as GET, and lets a CORS preflight through without a token", async () => {
    const w = await world();
    const t = await make(w.a.actor, { target: "org" });
    const req = { authorization: `Bearer ${t.token}`, "x-original-uri": w.hls(w.group.names[0]) };
    for (const method of ["HEAD", "POST", "OPTIONS"] as const) {
      expect((await check(req, { method })).status, method).toBe(204);
      expect((await check({ "x-original-uri": w.hls(w.group.names[0]) }, { method })).status, method).toBe(401);
    }
    const preflight = await check({ "x-original-uri": w.hls(w.group.names[0]), origin: "https://player.example.com", "access-control-request-method": "GET" }, { method: "OPTIONS" });
    expect(preflight.status).toBe(204);
    expect(preflight.reason).toBe("preflight");
  });
});

describe("the check while the database is unreachable", () => {
  it("allows what it last knew was allowed (degraded), refuses what it knew was revoked, never a 5xx, and refuses all after the setting", async () => {
    const w = await world();
    const seen = await make(w.a.actor, { target: "org" });
    const revoked = await make(w.a.actor, { target: "org" });
    const unseen = await make(w.a.actor, { target: "org" });
    await revokePlaybackToken(w.a.actor, revoked.id);
    const uri = w.hls(w.group.names[0]);
    expect((await check({ authorization: `Bearer ${seen.token}`, "x-original-uri": uri })).status).toBe(204);
    expect((await check({ authorization: `Bearer ${revoked.token}`, "x-original-uri": uri })).reason).toBe("revoked");
    expect((await check({ "x-original-uri": uri, "x-playgate-stream": w.group.names[0] })).status).toBe(401);

    process.env.PLAYGATE_EDGE_DEGRADED_SECONDS = "2";
    resetConfigForTests();
    const restore = await stopDatabase();
    try {
      // The registry view answers without the database while the revocation feed was read within
      // FEED_FRESH_MS (lib/data/registry-view.ts): a check that soon after the stop is current, not
      // degraded. Past it, the check must reach the database, and finds it gone.
      await new Promise((resolve) => setTimeout(resolve, FEED_FRESH_MS + 100));
      const started = Date.now();
      const ok = await check({ authorization: `Bearer ${seen.token}`, "x-original-uri": uri });
      expect(ok.status).toBe(204);
      expect(ok.headers.get("x-playgate-degraded")).toBe("1");
      const still = await check({ authorization: `Bearer ${revoked.token}`, "x-original-uri": uri });
      expect([still.status, still.reason]).toEqual([403, "revoked"]);
      // A token this instance never saw is judged by its signature and claims (its key is known).
      const fresh = await check({ authorization: `Bearer ${unseen.token}`, "x-original-uri": uri });
      expect(fresh.status).toBe(204);
      expect(fresh.headers.get("x-playgate-degraded")).toBe("1");
      const wrong = await check({ authorization: `Bearer ${seen.token}`, "x-original-uri": w.hls("never-seen") });
      expect(wrong.status).toBe(403);
      console.log(`[playback-check] degraded answers within ${Date.now() - started} ms of the outage`);
      while (Date.now() - started < 2_100) await new Promise((r) => setTimeout(r, 100));
      const late = await check({ authorization: `Bearer ${seen.token}`, "x-original-uri": uri });
      expect([late.status, late.reason, late.headers.get("cache-control")]).toEqual([403, "unavailable", "no-store"]);
    } finally {
      await restore();
    }
    const back = await check({ authorization: `Bearer ${seen.token}`, "x-original-uri": uri });
    expect(back.status).toBe(204);
    expect(back.headers.get("x-playgate-degraded")).toBeNull();
  });
});
