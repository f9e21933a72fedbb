// RTMP ingest and playback end to end (issue 17 §6): Debian's nginx with libnginx-mod-rtmp running
// deploy/edge/nginx-rtmp.conf as shipped (its "← fill in" values filled in), its notify callbacks
// answered by this server's nginx-rtmp hook for the demo organisation. ffmpeg publishes its test
// source with the rendition's ingest key (refused without it or with another rendition's), the
// stream turns live and idle, the webhook receiver gets publish / publish_done, ffmpeg plays the
// RTMP stream with a token's short reference (frames decoded; a revoked one refused), and the HLS
// nginx-rtmp writes plays in Chromium through deploy/edge/nginx-hls.conf.
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DESKTOP, screenshot, sharedBrowser, signIn } from "./support/browser";
import { edgeToolsMissing, freePort, playRtmp, startNginx, startPlayerPage, startPublisher, type Edge, type PlayerPage, type Publisher } from "./support/edge";
import { signInCookie } from "./support/http";

const baseUrl = inject("baseUrl");
const masterKey = inject("masterKey");

const HD = "studiob-hd0001"; // Studio B, Demo Streaming Co (Secure Playback)
const SD = "studiob-sd0001";

type Json = Record<string, unknown>;
async function api(method: string, url: string, body?: unknown): Promise<Json> {
  const res = await fetch(`${baseUrl}${url}`, {
    method,
    headers: { "X-API-Key": masterKey, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Json;
}

async function until<T>(what: string, probe: () => Promise<T>, ok: (v: T) => boolean, ms: number): Promise<{ value: T; ms: number }> {
  const start = Date.now();
  let value = await probe();
  while (!ok(value)) {
    if (Date.now() - start > ms) throw new Error(`${what}: not within ${ms} ms (last: ${JSON.stringify(value)})`);
    await new Promise((r) => setTimeout(r, 100));
    value = await probe();
  }
  return { value, ms: Date.now() - start };
}

let root = "";
let rtmp: Edge;
let hlsEdge: Edge;
let player: PlayerPage;
let rtmpPort = 0;
let streamId = "";
const keys: Record<string, string> = {};
let webhookBefore: Json | null = null;
const received: { type: string; data: Json }[] = [];
let receiver: http.Server;
let publisher: Publisher | undefined;
const openContext = sharedBrowser();
let context: BrowserContext;
let streamPage: Page;

const rtmpUrl = (name: string, query = "") => `rtmp://127.0.0.1:${rtmpPort}/live/${name}${query}`;
const state = async () => (await api("GET", `/api/v1/streams/${streamId}`)).state as string;

beforeAll(async () => {
  const missing = edgeToolsMissing();
  if (missing.length) throw new Error(`Debian's ${missing.join(", ")} must be installed (scripts/test-all.sh installs them)`);
  const org = await api("GET", "/api/v1/organisation");
  const streams = (await api("GET", "/api/v1/streams?limit=100")).items as { id: string; renditions: { streamName: string }[] }[];
  streamId = streams.find((s) => s.renditions.some((r) => r.streamName === HD))!.id;
  for (const name of [HD, SD]) keys[name] = (await api("POST", `/api/v1/streams/${streamId}/ingest-key`, { streamName: name })).ingestKey as string;

  receiver = http.createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d)).on("end", () => {
      try {
        received.push(JSON.parse(body) as { type: string; data: Json });
      } catch {
        // not a webhook
      }
      res.writeHead(204).end();
    });
  });
  const hookPort = await freePort();
  await new Promise<void>((resolve) => receiver.listen(hookPort, "127.0.0.1", resolve));
  webhookBefore = await api("GET", "/api/v1/organisation/webhook");
  await api("PUT", "/api/v1/organisation/webhook", { url: `http://127.0.0.1:${hookPort}/hook`, events: ["publish", "publish_done"], enabled: true });

  root = mkdtempSync(path.join(os.tmpdir(), "playgate-rtmp-"));
  chmodSync(root, 0o755);
  mkdirSync(path.join(root, "hls"));
  chmodSync(path.join(root, "hls"), 0o777); // nginx-rtmp's worker ("nobody" under root) writes here
  rtmpPort = await freePort();
  rtmp = await startNginx("nginx-rtmp.conf", { HOOK_URL: `${baseUrl}/api/v1/organisations/${org.id}/hooks/nginx-rtmp`, RTMP_PORT: rtmpPort, HLS_ROOT: path.join(root, "hls") }, { probe: "http://127.0.0.1:8935/" });
  // On the port the server's PLAYGATE_EDGE_HLS_URL names, so the Playout page's preview plays through it.
  hlsEdge = await startNginx("nginx-hls.conf", { PLAYGATE: new URL(baseUrl).host, HLS_ROOT: root, CACHE: 0 }, { port: inject("edgeHlsPort") });
  player = await startPlayerPage();
  context = await openContext(DESKTOP);
  const signing = await context.newPage();
  await signIn(signing, baseUrl, "admin@demo.local"); // the context's pages share the session
  await signing.close();
}, 90_000);

