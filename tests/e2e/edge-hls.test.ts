// The edge gate end to end (README, "The edge check"): ffmpeg's test picture as 1-second HLS, served
// by Debian's nginx running deploy/edge/nginx-hls.conf as shipped (its "← fill in" values filled
// in), every request checked by this server's /api/v1/playback/check, played in Chromium with hls.js
// from a page on another origin. Each case is asserted from the video element (time advancing,
// frames decoded) and from the edge's answers; the revoke-while-playing times are printed.
import http from "node:http";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DESKTOP, sharedBrowser } from "./support/browser";
import { edgeToolsMissing, startCaddy, startHls, startNginx, startPlayerPage, type HlsSource, type Edge, type PlayerPage } from "./support/edge";
import { signInCookie } from "./support/http";

const baseUrl = inject("baseUrl");
const masterKey = inject("masterKey");
const CACHE_SECONDS = 5;
const CLOCK_TOLERANCE_SEC = 30; // lib/tokens/verify.ts: clocks of issuer and verifier may differ this much // PLAYGATE_EDGE_CACHE_SECONDS, the default the e2e server runs with

const GATED = "mainstage-hd001"; // Main Stage, Demo Streaming Co (Secure Playback)
const OTHER_STREAM = "studiob-hd0001";
const OPEN = "lobbycam-000001"; // Lobby Camera: its "requires a token" switch is turned off here
const OTHER_ORG = "otherorg-ch0001";

type Json = Record<string, unknown>;
async function api(key: { apiKey?: string; session?: string }, method: string, url: string, body?: unknown): Promise<Json> {
  const res = await fetch(`${baseUrl}${url}`, {
    method,
    headers: {
      ...(key.apiKey ? { "X-API-Key": key.apiKey } : { "X-BINTU-TOKEN": key.session! }),
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Json;
}
const demo = { apiKey: masterKey };
let other: { session: string };

interface Minted {
  token: string;
  ref: string;
  id: string;
}
const mint = async (body: Json, key: { apiKey?: string; session?: string } = demo) => (await api(key, "POST", "/api/v1/secure/token", body)) as unknown as Minted;

/** One request to the edge as a viewer's player sends it, from a chosen loopback address. */
function edgeGet(url: string, opts: { bearer?: string; origin?: string; from?: string } = {}): Promise<{ status: number; reason: string; cache: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      url,
      {
        localAddress: opts.from,
        agent: false,
        headers: { ...(opts.bearer ? { Authorization: `Bearer ${opts.bearer}` } : {}), ...(opts.origin ? { Origin: opts.origin } : {}) },
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8").on("data", (d) => (body += d)).on("end", () =>
          resolve({ status: res.statusCode ?? 0, reason: String(res.headers["x-playgate-reason"] ?? ""), cache: String(res.headers["x-playgate-check-cache"] ?? ""), body }),
        );
      },
    );
    req.on("error", reject);
    req.setTimeout(10_000, () => req.destroy(new Error(`edge request timed out: ${url}`)));
  });
}

let hls: HlsSource;
let edge: Edge;
let cachedEdge: Edge;
let caddy: Edge;
let player: PlayerPage;
let openStreamId = "";
let expiring: Minted; // exp 1 s after the start: refused once past exp and the clock tolerance
const openContext = sharedBrowser();
let context: BrowserContext;

const playlist = (e: Edge, stream: string) => `${e.url}/hls/${stream}/index.m3u8`;

