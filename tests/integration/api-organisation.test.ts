// Contract tests: organisation settings, keys, webhook, deliveries and audit over the API.
import { beforeAll, describe, expect, it } from "vitest";
import { setupTestDatabase } from "@/tests/support/db";
import { db } from "@/lib/db";
import { apiFixture } from "@/tests/support/api-fixture";
import { apiKey, bintu, callRoute, expectContract, expectError } from "@/tests/support/api";
import * as c from "@/lib/api/contracts/organisation";
import * as org from "@/app/api/v1/organisation/route";
import * as masterKey from "@/app/api/v1/organisation/api-key/rotate/route";
import * as playerKey from "@/app/api/v1/organisation/player-key/rotate/route";
import * as vod from "@/app/api/v1/organisation/vod/route";
import * as webhook from "@/app/api/v1/organisation/webhook/route";
import * as secret from "@/app/api/v1/organisation/webhook/rotate-secret/route";
import * as test from "@/app/api/v1/organisation/webhook/test/route";
import * as deliveries from "@/app/api/v1/organisation/webhook/deliveries/route";
import * as redeliver from "@/app/api/v1/organisation/webhook/deliveries/[id]/redeliver/route";
import * as audit from "@/app/api/v1/audit-events/route";
import * as me from "@/app/api/v1/me/route";

setupTestDatabase();
let f: Awaited<ReturnType<typeof apiFixture>>;
beforeAll(async () => {
  f = await apiFixture();
});

