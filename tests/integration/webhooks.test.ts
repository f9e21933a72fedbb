// Webhook deliveries end to end against a local receiver: Standard Webhooks signatures a receiver
// can verify (and replays outside 5 minutes it rejects), retries with the log showing each
// attempt, no redirects followed, the SSRF guard at save and at every send (one DNS answer per
// send, and the socket connects to the address it checked), pending deliveries surviving a
// worker restart, and two workers sharing the queue without sending any row twice.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createHmac, timingSafeEqual } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyTestConfig } from "@/tests/support/config";
import { setupTestDatabase } from "@/tests/support/db";
import { db } from "@/lib/db";
import { createOrganisation } from "@/lib/data/organisations";
import { getDelivery, getWebhookSettings, listAttempts, listDeliveries, rotateWebhookSecret, saveWebhookSettings, sendTestEvent } from "@/lib/data/webhooks";
import { enqueueWebhook } from "@/lib/data/webhooks";
import { inTransaction } from "@/lib/data/transaction";
import { createWebhookWorker } from "@/lib/webhooks/worker";
import type { Actor } from "@/lib/auth/actor";
import type { Resolver } from "@/lib/webhooks/ssrf";
import { apiFixture } from "@/tests/support/api-fixture";
import { apiKey, callRoute } from "@/tests/support/api";
import * as webhookRoute from "@/app/api/v1/organisation/webhook/route";
import * as blockingRoute from "@/app/api/v1/organisation/blocking-webhook/route";
import { saveBlockingWebhook } from "@/lib/data/blocking-webhook";
import { maskWebhookSecret } from "@/lib/webhooks/sign";
import { resetConfigForTests } from "@/lib/config";
import type { WebhookEventType } from "@/lib/validation/organisation";

applyTestConfig({ PLAYGATE_WEBHOOK_ALLOW_INSECURE: "1", PLAYGATE_WEBHOOK_RETRY_SCHEDULE: "0,0,0,0,0", PLAYGATE_WEBHOOK_TIMEOUT_MS: "3000" });

setupTestDatabase();

/** `local` is the address the sender's socket connected to. */
interface Received { path: string; headers: http.IncomingHttpHeaders; body: string; local: string }
const received: Received[] = [];
let base = "";
const server = http.createServer((req, res) => {
  let body = "";
  req.on("data", (c) => (body += c));
  req.on("end", () => {
    received.push({ path: req.url ?? "", headers: req.headers, body, local: req.socket.localAddress ?? "" });
    if (req.url === "/fail") return res.writeHead(500).end("nope");
    if (req.url === "/verbose") return res.writeHead(503, { "x-receiver": "busy", "retry-after": "30" }).end(`down\0${"x".repeat(6000)}`);
    if (req.url === "/redirect") return res.writeHead(302, { location: `${base}/ok-after-redirect` }).end();
    res.writeHead(204).end();
  });
});

let actor: Actor;
let orgId = "";

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const made = await createOrganisation({ name: "Hook Org", admin: { email: "hooks@example.test", name: "H", password: "long-enough-password" } });
  orgId = made.org.id;
  actor = { kind: "user", orgId, role: "admin", userId: made.admin.id, email: made.admin.email, label: "test" };
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const EVENTS = ["publish", "publish_done", "token.created"] as const;
/** What a data-layer write does in its transaction: queue the event if the webhook subscribes to it. */
const emitOrgEvent = (org: string, event: WebhookEventType, data: Record<string, unknown>) => inTransaction((tx) => enqueueWebhook(tx, org, event, data));
const pointAt = (path: string) => saveWebhookSettings(actor, { url: `${base}${path}`, events: [...EVENTS], enabled: true });
const messagesTo = (path: string) => received.filter((r) => r.path === path);

