// nanoStream's blocking webhook (issue 20 §3): the media-server hooks, over HTTP through server.ts's
// door, consult the organisation's URL once per play or publish that Playgate allowed, with
// nanoStream's form signed per Standard Webhooks; 200 allows, 403 refuses, a timeout or another
// answer follows the fail-open setting (default closed); an SSRF address is refused at save. A
// real HTTP receiver on 127.0.0.1 answers; run on SQLite and PostgreSQL.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { applyTestConfig } from "@/tests/support/config";
import { setupTestDatabase } from "@/tests/support/db";
import { inDays, streamWithRenditions, tokenOrg } from "@/tests/support/tokens";
import { startEdgeServer } from "@/tests/support/edge-server";
import { apiKey, bintu, callRoute, expectContract, expectError } from "@/tests/support/api";
import { apiFixture } from "@/tests/support/api-fixture";
import * as c from "@/lib/api/contracts/organisation";
import * as route from "@/app/api/v1/organisation/blocking-webhook/route";
import { db } from "@/lib/db";
import { createPlaybackToken, revokePlaybackToken } from "@/lib/data/playback-tokens";
import { rotateIngestKey } from "@/lib/data/streams";
import { rotateWebhookSecret } from "@/lib/data/webhooks";
import { rotateOmeSecret } from "@/lib/data/media-servers";
import { omeSignature } from "@/lib/edge/hooks/ome";
import { saveBlockingWebhook } from "@/lib/data/blocking-webhook";
import { sign } from "@/lib/webhooks/sign";
import type { Resolver } from "@/lib/webhooks/ssrf";
import { tokenFormSchema } from "@/lib/validation/tokens";

applyTestConfig({ PLAYGATE_WEBHOOK_ALLOW_INSECURE: "1" });
setupTestDatabase();
const edge = startEdgeServer();

