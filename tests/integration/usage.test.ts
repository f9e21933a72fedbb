// Usage counting (issue 21, points 1 and 2): every online check is counted per token and per stream
// in memory and written by a flush, with no database write per check. Checked over HTTP through
// server.ts's listener, from clients bound to loopback addresses 127.0.0.2–127.0.0.6: a token's
// addresses and origins are exactly those it was checked from, refusals are counted by reason, a
// forged token adds nothing to a real one, two instances' counts add up exactly after a flush, and
// a crash (SIGKILL) loses what that instance had not flushed yet and nothing else. Misuse signals
// (point 3): a token checked from five addresses is flagged with exactly those, once (one
// token.suspicious webhook event); one checked from its allowed domain only is not.
import http from "node:http";
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupTestDatabase } from "@/tests/support/db";
import { applyTestConfig } from "@/tests/support/config";
import { saveWebhookSettings } from "@/lib/data/webhooks";
import { flagsOf, getMisuseLines, saveMisuseLines, suspiciousTokens } from "@/lib/data/misuse";
import { startEdgeServer } from "@/tests/support/edge-server";
import { inDays, streamWithRenditions, tokenOrg } from "@/tests/support/tokens";
import { db } from "@/lib/db";
import { createPlaybackToken, revokeFlaggedTokensByTag, revokePlaybackToken } from "@/lib/data/playback-tokens";
import { flushUsage, tokenUsage, usageLastHour } from "@/lib/data/usage";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { UsageChart } from "@/components/streams/usage-chart";
import { tokenFormSchema } from "@/lib/validation/tokens";
import type { Actor } from "@/lib/auth/actor";

applyTestConfig({ PLAYGATE_WEBHOOK_ALLOW_INSECURE: "1" });
setupTestDatabase();
const here = startEdgeServer();

/** POST /api/v1/playback/authorize from a client bound to `from` (a loopback address). */
function authorize(base: string, body: Record<string, string>, from = "127.0.0.1"): Promise<{ allowed: boolean; reason?: string }> {
  const url = new URL(`${base}/api/v1/playback/authorize`);
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: "POST", localAddress: from, agent: false, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(payload) } }, (res) => {
      let text = "";
      res.on("data", (chunk) => (text += chunk));
      res.on("end", () => resolve(JSON.parse(text)));
    });
    req.on("error", reject);
    req.end(payload);
  });
}

/** GET of the forward-auth check, as an edge sends it for a viewer at `from`. */
function check(base: string, token: string, stream: string, from: string, origin?: string): Promise<number> {
  const url = new URL(`${base}/api/v1/playback/check`);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, path: url.pathname, method: "GET", localAddress: from, agent: false, headers: { authorization: `Bearer ${token}`, "x-playgate-stream": stream, ...(origin ? { origin } : {}) } },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end();
  });
}

const make = (actor: Actor, extra: Record<string, unknown> = {}) => createPlaybackToken(actor, tokenFormSchema.parse({ target: "org", expiresAt: inDays(1).toISOString(), ...extra }), "api");

async function world() {
  const a = await tokenOrg();
  const { stream, names } = await streamWithRenditions(a.org.id, 1);
  return { ...a, stream, name: names[0] };
}