beforeAll(async () => {
  const missing = edgeToolsMissing();
  if (missing.length) throw new Error(`Debian's ${missing.join(", ")} must be installed (scripts/test-all.sh installs them)`);
  const playgate = new URL(baseUrl).host;
  hls = await startHls([GATED, OTHER_STREAM, OPEN, OTHER_ORG]);
  edge = await startNginx("nginx-hls.conf", { PLAYGATE: playgate, HLS_ROOT: hls.root, CACHE: 0 });
  cachedEdge = await startNginx("nginx-hls.conf", { PLAYGATE: playgate, HLS_ROOT: hls.root, CACHE: 1 });
  caddy = await startCaddy({ PLAYGATE: playgate, HLS_ROOT: hls.root });
  player = await startPlayerPage();
  const streams = (await api(demo, "GET", "/api/v1/streams?limit=100")).items as { id: string; renditions: { streamName: string }[] }[];
  openStreamId = streams.find((s) => s.renditions.some((r) => r.streamName === OPEN))!.id;
  await api(demo, "PATCH", `/api/v1/streams/${openStreamId}`, { requiresToken: false });
  const otherCookie = await signInCookie(baseUrl, "admin@other.local");
  const overview = await (await fetch(`${baseUrl}/organisation/overview`, { headers: { Cookie: otherCookie } })).text();
  other = { session: /pg_st_[A-Za-z0-9_-]{16,}/.exec(overview)![0] };
  context = await openContext(DESKTOP);
  expiring = await mint({ streams: [GATED], exp: Math.floor(Date.now() / 1000) + 1 });
}, 90_000);

afterAll(async () => {
  if (openStreamId) await api(demo, "PATCH", `/api/v1/streams/${openStreamId}`, { requiresToken: true }).catch(() => {});
  await Promise.all([edge?.stop(), cachedEdge?.stop(), caddy?.stop(), hls?.stop(), player?.stop()]);
});

async function open(src: string, token: string | null, mode: "header" | "query" | "playlist" = "header"): Promise<Page> {
  const page = await context.newPage();
  await page.goto(player.url(src, token, mode));
  return page;
}

/** Waits until the picture has advanced ≥ 2 s with ≥ 25 frames decoded; returns what it saw. */
async function expectPlays(page: Page) {
  const seen = () => page.evaluate(() => {
    const v = document.querySelector("video")!;
    const s = (window as unknown as { playerState: { firstTime: number } }).playerState;
    return { advanced: s.firstTime < 0 ? 0 : v.currentTime - s.firstTime, frames: v.getVideoPlaybackQuality().totalVideoFrames };
  });
  const deadline = Date.now() + 25_000;
  let last = await seen();
  while (Date.now() < deadline && !(last.advanced >= 2 && last.frames >= 25)) {
    await new Promise((r) => setTimeout(r, 200));
    last = await seen();
  }
  expect(last.advanced, "seconds of picture played").toBeGreaterThanOrEqual(2);
  expect(last.frames, "frames decoded").toBeGreaterThanOrEqual(25);
  return last;
}

/** Waits for hls.js's fatal error and checks the picture never started. */
async function expectRefused(page: Page, status: number) {
  await page.waitForFunction(() => (window as unknown as { playerState: { errors: { fatal: boolean }[] } }).playerState.errors.some((e) => e.fatal), undefined, { timeout: 15_000 });
  const state = await page.evaluate(() => ({
    errors: (window as unknown as { playerState: { errors: { status?: number; fatal: boolean }[] } }).playerState.errors,
    currentTime: document.querySelector("video")!.currentTime,
    frames: document.querySelector("video")!.getVideoPlaybackQuality().totalVideoFrames,
  }));
  expect(state.errors.find((e) => e.fatal)?.status).toBe(status);
  expect(state.currentTime).toBe(0);
  expect(state.frames).toBe(0);
}

const inOneHour = () => Math.floor(Date.now() / 1000) + 3600;