/** What a receiver does (standardwebhooks.com): recompute the HMAC, compare in constant time, reject stale timestamps. */
function verify(secret: string, headers: http.IncomingHttpHeaders, body: string, nowSec = Math.floor(Date.now() / 1000)): boolean {
  const id = String(headers["webhook-id"]);
  const timestamp = Number(headers["webhook-timestamp"]);
  if (!Number.isFinite(timestamp) || Math.abs(nowSec - timestamp) > 5 * 60) return false;
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const expected = Buffer.from(createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64"));
  return String(headers["webhook-signature"]).split(" ").some((sig) => {
    const [version, value] = sig.split(",");
    const given = Buffer.from(value ?? "");
    return version === "v1" && given.length === expected.length && timingSafeEqual(given, expected);
  });
}

describe("the signing secret, shown once", () => {
  it("the first save answers the secret deliveries are signed with; later saves, and the blocking webhook's, answer none", async () => {
    const fresh = await createOrganisation({ name: "First Secret Org", admin: { email: "first-secret@example.test", name: "F", password: "long-enough-password" } });
    const admin: Actor = { kind: "user", orgId: fresh.org.id, role: "admin", userId: fresh.admin.id, email: fresh.admin.email, label: "test" };
    expect((await getWebhookSettings(fresh.org.id, "admin")).secretMasked).toBe("");
    const first = await saveWebhookSettings(admin, { url: `${base}/first`, events: [...EVENTS], enabled: true });
    expect(first.secret).toMatch(/^whsec_/);
    expect((await getWebhookSettings(fresh.org.id, "admin")).secretMasked).toBe(maskWebhookSecret(first.secret!));
    expect((await saveWebhookSettings(admin, { url: `${base}/first`, events: [...EVENTS], enabled: true })).secret).toBeNull();
    expect((await saveBlockingWebhook(admin, { url: "", failOpen: false, timeoutMs: 2000 })).secret).toBeNull();
    await sendTestEvent(admin);
    await createWebhookWorker().tick();
    const [msg] = messagesTo("/first");
    expect(verify(first.secret!, msg.headers, msg.body)).toBe(true);
  });

  it("over the API: the first PUT's answer carries it, the next does not; a first blocking-webhook save shows it too", async () => {
    const f = await apiFixture();
    const put = (path: string, body: object, key = f.masterA) => callRoute(path.endsWith("blocking-webhook") ? blockingRoute.PUT : webhookRoute.PUT, "PUT", path, { headers: apiKey(key), body });
    const once = await put("/api/v1/organisation/webhook", { url: "https://hooks.example.com/a", events: ["publish"], enabled: false });
    expect(once.status).toBe(200);
    const { secret, secretMasked } = once.json as { secret: string; secretMasked: string };
    expect(secret).toMatch(/^whsec_/);
    expect(secretMasked).toBe(maskWebhookSecret(secret));
    expect((await put("/api/v1/organisation/webhook", { url: "https://hooks.example.com/a", events: ["publish"], enabled: false })).json).not.toHaveProperty("secret");
    const blocking = await put("/api/v1/organisation/blocking-webhook", { url: "https://hooks.example.com/b", failOpen: false, timeoutMs: 2000 }, f.masterB);
    expect((blocking.json as { secret: string }).secret).toMatch(/^whsec_/);
    expect((await put("/api/v1/organisation/webhook", { url: "", events: [], enabled: false }, f.masterB)).json).not.toHaveProperty("secret");
  });
});

describe("signed deliveries", () => {
  it("a test event arrives signed per Standard Webhooks; the receiver verifies it and rejects a replay after 5 minutes", async () => {
    await pointAt("/ok");
    const { secret } = await rotateWebhookSecret(actor);
    await sendTestEvent(actor);
    expect(await createWebhookWorker().tick()).toBe(1);
    const [msg] = messagesTo("/ok");
    expect(msg.headers["webhook-id"]).toMatch(/^msg_/);
    expect(msg.headers["webhook-timestamp"]).toMatch(/^\d{10}$/);
    expect(msg.headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(JSON.parse(msg.body)).toMatchObject({ type: "webhook.test", data: { organisation: orgId } });
    expect(verify(secret, msg.headers, msg.body)).toBe(true);
    // Replayed later, or tampered with, it is rejected.
    expect(verify(secret, msg.headers, msg.body, Math.floor(Date.now() / 1000) + 6 * 60)).toBe(false);
    expect(verify(secret, msg.headers, msg.body.replace("Test", "Evil"))).toBe(false);
    expect(verify(`whsec_${Buffer.from("wrong-secret-wrong-secret-wrong!").toString("base64")}`, msg.headers, msg.body)).toBe(false);
    const [delivery] = await listDeliveries(orgId);
    expect(delivery).toMatchObject({ status: "succeeded", attempts: 1, lastStatusCode: 204 });
  });

  it("only subscribed events are queued, and nothing while the webhook is disabled", async () => {
    await pointAt("/ok");
    expect(await emitOrgEvent(orgId, "play", { stream: "x" })).toBeNull();
    expect(await emitOrgEvent(orgId, "publish", { stream: "x" })).not.toBeNull();
    await saveWebhookSettings(actor, { url: `${base}/ok`, events: [...EVENTS], enabled: false });
    expect(await emitOrgEvent(orgId, "publish", { stream: "x" })).toBeNull();
    await createWebhookWorker().tick();
  });
});

describe("the delivery log's details", () => {
  it("show the payload and each attempt's status, duration and error; another organisation finds none", async () => {
    await pointAt("/verbose");
    const { id } = await sendTestEvent(actor);
    await createWebhookWorker().tick();
    const delivery = await getDelivery(orgId, id);
    expect(JSON.parse(delivery.payload)).toMatchObject({ type: "webhook.test" });
    expect(delivery.log).toHaveLength(1);
    const [attempt] = delivery.log;
    expect(attempt).toMatchObject({ attempt: 1, statusCode: 503, error: "HTTP 503" });
    expect(attempt.latencyMs).toBeGreaterThanOrEqual(0);
    const other = await createOrganisation({ name: "Other Log Org", admin: { email: "other-log@example.test", name: "O", password: "long-enough-password" } });
    await expect(getDelivery(other.org.id, id)).rejects.toMatchObject({ name: "NotFoundError" });
  });
});

describe("retries", () => {
  it("a receiver answering 500 is retried per the schedule, each attempt logged, then marked failed", async () => {
    await pointAt("/fail");
    const id = (await emitOrgEvent(orgId, "publish", { stream: "grp_retry" }))!;
    const worker = createWebhookWorker();
    for (let i = 0; i < 8; i++) await worker.tick();
    const row = await db.webhookDelivery.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "failed", attempts: 6, lastStatusCode: 500 });
    const attempts = await listAttempts(orgId, id);
    expect(attempts.map((a) => a.attempt)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(attempts.every((a) => a.statusCode === 500 && a.latencyMs >= 0)).toBe(true);
    // The same message each time, so receivers can de-duplicate.
    expect(new Set(messagesTo("/fail").map((m) => m.headers["webhook-id"]))).toEqual(new Set([row.messageId]));
  });

  it("redirects are not followed: a 3xx is a failed attempt", async () => {
    process.env.PLAYGATE_WEBHOOK_RETRY_SCHEDULE = "";
    resetConfigForTests();
    await pointAt("/redirect");
    const id = (await emitOrgEvent(orgId, "publish", {}))!;
    await createWebhookWorker().tick();
    expect(await db.webhookDelivery.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "failed", lastStatusCode: 302 });
    expect(messagesTo("/ok-after-redirect")).toHaveLength(0);
    process.env.PLAYGATE_WEBHOOK_RETRY_SCHEDULE = "0,0,0,0,0";
    resetConfigForTests();
  });

  it("a URL that became unsafe after saving is refused at send time without connecting", async () => {
    await pointAt("/ok");
    const id = (await emitOrgEvent(orgId, "publish", {}))!;
    await db.webhookDelivery.update({ where: { id }, data: { url: "http://169.254.169.254/latest/meta-data" } });
    const before = received.length;
    await createWebhookWorker().tick();
    const row = await db.webhookDelivery.findUniqueOrThrow({ where: { id } });
    expect(row.lastError).toMatch(/Refused/);
    expect(row.lastStatusCode).toBeNull();
    expect(received.length).toBe(before);
  });
});