describe("organisation API", () => {
  it("shows the overview; the masked master key only to admins", async () => {
    const admin = await callRoute(org.GET, "GET", "/api/v1/organisation", { headers: apiKey(f.masterA) });
    expectContract(c.organisation, admin);
    expect(admin.json).toMatchObject({ id: f.orgA.id, masterKey: { maskedKey: expect.stringMatching(/^pg_live_/) } });
    expect(JSON.stringify(admin.json)).not.toContain(f.masterA);
    const readonly = await callRoute(org.GET, "GET", "/api/v1/organisation", { headers: bintu(f.readonlyA.token) });
    expectContract(c.organisation, readonly);
    expect(readonly.json).not.toHaveProperty("masterKey");
  });

  it("rotates the master key: the new key works, the old one is refused at once", async () => {
    expectError(await callRoute(masterKey.POST, "POST", "/api/v1/organisation/api-key/rotate", { headers: bintu(f.userA.token) }), 403);
    const rotated = await callRoute(masterKey.POST, "POST", "/api/v1/organisation/api-key/rotate", { headers: bintu(f.adminA.token) });
    expectContract(c.rotateMasterKey, rotated);
    const { key } = rotated.json as { key: string };
    expectError(await callRoute(me.GET, "GET", "/api/v1/me", { headers: apiKey(f.masterA) }), 401);
    expect((await callRoute(me.GET, "GET", "/api/v1/me", { headers: apiKey(key) })).status).toBe(200);
    f.masterA = key;
  });

  it("rotates the player key and toggles VOD (admin only)", async () => {
    expectContract(c.rotatePlayerKey, await callRoute(playerKey.POST, "POST", "/api/v1/organisation/player-key/rotate", { headers: apiKey(f.masterA) }));
    expectError(await callRoute(vod.PUT, "PUT", "/api/v1/organisation/vod", { headers: bintu(f.userA.token), body: { vodPublic: true } }), 403);
    expectError(await callRoute(vod.PUT, "PUT", "/api/v1/organisation/vod", { headers: apiKey(f.masterA), body: { vodPublic: "yes" } }), 400);
    const on = await callRoute(vod.PUT, "PUT", "/api/v1/organisation/vod", { headers: apiKey(f.masterA), body: { vodPublic: true } });
    expectContract(c.setVod, on);
    expect((await callRoute(org.GET, "GET", "/api/v1/organisation", { headers: apiKey(f.masterA) })).json).toMatchObject({ vodPublic: true });
  });

  it("manages the webhook: unsafe URLs refused, secret shown once, test event queued and redelivered", async () => {
    expectError(await callRoute(webhook.PUT, "PUT", "/api/v1/organisation/webhook", { headers: apiKey(f.masterA), body: { url: "https://169.254.169.254/latest", events: [], enabled: true } }), 422);
    expectError(await callRoute(webhook.PUT, "PUT", "/api/v1/organisation/webhook", { headers: apiKey(f.masterA), body: { url: "http://example.com/hook", events: [], enabled: true } }), 422);
    expectError(await callRoute(webhook.PUT, "PUT", "/api/v1/organisation/webhook", { headers: bintu(f.userA.token), body: { url: "https://93.184.215.14/hook", events: [], enabled: false } }), 403);
    const saved = await callRoute(webhook.PUT, "PUT", "/api/v1/organisation/webhook", { headers: apiKey(f.masterA), body: { url: "https://93.184.215.14/hook", events: ["token.created"], enabled: true } });
    expectContract(c.updateWebhook, saved);
    expectContract(c.getWebhook, await callRoute(webhook.GET, "GET", "/api/v1/organisation/webhook", { headers: bintu(f.readonlyA.token) }));

    const rotated = await callRoute(secret.POST, "POST", "/api/v1/organisation/webhook/rotate-secret", { headers: apiKey(f.masterA) });
    expectContract(c.rotateWebhookSecret, rotated);
    const { secret: whsec } = rotated.json as { secret: string };
    expect(whsec).toMatch(/^whsec_/);
    expect(JSON.stringify((await callRoute(webhook.GET, "GET", "/api/v1/organisation/webhook", { headers: apiKey(f.masterA) })).json)).not.toContain(whsec);

    const queued = await callRoute(test.POST, "POST", "/api/v1/organisation/webhook/test", { headers: apiKey(f.masterA) });
    expectContract(c.testWebhook, queued);
    const log = await callRoute(deliveries.GET, "GET", "/api/v1/organisation/webhook/deliveries", { headers: bintu(f.adminA.token) });
    expectContract(c.listDeliveries, log);
    const id = (queued.json as { deliveryId: string }).deliveryId;
    expect((log.json as { items: { id: string }[] }).items.map((d) => d.id)).toContain(id);
    expectError(await callRoute(redeliver.POST, "POST", `/api/v1/organisation/webhook/deliveries/${id}/redeliver`, { headers: apiKey(f.masterB), params: { id } }), 404);
  });

  it("pages through the audit log with filters (admins only)", async () => {
    expectError(await callRoute(audit.GET, "GET", "/api/v1/audit-events", { headers: bintu(f.userA.token) }), 403);
    const page = await callRoute(audit.GET, "GET", "/api/v1/audit-events", { headers: apiKey(f.masterA), query: { action: "apiKey.rotated", limit: "5" } });
    expectContract(c.listAudit, page);
    const items = (page.json as { items: { action: string; actorEmail: string }[] }).items;
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((e) => e.action === "apiKey.rotated")).toBe(true);
    expect(items[0].actorEmail).toBe(f.adminA.user.email);
    const b = await callRoute(audit.GET, "GET", "/api/v1/audit-events", { headers: apiKey(f.masterB), query: { action: "apiKey.rotated" } });
    expect((b.json as { items: unknown[] }).items).toHaveLength(0);
  });

  it("pages through the whole log: every event once, newest first, even events of the same instant", async () => {
    const at = new Date();
    const made = await db.$transaction(
      Array.from({ length: 23 }, (_, i) => db.auditEvent.create({ data: { orgId: f.orgA.id, actorKind: "system", actorEmail: "paging@test", action: "paging.test", targetLabel: `e${i}`, createdAt: at } })),
    );
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const page = await callRoute(audit.GET, "GET", "/api/v1/audit-events", { headers: apiKey(f.masterA), query: { action: "paging.test", limit: "10", ...(cursor ? { cursor } : {}) } });
      expectContract(c.listAudit, page);
      const body = page.json as { items: { id: string }[]; nextCursor: string | null };
      seen.push(...body.items.map((e) => e.id));
      if (!body.nextCursor) break;
      cursor = body.nextCursor;
    }
    expect(seen).toHaveLength(23);
    expect(new Set(seen).size).toBe(23);
    expect([...seen].sort().reverse()).toEqual(seen);
    expect(new Set(seen)).toEqual(new Set(made.map((e) => e.id)));
    // Another organisation's cursor is not a way in: B pages only its own (empty) result.
    const b = await callRoute(audit.GET, "GET", "/api/v1/audit-events", { headers: apiKey(f.masterB), query: { action: "paging.test", cursor: seen[5] } });
    expect((b.json as { items: unknown[] }).items).toHaveLength(0);
  });
});