describe("HLS through nginx and the forward-auth check", () => {
  it("plays with a valid token as a header, as a query parameter on every request, and on the playlist URL alone", async () => {
    const { token } = await mint({ streams: [GATED], exp: inOneHour(), tag: "e2e-edge" });
    for (const mode of ["header", "query", "playlist"] as const) {
      const page = await open(playlist(edge, GATED), token, mode);
      console.log(`plays (${mode}):`, await expectPlays(page));
      await page.close();
    }
    // The playlist as served carries the token into every segment URL (nginx sub_filter).
    const served = await edgeGet(`${playlist(edge, GATED)}?token=${token}`);
    expect(served.status).toBe(200);
    const segments = served.body.split("\n").filter((l) => l.endsWith(`.ts?token=${token}`));
    expect(segments.length).toBeGreaterThanOrEqual(3);
    expect((await edgeGet(`${edge.url}/hls/${GATED}/${segments[0].split("?")[0]}`)).status).toBe(401);
  });

  it("plays with a group token, an organisation-wide token and the short reference", async () => {
    const streams = (await api(demo, "GET", "/api/v1/streams?limit=100")).items as { id: string; renditions: { streamName: string }[] }[];
    const group = streams.find((s) => s.renditions.some((r) => r.streamName === GATED))!.id;
    const byGroup = await mint({ groupid: group, exp: inOneHour() });
    const orgWide = await mint({ orgawide: true, exp: inOneHour() });
    expect(byGroup.ref).toMatch(/^pgr_[0-9a-f]{32}$/);
    for (const [label, token, mode] of [["group", byGroup.token, "header"], ["organisation-wide", orgWide.token, "header"], ["short reference", byGroup.ref, "playlist"]] as const) {
      const page = await open(playlist(edge, GATED), token, mode);
      console.log(`plays (${label}):`, await expectPlays(page));
      await page.close();
    }
  });

  it("plays with a token from nanoStream's POST /api/v1/splay (X-BINTU-APIKEY), and /splay/revoke stops it at the edge", async () => {
    const splay = async (path: string, body: Json) =>
      fetch(`${baseUrl}/api/v1/splay${path}`, { method: "POST", headers: { "X-BINTU-APIKEY": masterKey, "Content-Type": "application/json" }, body: JSON.stringify(body) });
    const made = await splay("", { streams: [GATED], exp: inOneHour(), tag: "e2e-splay", revocable: true });
    expect(made.status).toBe(200);
    const { success, data } = (await made.json()) as { success: boolean; data: { token: string } };
    expect(success).toBe(true);
    const page = await open(playlist(edge, GATED), data.token, "query");
    console.log("plays (token from /api/v1/splay):", await expectPlays(page));
    await page.close();
    expect((await splay("/revoke", { token: data.token })).status).toBe(204);
    expect(await edgeGet(playlist(edge, GATED), { bearer: data.token })).toMatchObject({ status: 403, reason: "revoked" });
  });

  it("a stream whose 'requires a token' switch is off plays without one; a bad token sent to it is still refused", async () => {
    const page = await open(playlist(edge, OPEN), null);
    console.log("plays (open stream, no token):", await expectPlays(page));
    await page.close();
    const answer = await edgeGet(playlist(edge, OPEN));
    expect(answer).toMatchObject({ status: 200, reason: "token_not_required" });
    expect((await edgeGet(playlist(edge, OPEN), { bearer: "not.a.jwt" })).status).toBe(403);
  });

  it("refuses no token, another stream's token, a bad signature, a wrong IP and a wrong domain", async () => {
    const otherStream = await mint({ streams: [OTHER_STREAM], exp: inOneHour() });
    const good = await mint({ streams: [GATED], exp: inOneHour() });
    const [head, body, sig] = good.token.split(".");
    const forged = `${head}.${body}.${sig.slice(0, -4)}${sig.slice(-4) === "AAAA" ? "BBBB" : "AAAA"}`;
    const ipLocked = await mint({ streams: [GATED], exp: inOneHour(), ip: "127.0.0.2" });
    const domainLocked = await mint({ streams: [GATED], exp: inOneHour(), domain: "*.example.com" });

    const cases: [string, string | null, number, string][] = [
      ["no token", null, 401, "token_required"],
      ["another stream's token", otherStream.token, 403, "stream_not_allowed"],
      ["a bad signature", forged, 403, "bad_signature"],
      ["a token for another IP", ipLocked.token, 403, "ip_not_allowed"],
      ["a token for another domain", domainLocked.token, 403, "domain_not_allowed"],
    ];
    for (const [label, token, status, reason] of cases) {
      expect(await edgeGet(playlist(edge, GATED), { bearer: token ?? undefined, origin: player.origin }), label).toMatchObject({ status, reason });
      const page = await open(playlist(edge, GATED), token);
      await expectRefused(page, status);
      await page.close();
    }
    // The IP-locked token plays from its own address: 127.0.0.2 is another viewer to nginx, whose
    // X-Real-IP Playgate trusts because nginx connects from a trusted proxy (127.0.0.1).
    expect(await edgeGet(playlist(edge, GATED), { bearer: ipLocked.token, from: "127.0.0.2" })).toMatchObject({ status: 200 });
    expect(await edgeGet(playlist(edge, GATED), { bearer: ipLocked.token, from: "127.0.0.3" })).toMatchObject({ status: 403, reason: "ip_not_allowed" });
  });

  it("refuses a revoked token: one by one, by tag, and every token of a revoked signing key", async () => {
    const single = await mint({ streams: [GATED], exp: inOneHour() });
    const tagged = await mint({ streams: [GATED], exp: inOneHour(), tag: "e2e-edge-bulk" });
    const keyed = await mint({ streams: [OTHER_ORG], exp: inOneHour() }, other);
    for (const t of [single, tagged]) expect((await edgeGet(playlist(edge, GATED), { bearer: t.token })).status).toBe(200);
    expect((await edgeGet(playlist(edge, OTHER_ORG), { bearer: keyed.token })).status).toBe(200);

    await api(demo, "POST", `/api/v1/secure/token/${single.id}/revoke`);
    await api(demo, "POST", "/api/v1/secure/token/revoke", { tag: "e2e-edge-bulk" });
    const kid = (JSON.parse(Buffer.from(keyed.token.split(".")[0], "base64url").toString()) as { kid: string }).kid;
    await api(other, "POST", `/api/v1/signing-keys/${kid}/revoke`);

    expect(await edgeGet(playlist(edge, GATED), { bearer: single.token })).toMatchObject({ status: 403, reason: "revoked" });
    expect(await edgeGet(playlist(edge, GATED), { bearer: single.ref })).toMatchObject({ status: 403, reason: "revoked" });
    expect(await edgeGet(playlist(edge, GATED), { bearer: tagged.token })).toMatchObject({ status: 403, reason: "revoked" });
    expect((await edgeGet(playlist(edge, OTHER_ORG), { bearer: keyed.token })).status).toBe(403);
    const page = await open(playlist(edge, GATED), single.token);
    await expectRefused(page, 403);
    await page.close();
  });

  it("counts the viewer while Chromium plays and none within 30 s after; the token shared with three more addresses is flagged", { timeout: 120_000 }, async () => {
    const shared = await mint({ streams: [GATED], tag: "shared-e2e" });
    type Usage = { usage: { viewersNow: number; ips: { value: string }[] } | null; flags: { signal: string; value: number }[] };
    const usage = async () => (await api(demo, "GET", `/api/v1/secure/token/${shared.id}`)) as unknown as Usage;
    const waitFor = async (what: string, ok: (u: Usage) => boolean, ms: number) => {
      const start = Date.now();
      for (;;) {
        const u = await usage();
        if (ok(u)) return Date.now() - start;
        if (Date.now() - start > ms) throw new Error(`${what} not within ${ms} ms: ${JSON.stringify(u)}`);
        await new Promise((r) => setTimeout(r, 250));
      }
    };
    const page = await open(playlist(edge, GATED), shared.token);
    await expectPlays(page);
    const live = await waitFor("viewers now 1", (u) => u.usage?.viewersNow === 1, 15_000);
    await page.close();
    const closedAt = Date.now();
    await waitFor("viewers now 0", (u) => u.usage?.viewersNow === 0, 45_000);
    console.log(`token usage through nginx: viewers now 1 within ${live} ms of the picture playing, 0 ${Date.now() - closedAt} ms after the player closed (bound 45 s, window 30 s)`);
    // Three more players on other addresses (nginx passes each one's address to the check).
    for (const from of ["127.0.0.2", "127.0.0.3", "127.0.0.4"]) expect((await edgeGet(playlist(edge, GATED), { bearer: shared.token, from })).status).toBe(200);
    const flagged = await waitFor("flagged many_addresses", (u) => u.flags.some((f) => f.signal === "many_addresses"), 10_000);
    const after = await usage();
    expect(after.usage!.ips.map((s) => s.value).sort()).toEqual(["127.0.0.1", "127.0.0.2", "127.0.0.3", "127.0.0.4"]);
    expect(after.flags.find((f) => f.signal === "many_addresses")!.value).toBe(4);
    console.log(`misuse: the token shared with three more addresses was flagged ${flagged} ms after their checks`);
  });

  it("the cached variant answers repeated requests from its cache; the uncached one asks every time", async () => {
    const { token } = await mint({ streams: [GATED], exp: inOneHour() });
    const first = await edgeGet(playlist(cachedEdge, GATED), { bearer: token });
    const second = await edgeGet(playlist(cachedEdge, GATED), { bearer: token });
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(first.cache).toBe("MISS");
    expect(second.cache).toBe("HIT");
    // A refusal is kept too (max-age in the answer), and the key holds the token: another token misses.
    expect((await edgeGet(playlist(cachedEdge, GATED))).cache).toBe("MISS");
    expect(await edgeGet(playlist(cachedEdge, GATED))).toMatchObject({ status: 401, cache: "HIT" });
    expect((await edgeGet(playlist(edge, GATED), { bearer: token })).cache).toBe("BYPASS");
  });

  it("the cache key holds the viewer's query token and stream: a cached allow lets no other token or stream through", async () => {
    const { token } = await mint({ streams: [GATED], exp: inOneHour() });
    const other = await mint({ streams: [GATED], exp: inOneHour() });
    await api(demo, "POST", `/api/v1/secure/token/${other.id}/revoke`, {});
    expect(await edgeGet(`${playlist(cachedEdge, GATED)}?token=${token}`)).toMatchObject({ status: 200, cache: "MISS" });
    expect(await edgeGet(`${playlist(cachedEdge, GATED)}?token=${token}`)).toMatchObject({ status: 200, cache: "HIT" });
    // Another query token, revoked: its own answer, not the cached allow.
    expect(await edgeGet(`${playlist(cachedEdge, GATED)}?token=${other.token}`)).toMatchObject({ status: 403, reason: "revoked", cache: "MISS" });
    // The same token on a stream it does not name: asked afresh and refused.
    expect(await edgeGet(`${playlist(cachedEdge, OTHER_STREAM)}?token=${token}`)).toMatchObject({ status: 403, reason: "stream_not_allowed", cache: "MISS" });
  });

  for (const cached of [false, true]) {
    const bound = { refuse: cached ? CACHE_SECONDS * 1000 + 1000 : 1000, stop: cached ? CACHE_SECONDS * 1000 + 6000 : 6000 };
    it(`a token revoked while playing is refused within ${bound.refuse / 1000} s and the picture stops within ${bound.stop / 1000} s (${cached ? "5 s cache" : "no cache"})`, async () => {
      const target = cached ? cachedEdge : edge;
      const { token, id } = await mint({ streams: [GATED], exp: inOneHour() });
      const page = await open(playlist(target, GATED), token);
      await expectPlays(page);
      await new Promise((r) => setTimeout(r, 1_500));
      await api(demo, "POST", `/api/v1/secure/token/${id}/revoke`);
      const revokedAt = Date.now();
      // The same request the player makes (token, stream, address, origin): the same cache entry.
      let refusedAt = 0;
      while (!refusedAt && Date.now() - revokedAt < bound.refuse + 5_000) {
        if ((await edgeGet(playlist(target, GATED), { bearer: token, origin: player.origin })).status === 403) refusedAt = Date.now();
        else await new Promise((r) => setTimeout(r, 50));
      }
      // Stopped: no progress for 3 s; the last progress is when the picture froze.
      await page.waitForFunction(() => Date.now() - (window as unknown as { playerState: { lastAdvanceAt: number } }).playerState.lastAdvanceAt > 3_000, undefined, { timeout: bound.stop + 10_000, polling: 200 });
      const lastAdvanceAt = await page.evaluate(() => (window as unknown as { playerState: { lastAdvanceAt: number } }).playerState.lastAdvanceAt);
      await page.close();
      const refuseMs = refusedAt - revokedAt;
      const stopMs = Math.max(0, lastAdvanceAt - revokedAt);
      console.log(`revoked while playing (${cached ? "5 s cache" : "no cache"}): edge refused after ${refuseMs} ms, picture stopped after ${stopMs} ms`);
      expect(refusedAt, "the edge never refused the revoked token").toBeGreaterThan(0);
      expect(refuseMs).toBeLessThanOrEqual(bound.refuse);
      expect(stopMs).toBeLessThanOrEqual(bound.stop);
    }, 60_000);
  }

  it("a token stops playing at its exp (give or take the clock tolerance): the next request after it is refused", async () => {
    const expiresAt = JSON.parse(Buffer.from(expiring.token.split(".")[1], "base64url").toString()).exp * 1000;
    const past = expiresAt + (CLOCK_TOLERANCE_SEC + 1) * 1000 - Date.now();
    if (past > 0) await new Promise((r) => setTimeout(r, past));
    expect(await edgeGet(playlist(edge, GATED), { bearer: expiring.token })).toMatchObject({ status: 403, reason: "expired" });
    const page = await open(playlist(edge, GATED), expiring.token);
    await expectRefused(page, 403);
    await page.close();
  }, 60_000);
});