describe("the durable queue", () => {
  it("a delivery pending when the worker stops is delivered by the next worker instance", async () => {
    await db.webhookDelivery.updateMany({ where: { orgId, status: "pending" }, data: { status: "failed" } });
    await pointAt("/ok");
    const first = createWebhookWorker({ pollMs: 60_000 });
    first.start();
    const id = (await emitOrgEvent(orgId, "publish_done", { stream: "grp_restart" }))!;
    await first.stop();
    // A crashed worker's claim: locked, but the lock has expired.
    const crashed = (await emitOrgEvent(orgId, "publish_done", { stream: "grp_crashed" }))!;
    await db.webhookDelivery.update({ where: { id: crashed }, data: { lockedBy: "dead-worker", lockedUntil: new Date(Date.now() - 1000) } });
    expect(await db.webhookDelivery.count({ where: { id: { in: [id, crashed] }, status: "pending" } })).toBe(2);
    expect(await createWebhookWorker().tick()).toBe(2);
    expect(await db.webhookDelivery.count({ where: { id: { in: [id, crashed] }, status: "succeeded", attempts: 1 } })).toBe(2);
  });

  it("a row locked by a live worker is left alone", async () => {
    const id = (await emitOrgEvent(orgId, "publish", {}))!;
    await db.webhookDelivery.update({ where: { id }, data: { lockedBy: "busy-worker", lockedUntil: new Date(Date.now() + 60_000) } });
    expect(await createWebhookWorker().tick()).toBe(0);
    expect(await db.webhookDelivery.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "pending", attempts: 0 });
    await db.webhookDelivery.update({ where: { id }, data: { status: "failed", lockedBy: null, lockedUntil: null } });
  });

  it("two workers draining the same queue never deliver a row twice", async () => {
    await pointAt("/ok");
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push((await emitOrgEvent(orgId, "token.created", { n: i }))!);
    const rows = await db.webhookDelivery.findMany({ where: { id: { in: ids } } });
    const before = received.length;
    const [a, b] = [createWebhookWorker(), createWebhookWorker()];
    await Promise.all([a.tick(), b.tick(), a.tick(), b.tick(), a.tick(), b.tick()]);
    await Promise.all([a.tick(), b.tick()]);
    const got = received.slice(before).map((r) => String(r.headers["webhook-id"]));
    expect(got.sort()).toEqual(rows.map((r) => r.messageId).sort());
    expect(await db.webhookAttempt.count({ where: { deliveryId: { in: ids } } })).toBe(20);
    expect(await db.webhookDelivery.count({ where: { id: { in: ids }, status: "succeeded", attempts: 1 } })).toBe(20);
  });
});