afterAll(async () => {
  await publisher?.stop();
  if (webhookBefore) await api("PUT", "/api/v1/organisation/webhook", { url: webhookBefore.url, events: webhookBefore.events, enabled: webhookBefore.enabled }).catch(() => {});
  await Promise.all([rtmp?.stop(), hlsEdge?.stop(), player?.stop(), new Promise((r) => (receiver ? receiver.close(r) : r(null)))]);
  if (root) rmSync(root, { recursive: true, force: true });
});

describe("RTMP ingest through nginx-rtmp's on_publish", () => {
  it("refuses an encoder without the ingest key, with a wrong one and with the other rendition's", async () => {
    for (const [label, query] of [["no key", ""], ["a made-up key", "?key=pgi_00000000000000000000000000000000"], ["the 480p key", `?key=${keys[SD]}`]] as const) {
      const refused = startPublisher(rtmpUrl(HD, query));
      const code = await Promise.race([refused.exited, new Promise<string>((r) => setTimeout(() => r("still publishing"), 15_000))]);
      await refused.stop();
      console.log(`publish with ${label}: ffmpeg exited ${code}`);
      expect(code, `publish with ${label}`).not.toBe(0);
      expect(code).not.toBe("still publishing");
    }
    expect(await state()).toBe("idle");
  }, 60_000);

  it("publishes with the rendition's key: live on the stream's open page without a reload and on /streams, the webhook gets publish", async () => {
    streamPage = await context.newPage();
    await streamPage.goto(`${baseUrl}/streams/${streamId}`);
    await streamPage.getByRole("status").getByText("Idle", { exact: true }).waitFor();
    const started = Date.now();
    publisher = startPublisher(rtmpUrl(HD, `?key=${keys[HD]}`));
    const live = await until("stream live", state, (s) => s === "live", 10_000);
    const apiMs = Date.now() - started;
    // Bound generous on purpose (the chips poll every 1.5 s); the figure is printed.
    await streamPage.getByRole("status").getByText("Live", { exact: true }).waitFor({ timeout: 8_000 });
    console.log(`live ${apiMs} ms after ffmpeg started (API), ${Date.now() - started} ms on the open page`);
    expect(live.value).toBe("live");
    const cookie = await signInCookie(baseUrl, "admin@demo.local");
    const list = await (await fetch(`${baseUrl}/streams`, { headers: { Cookie: cookie } })).text();
    expect(list).toContain(">Live<");
    // The chips' poll answers for the organisation's own streams only.
    const otherCookie = await signInCookie(baseUrl, "admin@other.local");
    const polled = await (await fetch(`${baseUrl}/streams/states?ids=${streamId}`, { headers: { Cookie: otherCookie } })).json();
    expect(polled).toEqual({ states: {} });
    const hook = await until("publish webhook", async () => received.filter((e) => e.type === "publish"), (l) => l.length > 0, 15_000);
    console.log(`publish webhook received ${hook.ms} ms after live`);
    expect((hook.value[0].data.stream as Json).id).toBe(streamId);
  }, 60_000);

  it("plays the RTMP stream with a token's short reference (frames decoded), not with a revoked one or none", async () => {
    const minted = (await api("POST", "/api/v1/secure/token", { streams: [HD], exp: Math.floor(Date.now() / 1000) + 3600 })) as { ref: string; id: string };
    const played = await playRtmp(rtmpUrl(HD, `?token=${minted.ref}`), 3);
    console.log(`RTMP play with the short reference: exit ${played.code}, ${played.frames} frames`);
    expect(played.code).toBe(0);
    expect(played.frames).toBeGreaterThanOrEqual(25);
    const none = await playRtmp(rtmpUrl(HD), 3);
    expect(none.frames).toBe(0);
    await api("POST", `/api/v1/secure/token/${minted.id}/revoke`, {});
    const revoked = await playRtmp(rtmpUrl(HD, `?token=${minted.ref}`), 3);
    console.log(`RTMP play, no token: exit ${none.code}, ${none.frames} frames; revoked: exit ${revoked.code}, ${revoked.frames} frames`);
    expect(revoked.frames).toBe(0);
    expect(revoked.code).not.toBe(0);
  }, 90_000);

  it("the HLS nginx-rtmp writes plays in Chromium through nginx-hls.conf with a token, and is refused without", async () => {
    const { token } = (await api("POST", "/api/v1/secure/token", { streams: [HD], exp: Math.floor(Date.now() / 1000) + 3600 })) as { token: string };
    const src = `${hlsEdge.url}/hls/${HD}/index.m3u8`;
    await until("nginx-rtmp's playlist", () => fetch(`${src}?token=${token}`).then((r) => r.status), (s) => s === 200, 20_000);
    const page = await context.newPage();
    await page.goto(player.url(src, token, "playlist"));
    const seen = await until(
      "picture advancing",
      () => page.evaluate(() => {
        const v = document.querySelector("video")!;
        const s = (window as unknown as { playerState: { firstTime: number } }).playerState;
        return { advanced: s.firstTime < 0 ? 0 : v.currentTime - s.firstTime, frames: v.getVideoPlaybackQuality().totalVideoFrames };
      }),
      (v) => v.advanced >= 2 && v.frames >= 25,
      30_000,
    );
    console.log("HLS from nginx-rtmp through nginx-hls.conf:", seen.value);
    // The player's allowed checks make it a viewer now, on the stream's overview.
    await streamPage.reload();
    const viewers = await streamPage.getByTestId("viewers-now").textContent();
    console.log(`viewers now while Chromium plays: ${viewers}`);
    expect(Number(await streamPage.getByTestId("viewers-now-total").textContent())).toBeGreaterThanOrEqual(1);
    expect(viewers).toMatch(/ [1-9]\d* via the HTTP edge in the last 30 s/);
    await page.close();
    expect((await fetch(src)).status).toBe(401);
  }, 60_000);

  it("the Playout page previews it through the edge: refused without a token, plays with one made in the dialog and used on the page, stops when revoked", async () => {
    const page = await context.newPage();
    await page.goto(`${baseUrl}/playout/${streamId}`);
    const status = page.getByText(/^(Not playing|Asking the edge|Loading|Playing|Refused|Stopped|Playback failed|The edge)/);
    await page.getByLabel("Rendition").selectOption({ label: `1080p (${HD})` });
    await page.getByRole("button", { name: "Play without a token" }).click();
    await expect.poll(() => status.textContent(), { timeout: 10_000 }).toMatch(/^Refused by the edge: 401 token_required/);

    await page.getByRole("button", { name: "Create playback token" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("button", { name: /^Create/ }).last().click();
    await dialog.getByRole("button", { name: "Use on this page" }).click();
    const token = await page.getByLabel("Playback token or short reference").inputValue();
    expect(token.split(".")).toHaveLength(3);
    expect(await page.getByRole("textbox", { name: "Configuration (JSON)" }).inputValue()).toContain(`"jwtoken": "${token}"`);
    // nanoPlayer's other form: the stream group by its id, the same token in source.group.security.
    const group = JSON.parse(await page.getByRole("textbox", { name: "Group form (JSON)" }).inputValue());
    expect(group.source.group.security.jwtoken).toBe(token);
    await page.getByRole("button", { name: "Play with token" }).click();
    await expect.poll(() => status.textContent(), { timeout: 20_000 }).toMatch(/^Playing 1080p through the edge/);
    const advanced = await until("preview advancing", () => page.evaluate(() => document.querySelector("video")!.currentTime), (t) => t >= 2, 20_000);
    console.log(`Playout preview: ${advanced.value.toFixed(1)} s played`);
    await screenshot(page, "playout-preview-desktop");

    const minted = (await api("GET", "/api/v1/secure/token?limit=1")).items as { id: string }[];
    await api("POST", `/api/v1/secure/token/${minted[0].id}/revoke`, {});
    const revokedAt = Date.now();
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toMatch(/^Refused by the edge: 40[13].*Playback stopped/);
    console.log(`Playout preview stopped ${Date.now() - revokedAt} ms after the revoke`);
    await page.close();
  }, 90_000);

  it("when the encoder stops: idle (measured) after nginx-rtmp's publish_done, and the webhook gets publish_done", async () => {
    await publisher!.stop();
    publisher = undefined;
    const stopped = Date.now();
    const idle = await until("stream idle", state, (s) => s === "idle", 10_000);
    await streamPage.getByRole("status").getByText("Idle", { exact: true }).waitFor({ timeout: 8_000 });
    console.log(`idle ${idle.ms} ms after ffmpeg stopped (API), ${Date.now() - stopped} ms on the open page`);
    await streamPage.close();
    const hook = await until("publish_done webhook", async () => received.filter((e) => e.type === "publish_done"), (l) => l.length > 0, 15_000);
    expect((hook.value[0].data.stream as Json).state).toBe("idle");
  }, 60_000);
});