describe("HLS through Caddy's forward_auth and the same check", () => {
  it("plays with the token as a header and as a query parameter on every request; refuses none, a revoked one and another address's", async () => {
    const { token, id, ref } = await mint({ streams: [GATED], exp: inOneHour() });
    for (const mode of ["header", "query"] as const) {
      const page = await open(playlist(caddy, GATED), token, mode);
      console.log(`plays through Caddy (${mode}):`, await expectPlays(page));
      await page.close();
    }
    const none = await open(playlist(caddy, GATED), null);
    await expectRefused(none, 401);
    await none.close();
    expect(await edgeGet(playlist(caddy, GATED))).toMatchObject({ status: 401, reason: "token_required" });
    // Caddy sends the viewer's address as X-Forwarded-For; Playgate trusts it from 127.0.0.1.
    const ipLocked = await mint({ streams: [GATED], exp: inOneHour(), ip: "127.0.0.2" });
    expect((await edgeGet(playlist(caddy, GATED), { bearer: ipLocked.token, from: "127.0.0.2" })).status).toBe(200);
    expect(await edgeGet(playlist(caddy, GATED), { bearer: ipLocked.token })).toMatchObject({ status: 403, reason: "ip_not_allowed" });
    await api(demo, "POST", `/api/v1/secure/token/${id}/revoke`);
    expect(await edgeGet(playlist(caddy, GATED), { bearer: ref })).toMatchObject({ status: 403, reason: "revoked" });
    const revoked = await open(playlist(caddy, GATED), token);
    await expectRefused(revoked, 403);
    await revoked.close();
  });
});