describe("13: SSRF at save and at every send", () => {
  it("13: saving https://[::ffff:0:7f00:1]/ or https://localhost./ is refused, even with allowInsecure", async () => {
    await pointAt("/ok");
    const loopbackDns: Resolver = async () => [{ address: "127.0.0.1", family: 4 }];
    for (const url of ["https://[::ffff:0:7f00:1]/", "http://[::ffff:0:7f00:1]:80/", "https://localhost./", `http://localhost.:${new URL(base).port}/ok`]) {
      await expect(saveWebhookSettings(actor, { url, events: [...EVENTS], enabled: true }, loopbackDns)).rejects.toMatchObject({ name: "RuleError", code: "unsafe_url" });
    }
    expect((await db.webhook.findUniqueOrThrow({ where: { orgId } })).url).toBe(`${base}/ok`);
  });

  it("13: each send asks DNS once and connects to the address it checked; the next send judges its own answer", async () => {
    await db.webhookDelivery.updateMany({ where: { orgId, status: "pending" }, data: { status: "failed" } });
    // A rebinding name: the answers are handed out in order, one per DNS question.
    const answers: string[] = [];
    let asked = 0;
    const resolver: Resolver = async () => {
      asked++;
      const address = answers.shift() ?? "127.0.0.2";
      return [{ address, family: 4 }];
    };
    const url = `http://hooks.example.com:${new URL(base).port}/pinned`;
    answers.push("127.0.0.1");
    await saveWebhookSettings(actor, { url, events: [...EVENTS], enabled: true }, resolver);
    const worker = createWebhookWorker({ resolver });

    // First send: checked answer 127.0.0.1; any second question would get 127.0.0.2, where nothing listens.
    asked = 0;
    answers.push("127.0.0.1", "127.0.0.2");
    const first = (await emitOrgEvent(orgId, "publish", { n: 1 }))!;
    await worker.tick();
    expect(await db.webhookDelivery.findUniqueOrThrow({ where: { id: first } })).toMatchObject({ status: "succeeded", attempts: 1 });
    expect(asked).toBe(1);
    const [msg] = messagesTo("/pinned");
    expect(msg.local).toBe("127.0.0.1");
    expect(msg.headers.host).toBe(`hooks.example.com:${new URL(base).port}`);

    // Second send: the name now answers the metadata address. It is asked again and refused, not
    // sent over a socket kept open from the first send.
    asked = 0;
    answers.splice(0, answers.length, "169.254.169.254");
    const second = (await emitOrgEvent(orgId, "publish", { n: 2 }))!;
    await worker.tick();
    expect(asked).toBe(1);
    const row = await db.webhookDelivery.findUniqueOrThrow({ where: { id: second } });
    expect(row.lastError).toMatch(/^Refused/);
    expect(row.lastStatusCode).toBeNull();
    expect(messagesTo("/pinned")).toHaveLength(1);
    await db.webhookDelivery.update({ where: { id: second }, data: { status: "failed" } });
  });
});