// The organisation's receiver: /allow answers 200, /refuse 403, /error 500, /slow after 3 s.
interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  form: URLSearchParams;
  raw: string;
}
const received: Received[] = [];
let receiver: http.Server;
let base = "";
beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let raw = "";
    req.setEncoding("utf8").on("data", (d) => (raw += d)).on("end", () => {
      const path = req.url ?? "";
      received.push({ path, headers: req.headers, form: new URLSearchParams(raw), raw });
      const status = path === "/allow" ? 200 : path === "/refuse" ? 403 : path === "/error" ? 500 : 200;
      setTimeout(() => res.writeHead(status).end(), path === "/slow" ? 3000 : 0);
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(async () => {
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
});

let w: Awaited<ReturnType<typeof world>>;
async function world() {
  const a = await tokenOrg();
  const group = await streamWithRenditions(a.org.id, 1);
  const name = group.names[0];
  const token = await createPlaybackToken(a.actor, tokenFormSchema.parse({ target: "group", groupid: group.stream.id, expiresAt: inDays(7).toISOString() }), "api");
  const { ingestKey } = await rotateIngestKey(a.actor, group.stream.id, name);
  return { ...a, stream: group.stream, name, token, ingestKey };
}
beforeEach(async () => {
  w = await world();
  received.length = 0;
});

const point = (path: string, opts: { failOpen?: boolean; timeoutMs?: number } = {}) =>
  saveBlockingWebhook(w.actor, { url: path ? `${base}${path}` : "", failOpen: opts.failOpen ?? false, timeoutMs: opts.timeoutMs ?? 2000 });

/** nginx-rtmp's notify body: its own fields, then the play or publish URL's query. */
function rtmp(call: "play" | "publish", query: string) {
  const common = new URLSearchParams({ app: "live", flashver: "LNX 9,0,124,2", swfurl: "", tcurl: "rtmp://127.0.0.1:1935/live", pageurl: "", addr: "127.0.0.1", clientid: "7" });
  return `${common}&call=${call}&name=${encodeURIComponent(w.name)}&${query}`;
}
async function hook(server: "nginx-rtmp" | "srs" | "mediamtx", body: string) {
  const type = server === "nginx-rtmp" ? "application/x-www-form-urlencoded" : "application/json";
  const res = await edge.call(`/api/v1/organisations/${w.org.id}/hooks/${server}`, { method: "POST", headers: { "content-type": type }, body });
  return { status: res.status, reason: res.headers.get("x-playgate-reason") };
}
const play = () => hook("nginx-rtmp", rtmp("play", `token=${w.token.token}&seat=12`));
const publish = () => hook("nginx-rtmp", rtmp("publish", `key=${w.ingestKey}&encoder=obs`));

describe("a play or publish Playgate allowed goes to the blocking webhook", () => {
  it("without one nothing is sent; 200 allows, with nanoStream's form signed per Standard Webhooks, token and key withheld", async () => {
    expect(await play()).toMatchObject({ status: 204, reason: "allowed" });
    expect(received).toHaveLength(0);

    await point("/allow");
    const before = Math.floor(Date.now() / 1000);
    expect(await play()).toMatchObject({ status: 204, reason: "allowed" });
    expect(await publish()).toMatchObject({ status: 204, reason: "allowed" });
    expect(received.map((r) => r.form.get("call"))).toEqual(["play", "publish"]);
    const [sent, published] = received;
    expect(sent.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(Object.fromEntries(sent.form)).toMatchObject({ call: "play", name: w.name, app: "live", addr: "127.0.0.1", clientid: "7", bytes_in: "0", bytes_out: "0", time: "0", seat: "12" });
    expect(Number(sent.form.get("timestamp"))).toBeGreaterThanOrEqual(before);
    expect(sent.form.has("token")).toBe(false);
    expect(published.form.get("encoder")).toBe("obs");
    expect(published.form.has("key")).toBe(false);
    expect(published.raw).not.toContain(w.ingestKey);

    // Signed with the organisation's webhook secret; a rotated secret signs the next one at once.
    const { secret } = await rotateWebhookSecret(w.actor);
    received.length = 0;
    await play();
    const [signed] = received;
    const id = String(signed.headers["webhook-id"]);
    const timestamp = Number(signed.headers["webhook-timestamp"]);
    expect(id).toMatch(/^msg_/);
    expect(signed.headers["webhook-signature"]).toBe(sign(secret, id, timestamp, signed.raw));
    expect(await db.stream.findUniqueOrThrow({ where: { id: w.stream.id } })).toMatchObject({ state: "live" });
  });

  it("403 refuses the play and the publish; neither is counted nor makes the stream live", async () => {
    await point("/refuse");
    expect(await play()).toMatchObject({ status: 403, reason: "webhook_refused" });
    expect(await publish()).toMatchObject({ status: 403, reason: "webhook_refused" });
    expect(await db.stream.findUniqueOrThrow({ where: { id: w.stream.id } })).toMatchObject({ state: "idle", openPlays: 0 });
    expect(received).toHaveLength(2);
  });

  it("is asked only once Playgate allowed: a revoked token or a wrong key never reaches it", async () => {
    await point("/allow");
    await revokePlaybackToken(w.actor, w.token.id);
    expect(await play()).toMatchObject({ status: 403, reason: "revoked" });
    expect(await hook("nginx-rtmp", rtmp("publish", "key=pgi_wrong"))).toMatchObject({ status: 403 });
    expect(received).toHaveLength(0);
  });

  it("a timeout refuses when fail-closed (the default) and allows when fail-open; so does an answer other than 200 or 403", async () => {
    await point("/slow", { timeoutMs: 300 });
    let started = Date.now();
    expect(await play()).toMatchObject({ status: 403, reason: "webhook_unavailable" });
    const closedMs = Date.now() - started;
    await point("/slow", { timeoutMs: 300, failOpen: true });
    started = Date.now();
    expect(await play()).toMatchObject({ status: 204, reason: "allowed" });
    const openMs = Date.now() - started;
    console.log(`blocking webhook timeout of 300 ms: refused after ${closedMs} ms (closed), allowed after ${openMs} ms (open)`);
    expect(closedMs).toBeLessThan(2500);
    expect(openMs).toBeLessThan(2500);

    await point("/error");
    expect(await publish()).toMatchObject({ status: 403, reason: "webhook_unavailable" });
    await point("/error", { failOpen: true });
    expect(await publish()).toMatchObject({ status: 204 });
    // Nothing listens here: a connection refused is a failure like any other.
    await saveBlockingWebhook(w.actor, { url: "http://127.0.0.1:9/none", failOpen: false, timeoutMs: 2000 });
    expect(await play()).toMatchObject({ status: 403, reason: "webhook_unavailable" });
  });

  it("an empty URL turns it off", async () => {
    await point("/refuse");
    expect((await play()).status).toBe(403);
    await point("");
    expect((await play()).status).toBe(204);
  });
});

describe("every media server's start is consulted once, never a per-request HLS read", () => {
  it("SRS on_play and on_publish, MediaMTX publish and RTSP read (not its HLS or WebRTC reads), OvenMediaEngine openings", async () => {
    await point("/refuse");
    const srs = (action: string, param: string) => JSON.stringify({ action, client_id: "c1", ip: "127.0.0.1", vhost: "__defaultVhost__", app: "live", stream: w.name, param, tcUrl: "rtmp://127.0.0.1/live", pageUrl: "" });
    expect(await hook("srs", srs("on_play", `?token=${w.token.token}`))).toMatchObject({ status: 403, reason: "webhook_refused" });
    expect(await hook("srs", srs("on_publish", `?key=${w.ingestKey}`))).toMatchObject({ status: 403, reason: "webhook_refused" });
    expect(received.map((r) => [r.form.get("call"), r.form.get("clientid")])).toEqual([["play", "c1"], ["publish", "c1"]]);

    const mtx = (action: string, protocol: string, query: string) => JSON.stringify({ user: "", password: "", token: "", ip: "127.0.0.1", action, path: `live/${w.name}`, protocol, id: "s-9", query });
    received.length = 0;
    expect(await hook("mediamtx", mtx("publish", "rtmp", `key=${w.ingestKey}`))).toMatchObject({ status: 403, reason: "webhook_refused" });
    expect(await hook("mediamtx", mtx("read", "rtsp", `token=${w.token.token}`))).toMatchObject({ status: 403, reason: "webhook_refused" });
    expect(await hook("mediamtx", mtx("read", "hls", `token=${w.token.token}`))).toMatchObject({ status: 204 });
    expect(await hook("mediamtx", mtx("read", "webrtc", `token=${w.token.token}`))).toMatchObject({ status: 204 });
    expect(received.map((r) => [r.form.get("call"), r.form.get("app"), r.form.get("clientid")])).toEqual([["publish", "live", "s-9"], ["play", "live", "s-9"]]);

    // OvenMediaEngine's opening of a play and of a publish; its closing is not asked.
    const omeSecret = (await rotateOmeSecret(w.actor)).secret;
    const ome = async (direction: string, status: string, query: string) => {
      const body = JSON.stringify({ client: { address: "127.0.0.1", port: 50000, real_ip: "127.0.0.1", user_agent: "test" }, request: { direction, protocol: "webrtc", status, url: `ws://127.0.0.1:3333/app/${w.name}?${query}`, time: new Date().toISOString() } });
      const res = await edge.call(`/api/v1/organisations/${w.org.id}/hooks/ome`, { method: "POST", headers: { "content-type": "application/json", "x-ome-signature": omeSignature(omeSecret, body) }, body });
      return { status: res.status, reason: res.headers.get("x-playgate-reason"), json: await res.json() };
    };
    received.length = 0;
    expect(await ome("outgoing", "opening", `token=${w.token.token}`)).toMatchObject({ status: 200, reason: "webhook_refused", json: { allowed: false } });
    expect(await ome("incoming", "opening", `key=${w.ingestKey}`)).toMatchObject({ reason: "webhook_refused", json: { allowed: false } });
    expect(await ome("outgoing", "closing", `token=${w.token.token}`)).toMatchObject({ status: 200, reason: "recorded" });
    expect(received.map((r) => [r.form.get("call"), r.form.get("app"), r.form.get("clientid")])).toEqual([["play", "app", "127.0.0.1:50000"], ["publish", "app", "127.0.0.1:50000"]]);
  });
});

describe("SSRF: the URL is checked as the other webhook's, at save", () => {
  it("13: private, link-local, metadata and loopback-by-DNS addresses are refused and the saved URL stays", async () => {
    await point("/allow");
    const metadataDns: Resolver = async () => [{ address: "169.254.169.254", family: 4 }];
    for (const url of ["https://10.0.0.7/hook", "https://192.168.1.1/", "https://[fd00::1]/", "https://169.254.169.254/latest", "https://[::ffff:0:7f00:1]/"]) {
      await expect(saveBlockingWebhook(w.actor, { url, failOpen: false, timeoutMs: 2000 })).rejects.toMatchObject({ name: "RuleError", code: "unsafe_url" });
    }
    await expect(saveBlockingWebhook(w.actor, { url: "https://hooks.example.com/x", failOpen: false, timeoutMs: 2000 }, metadataDns)).rejects.toMatchObject({ code: "unsafe_url" });
    expect((await db.webhook.findUniqueOrThrow({ where: { orgId: w.org.id } })).blockingUrl).toBe(`${base}/allow`);
  });
});

describe("GET|PUT /api/v1/organisation/blocking-webhook", () => {
  it("saves and reads it; refuses an SSRF address (422) and a bad timeout (400); the URL is masked without webhook:manage", async () => {
    const f = await apiFixture();
    const put = (body: object) => callRoute(route.PUT, "PUT", "/api/v1/organisation/blocking-webhook", { headers: apiKey(f.masterA), body });
    const saved = await put({ url: "https://hooks.example.com/nano/secret-path", failOpen: true, timeoutMs: 1500 });
    expectContract(c.updateBlockingWebhook, saved);
    // The organisation's first webhook save: it answers the signing secret it now signs with, once.
    expect(saved.json).toEqual({ url: "https://hooks.example.com/nano/secret-path", failOpen: true, timeoutMs: 1500, secret: expect.stringMatching(/^whsec_/) });
    expectError(await put({ url: "https://10.1.2.3/", failOpen: false, timeoutMs: 2000 }), 422, "unsafe_url");
    expectError(await put({ url: "https://hooks.example.com/", failOpen: false, timeoutMs: 60_000 }), 400, "validation_failed");
    expectError(await put({ url: "https://hooks.example.com/", failOpen: "no", timeoutMs: 2000 }), 400, "validation_failed");
    const read = await callRoute(route.GET, "GET", "/api/v1/organisation/blocking-webhook", { headers: bintu(f.readonlyA.token) });
    expectContract(c.getBlockingWebhook, read);
    expect((read.json as { url: string }).url).not.toContain("secret-path");
    expectError(await callRoute(route.PUT, "PUT", "/api/v1/organisation/blocking-webhook", { headers: bintu(f.userA.token), body: { url: "", failOpen: false, timeoutMs: 2000 } }), 403, "forbidden");
    const audit = await db.auditEvent.findFirst({ where: { orgId: f.orgA.id, action: "webhook.blocking_updated" } });
    expect(audit).not.toBeNull();
  });
});