/** A second app instance in its own process (tests/support/edge-instance.ts) on this file's database. */
async function startInstance() {
  const child: ChildProcess = spawn("node_modules/.bin/tsx", ["--conditions=react-server", "tests/support/edge-instance.ts"], { env: { ...process.env, PLAYGATE_USAGE_FLUSH_SECONDS: "3600" }, stdio: ["pipe", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const first = await lines.next();
  const { port, pid } = JSON.parse(first.value as string) as { port: number; pid: number };
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    flush: async () => {
      child.stdin!.write("flush\n");
      expect(JSON.parse((await lines.next()).value as string)).toEqual({ flushed: true });
    },
    // SIGKILL to the server process itself (tsx's child): it gets no chance to flush.
    crash: () => new Promise<void>((resolve) => {
      child.once("exit", () => resolve());
      process.kill(pid, "SIGKILL");
    }),
    stop: () => {
      child.stdin?.end();
      child.kill();
    },
  };
}

describe("counting checks", () => {
  it("counts a token's checks from five addresses exactly, by outcome, with its origins; nothing is written before the flush", { timeout: 60_000 }, async () => {
    const w = await world();
    const t = await make(w.actor);
    const addresses = ["127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5", "127.0.0.6"];
    for (const [i, from] of addresses.entries()) {
      for (let n = 0; n <= i; n++) expect(await check(here.url(), t.token, w.name, from, "https://fans.example")).toBe(204);
    }
    // Authorize is asked by the player's backend: the viewer's address is the one its body names.
    expect((await authorize(here.url(), { token: t.token, stream: w.name, origin: "https://other.example", ip: "127.0.0.2" }, "127.0.0.9")).allowed).toBe(true);
    // A stream outside the token's organisation: refused, counted as such for the token.
    expect(await authorize(here.url(), { token: t.token, stream: "no-such-stream", ip: "127.0.0.3" }, "127.0.0.9")).toMatchObject({ allowed: false, reason: "unknown_stream" });
    expect(await tokenUsage(w.org.id, t.jti)).toBeNull();
    await flushUsage();
    const usage = await tokenUsage(w.org.id, t.jti);
    expect(usage).toMatchObject({ allowed: 1 + 2 + 3 + 4 + 5 + 1, refused: 1, refusedBy: [{ reason: "unknown_stream", count: 1 }], ipsNotStored: 0, viewersNow: 5 });
    expect((await tokenUsage(w.org.id, t.jti, Date.now() + 31_000))!.viewersNow).toBe(0); // 30 s later, none
    expect(usage!.ips.map((s) => s.value).sort()).toEqual(addresses);
    expect(Object.fromEntries(usage!.ips.map((s) => [s.value, s.checks]))).toEqual({ "127.0.0.2": 2, "127.0.0.3": 3, "127.0.0.4": 3, "127.0.0.5": 4, "127.0.0.6": 5 });
    expect(usage!.origins.map((s) => [s.value, s.checks]).sort()).toEqual([["https://fans.example", 15], ["https://other.example", 1]]);
    expect(usage!.firstSeenAt.getTime()).toBeLessThanOrEqual(usage!.lastSeenAt.getTime());
    // Per stream and minute: the 16 allowed checks of its own stream (the unknown stream is not one).
    const minutes = await db.streamUsageMinute.findMany({ where: { streamId: w.stream.id } });
    expect(minutes.reduce((sum, m) => sum + m.allowed, 0)).toBe(16);
    expect(minutes.reduce((sum, m) => sum + m.refused, 0)).toBe(0);
  });

  it("counts a revoked token's refusals for it, and nothing for a forged token naming its jti", { timeout: 60_000 }, async () => {
    const w = await world();
    const t = await make(w.actor);
    expect(await check(here.url(), t.token, w.name, "127.0.0.2")).toBe(204);
    await revokePlaybackToken(w.actor, t.id);
    for (let i = 0; i < 3; i++) expect(await check(here.url(), t.token, w.name, "127.0.0.3")).toBe(403);
    // Same header and payload, another signature: refused as bad_signature, never counted for the jti.
    const [h, p] = t.token.split(".");
    const forged = `${h}.${p}.${"A".repeat(86)}`;
    for (let i = 0; i < 3; i++) expect(await check(here.url(), forged, w.name, "127.0.0.4")).toBe(403);
    await flushUsage();
    const usage = await tokenUsage(w.org.id, t.jti);
    expect(usage).toMatchObject({ allowed: 1, refused: 3, refusedBy: [{ reason: "revoked", count: 3 }] });
    expect(usage!.ips.map((s) => s.value).sort()).toEqual(["127.0.0.2", "127.0.0.3"]);
    const minutes = await db.streamUsageMinute.findMany({ where: { streamId: w.stream.id } });
    expect(minutes.reduce((sum, m) => [sum[0] + m.allowed, sum[1] + m.refused], [0, 0])).toEqual([1, 3]);
  });

  it("is read only for the token's own organisation", async () => {
    const w = await world();
    const t = await make(w.actor);
    expect(await check(here.url(), t.token, w.name, "127.0.0.2")).toBe(204);
    await flushUsage();
    const other = await tokenOrg();
    expect(await tokenUsage(other.org.id, t.jti)).toBeNull();
    expect(await tokenUsage(w.org.id, t.jti)).not.toBeNull();
  });
});

describe("per stream and organisation, last hour", () => {
  it("counts checks per minute for the stream and the organisation, drawn as a chart that names its totals", { timeout: 60_000 }, async () => {
    const w = await world();
    const second = await streamWithRenditions(w.org.id, 1);
    const t = await make(w.actor);
    for (let i = 0; i < 4; i++) expect(await check(here.url(), t.token, w.name, "127.0.0.2")).toBe(204);
    for (let i = 0; i < 2; i++) expect(await check(here.url(), t.token, second.names[0], "127.0.0.2")).toBe(204);
    expect(await check(here.url(), "", w.name, "127.0.0.2")).toBe(401); // no token: refused for the stream
    await flushUsage();
    const stream = await usageLastHour(w.org.id, w.stream.id);
    expect(stream).toHaveLength(60);
    expect(stream.reduce((sum, m) => [sum[0] + m.allowed, sum[1] + m.refused], [0, 0])).toEqual([4, 1]);
    expect(stream[59].minute.getTime()).toBe(Math.floor(Date.now() / 60_000) * 60_000);
    const org = await usageLastHour(w.org.id);
    expect(org.reduce((sum, m) => sum + m.allowed, 0)).toBe(6);
    expect((await usageLastHour((await tokenOrg()).org.id)).every((m) => m.allowed === 0 && m.refused === 0)).toBe(true);
    const svg = renderToString(createElement(UsageChart, { minutes: stream, label: "Checks of this stream per minute" }));
    expect(svg).toContain('aria-label="Checks of this stream per minute: 5 checks in the last hour, at most');
    expect(svg.match(/<rect/g)!.length).toBeGreaterThanOrEqual(1);
  });
});

describe("misuse signals", () => {
  const suspicious = async (orgId: string) => db.webhookDelivery.findMany({ where: { orgId, eventType: "token.suspicious" } });

  it("flags a token checked from five addresses with exactly those, once, with one signed webhook event; more checks raise its value, not a second event", { timeout: 60_000 }, async () => {
    const w = await world();
    await saveWebhookSettings(w.actor, { url: "http://127.0.0.1:9/hook", events: ["token.suspicious"], enabled: true });
    const t = await make(w.actor, { tag: "shared-link" });
    const calm = await make(w.actor, { tag: "one-viewer" });
    const addresses = ["127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5", "127.0.0.6"];
    for (const from of addresses) expect(await check(here.url(), t.token, w.name, from)).toBe(204);
    for (let i = 0; i < 5; i++) expect(await check(here.url(), calm.token, w.name, "127.0.0.2")).toBe(204);
    await flushUsage();
    const flags = await flagsOf(w.org.id, t.jti);
    expect(flags.map((f) => [f.signal, f.value, f.threshold])).toEqual(expect.arrayContaining([["many_addresses", 5, 3]]));
    expect(flags.find((f) => f.signal === "many_addresses")!.explanation).toBe("Checked from 5 different client addresses within an hour (more than 3).");
    expect((await tokenUsage(w.org.id, t.jti))!.ips.map((s) => s.value).sort()).toEqual(addresses);
    expect(await flagsOf(w.org.id, calm.jti)).toEqual([]);
    const events = (await suspicious(w.org.id)).map((d) => JSON.parse(d.payload) as { type: string; data: { jti: string; signal: string; tag: string } });
    expect(events.filter((e) => e.data.signal === "many_addresses")).toEqual([expect.objectContaining({ type: "token.suspicious", data: expect.objectContaining({ jti: t.jti, tag: "shared-link", signal: "many_addresses" }) })]);
    const listed = await suspiciousTokens(w.org.id);
    expect(listed.map((row) => row.id)).toEqual([t.id]);

    // A sixth address: the flag says 6 now, and no second event for the same signal goes out.
    expect(await check(here.url(), t.token, w.name, "127.0.0.7")).toBe(204);
    await flushUsage();
    expect((await flagsOf(w.org.id, t.jti)).find((f) => f.signal === "many_addresses")!.value).toBe(6);
    expect((await suspicious(w.org.id)).filter((d) => d.payload.includes('"many_addresses"'))).toHaveLength(1);
  });

  it("follows the organisation's lines: with one address allowed, a second flags; the change is audited; readonly may not set them", { timeout: 60_000 }, async () => {
    const w = await world();
    await saveMisuseLines(w.actor, { maxAddresses: 1, maxViewers: 10 });
    expect(await getMisuseLines(w.org.id)).toEqual({ maxAddresses: 1, maxViewers: 10 });
    const t = await make(w.actor);
    expect(await check(here.url(), t.token, w.name, "127.0.0.2")).toBe(204);
    await flushUsage();
    expect(await flagsOf(w.org.id, t.jti)).toEqual([]);
    expect(await check(here.url(), t.token, w.name, "127.0.0.3")).toBe(204);
    await flushUsage();
    expect((await flagsOf(w.org.id, t.jti)).map((f) => [f.signal, f.value, f.threshold])).toEqual([["many_addresses", 2, 1]]);
    const changed = await db.auditEvent.findFirstOrThrow({ where: { orgId: w.org.id, action: "misuse.lines_changed" } });
    expect(JSON.parse(changed.details)).toMatchObject({ from: { maxAddresses: 3, maxViewers: 2 }, to: { maxAddresses: 1, maxViewers: 10 } });
    await expect(saveMisuseLines({ ...w.actor, role: "readonly" }, { maxAddresses: 5, maxViewers: 5 })).rejects.toThrow();
  });

  it("does not flag a domain-restricted token checked from its domain only; flags it once it is checked from another origin", { timeout: 60_000 }, async () => {
    const w = await world();
    const t = await make(w.actor, { domain: "fans.example" });
    for (let i = 0; i < 4; i++) expect(await check(here.url(), t.token, w.name, "127.0.0.2", "https://fans.example")).toBe(204);
    await flushUsage();
    expect(await flagsOf(w.org.id, t.jti)).toEqual([]);
    expect(await check(here.url(), t.token, w.name, "127.0.0.2", "https://pirate.example")).toBe(403);
    await flushUsage();
    expect((await flagsOf(w.org.id, t.jti)).map((f) => [f.signal, f.value])).toEqual([["foreign_origin", 1]]);
  });

  it("revokes every flagged token of a tag in one go, and no unflagged one of it", { timeout: 60_000 }, async () => {
    const w = await world();
    const leaked = await make(w.actor, { tag: "press" });
    const fine = await make(w.actor, { tag: "press" });
    for (const from of ["127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5"]) expect(await check(here.url(), leaked.token, w.name, from)).toBe(204);
    expect(await check(here.url(), fine.token, w.name, "127.0.0.2")).toBe(204);
    await flushUsage();
    expect((await suspiciousTokens(w.org.id)).map((row) => row.id)).toEqual([leaked.id]);
    expect(await revokeFlaggedTokensByTag(w.actor, "press")).toEqual({ count: 1 });
    expect(await check(here.url(), leaked.token, w.name, "127.0.0.2")).toBe(403);
    expect(await check(here.url(), fine.token, w.name, "127.0.0.2")).toBe(204);
    expect(await suspiciousTokens(w.org.id)).toEqual([]);
    expect(await db.auditEvent.count({ where: { orgId: w.org.id, action: "token.revoked_by_flagged_tag" } })).toBe(1);
  });

  it("flags a revoked token whose checks keep arriving, and lists only tokens that still work", { timeout: 60_000 }, async () => {
    const w = await world();
    const t = await make(w.actor);
    expect(await check(here.url(), t.token, w.name, "127.0.0.2")).toBe(204);
    await revokePlaybackToken(w.actor, t.id);
    for (let i = 0; i < 3; i++) expect(await check(here.url(), t.token, w.name, "127.0.0.2")).toBe(403);
    await flushUsage();
    expect((await flagsOf(w.org.id, t.jti)).map((f) => [f.signal, f.value])).toEqual([["refused_still_arriving", 3]]);
    expect(await suspiciousTokens(w.org.id)).toEqual([]); // already revoked: nothing left to do
  });
});

describe("several instances, and a crash", () => {
  let other: Awaited<ReturnType<typeof startInstance>>;
  beforeAll(async () => {
    other = await startInstance();
  }, 60_000);
  afterAll(() => other?.stop());

  it("counts from two instances add up exactly after each flushes", { timeout: 60_000 }, async () => {
    const w = await world();
    const t = await make(w.actor);
    const hereChecks = 23;
    const thereChecks = 17;
    await Promise.all([
      (async () => { for (let i = 0; i < hereChecks; i++) expect(await check(here.url(), t.token, w.name, "127.0.0.2")).toBe(204); })(),
      (async () => { for (let i = 0; i < thereChecks; i++) expect(await check(other.url, t.token, w.name, "127.0.0.3")).toBe(204); })(),
    ]);
    await Promise.all([flushUsage(), other.flush()]);
    const usage = await tokenUsage(w.org.id, t.jti);
    expect(usage).toMatchObject({ allowed: hereChecks + thereChecks, refused: 0 });
    expect(Object.fromEntries(usage!.ips.map((s) => [s.value, s.checks]))).toEqual({ "127.0.0.2": hereChecks, "127.0.0.3": thereChecks });
    // A flush with nothing new adds nothing.
    await Promise.all([flushUsage(), other.flush()]);
    expect((await tokenUsage(w.org.id, t.jti))!.allowed).toBe(hereChecks + thereChecks);
  });

  it("a crash loses only what the crashed instance had not flushed; the rest stays exact", { timeout: 60_000 }, async () => {
    const w = await world();
    const t = await make(w.actor);
    for (let i = 0; i < 5; i++) expect(await check(other.url, t.token, w.name, "127.0.0.4")).toBe(204);
    await other.flush();
    for (let i = 0; i < 7; i++) expect(await check(other.url, t.token, w.name, "127.0.0.4")).toBe(204); // not flushed
    for (let i = 0; i < 4; i++) expect(await check(here.url(), t.token, w.name, "127.0.0.5")).toBe(204);
    await other.crash();
    await flushUsage();
    const usage = await tokenUsage(w.org.id, t.jti);
    expect(usage).toMatchObject({ allowed: 5 + 4 });
    expect(Object.fromEntries(usage!.ips.map((s) => [s.value, s.checks]))).toEqual({ "127.0.0.4": 5, "127.0.0.5": 4 });
    other = await startInstance(); // for afterAll, and any later test
  });
});
