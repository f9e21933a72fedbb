// The revocation feed for offline verifiers (issue 17 §2): every revoke path writes its rows in
// its own transaction, the feed pages by seq, shows one organisation only, and is cacheable for 5 s.
// Real routes, real data layer, real database.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { setupTestDatabase } from "@/tests/support/db";
import { callRoute, expectContract, expectError } from "@/tests/support/api";
import { inDays, tokenOrg } from "@/tests/support/tokens";
import { db, dbProvider } from "@/lib/db";
import * as c from "@/lib/api/contracts/tokens";
import * as feedRoute from "@/app/api/v1/organisations/[orgId]/revocations/route";
import * as jwksRoute from "@/app/api/v1/organisations/[orgId]/jwks.json/route";
import { createPlaybackToken, revokePlaybackToken, revokeTokensByTag, revokeTokensByUser } from "@/lib/data/playback-tokens";
import { revokeSigningKey, rotateSigningKey } from "@/lib/data/signing-keys";
import { tokenFormSchema } from "@/lib/validation/tokens";
import type { Actor } from "@/lib/auth/actor";

setupTestDatabase();

type Item = { seq: number; kind: "token" | "key"; jti?: string; kid?: string; exp: number | null; revokedAt: string };
type Feed = { items: Item[]; next: number; more: boolean };

const input = (v: Record<string, unknown> = {}) => tokenFormSchema.parse({ target: "org", expiresAt: inDays(7).toISOString(), ...v });
const mint = (actor: Actor, v: Record<string, unknown> = {}) => createPlaybackToken(actor, input(v), "api");
const seconds = (d: Date) => Math.floor(d.getTime() / 1000);

async function feed(orgId: string, query: Record<string, string> = {}) {
  const res = await callRoute(feedRoute.GET, "GET", `/api/v1/organisations/${orgId}/revocations`, { params: { orgId }, query });
  return { status: res.status, headers: res.headers, json: res.json as Feed };
}

/** Every page from `since`, following next while more. */
async function allPages(orgId: string, limit: number, since = 0): Promise<{ items: Item[]; pages: number; next: number }> {
  const items: Item[] = [];
  let pages = 0;
  for (;;) {
    const res = await feed(orgId, { since: String(since), limit: String(limit) });
    expectContract(c.revocationsOrg, res);
    pages++;
    items.push(...res.json.items);
    since = res.json.next;
    if (!res.json.more) return { items, pages, next: since };
  }
}

describe("the revocation feed", () => {
  it("lists single, tag, user-id and key revokes in order with increasing seq, and never an unrevoked token", async () => {
    const { org, actor } = await tokenOrg();
    const single = await mint(actor);
    const tagged = [await mint(actor, { tag: "leak" }), await mint(actor, { tag: "leak" })];
    const byUser = await mint(actor, { user: "viewer-9" });
    // Signed with the first key and still live when the key goes: covered by the key's row.
    const longest = await mint(actor, { expiresAt: inDays(30).toISOString() });
    const oldKid = single.kid;
    await rotateSigningKey(actor);
    const untouched = await mint(actor);
    expect(untouched.kid).not.toBe(oldKid);

    await revokePlaybackToken(actor, single.id);
    expect(await revokeTokensByTag(actor, "leak")).toEqual({ count: 2 });
    expect(await revokeTokensByUser(actor, "viewer-9")).toEqual({ count: 1 });
    expect(await revokeSigningKey(actor, oldKid)).toMatchObject({ tokens: 1 });

    const res = await feed(org.id);
    expectContract(c.revocationsOrg, res);
    const { items, next, more } = res.json;
    const seqs = items.map((i) => i.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect({ next, more }).toEqual({ next: seqs.at(-1), more: false });
    expect(items.map((i) => i.kind)).toEqual(["token", "token", "token", "token", "key"]);
    expect(items[0]).toMatchObject({ jti: single.jti, exp: seconds(single.expiresAt) });
    expect(items.slice(1, 3).map((i) => i.jti).sort()).toEqual(tagged.map((t) => t.jti).sort());
    expect(items[3]).toMatchObject({ jti: byUser.jti, exp: seconds(byUser.expiresAt) });
    // The key's exp: the latest expiry of any token it signed, so a verifier can forget the kid then.
    expect(items[4]).toMatchObject({ kind: "key", kid: oldKid, exp: seconds(longest.expiresAt) });
    expect(items[4]).not.toHaveProperty("jti");
    const text = JSON.stringify(res.json);
    expect(text).not.toContain(untouched.jti);
    expect(text).not.toContain(longest.jti);
    for (const i of items) expect(Date.parse(i.revokedAt)).not.toBeNaN();
  });

  it("writes one row per token a bulk revoke hits, none for a repeated revoke, none for a bulk revoke that hits nothing", async () => {
    const { org, actor } = await tokenOrg();
    const many = await Promise.all(Array.from({ length: 25 }, () => mint(actor, { tag: "bulk" })));
    await revokeTokensByTag(actor, "bulk");
    await revokeTokensByTag(actor, "bulk");
    await revokeTokensByUser(actor, "nobody");
    await revokePlaybackToken(actor, many[0].id);
    await revokeSigningKey(actor, many[0].kid);
    await revokeSigningKey(actor, many[0].kid);
    const rows = await db.revocation.findMany({ where: { orgId: org.id }, orderBy: { seq: "asc" } });
    expect(rows.filter((r) => r.kind === "token").map((r) => r.jti).sort()).toEqual(many.map((t) => t.jti).sort());
    expect(rows.filter((r) => r.kind === "key").map((r) => r.kid)).toEqual([many[0].kid]);
  });

  it("pages with since and limit: the pages together are the whole feed, each once, in order", async () => {
    const { org, actor } = await tokenOrg();
    const tokens = await Promise.all(Array.from({ length: 7 }, () => mint(actor)));
    for (const t of tokens) await revokePlaybackToken(actor, t.id);
    const whole = (await feed(org.id)).json;
    expect(whole.items.map((i) => i.jti)).toEqual(tokens.map((t) => t.jti));

    const paged = await allPages(org.id, 3);
    expect(paged.pages).toBe(3);
    expect(paged.items).toEqual(whole.items);
    expect(paged.next).toBe(whole.next);

    const page = (await feed(org.id, { since: String(whole.items[1].seq), limit: "2" })).json;
    expect(page).toEqual({ items: whole.items.slice(2, 4), next: whole.items[3].seq, more: true });
    // Nothing new since the last seq: an empty page that keeps the position.
    expect((await feed(org.id, { since: String(whole.next) })).json).toEqual({ items: [], next: whole.next, more: false });

    // A later revoke shows up after the verifier's position, and only it.
    const late = await mint(actor);
    await revokePlaybackToken(actor, late.id);
    const after = (await feed(org.id, { since: String(whole.next) })).json;
    expect(after.items.map((i) => i.jti)).toEqual([late.jti]);
    expect(after.items[0].seq).toBeGreaterThan(whole.next);
  });

  it("never shows another organisation's revocations, though their seqs interleave", async () => {
    const a = await tokenOrg();
    const b = await tokenOrg();
    const ta = [await mint(a.actor), await mint(a.actor)];
    const tb = [await mint(b.actor), await mint(b.actor)];
    await revokePlaybackToken(a.actor, ta[0].id);
    await revokePlaybackToken(b.actor, tb[0].id);
    await revokePlaybackToken(a.actor, ta[1].id);
    await revokeSigningKey(b.actor, tb[1].kid);

    const fa = (await feed(a.org.id)).json;
    const fb = (await feed(b.org.id)).json;
    expect(fa.items.map((i) => i.jti)).toEqual(ta.map((t) => t.jti));
    expect(fb.items.map((i) => i.jti ?? i.kid)).toEqual([tb[0].jti, tb[1].kid]);
    const textA = JSON.stringify(fa);
    for (const t of tb) expect(textA).not.toContain(t.jti);
    expect(textA).not.toContain(tb[1].kid);
    // Paging from a's position past b's rows does not skip or show anything of b's.
    expect((await feed(a.org.id, { since: String(fa.items[0].seq), limit: "1" })).json.items.map((i) => i.jti)).toEqual([ta[1].jti]);
  });

  // A guard, not a proof: it passed without the PostgreSQL advisory lock too (the window where a
  // lower seq commits after a higher one is too short to hit reliably here).
  it("a verifier polling while revokes commit concurrently sees every one of them", async () => {
    const { org, actor } = await tokenOrg();
    const tokens = await Promise.all(Array.from({ length: 20 }, () => mint(actor, { tag: "race" })));
    const seen: string[] = [];
    let since = 0;
    let done = false;
    const pollOnce = async () => {
      const { json } = await feed(org.id, { since: String(since) });
      seen.push(...json.items.map((i) => i.jti ?? ""));
      since = json.next;
    };
    const poller = (async () => {
      while (!done) await pollOnce();
    })();
    await Promise.all([...tokens.slice(0, 15).map((t) => revokePlaybackToken(actor, t.id)), revokeTokensByTag(actor, "race")]);
    done = true;
    await poller;
    await pollOnce();
    expect(seen.sort()).toEqual(tokens.map((t) => t.jti).sort());
  });

  it("answers with Cache-Control: public, max-age=5", async () => {
    const { org } = await tokenOrg();
    const res = await feed(org.id);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("public, max-age=5");
    expect(res.json).toEqual({ items: [], next: 0, more: false });
  });

  it("answers an unknown organisation as its JWKS does (404), and refuses a bad query with 400", async () => {
    const missing = "org_does_not_exist";
    const res = await feed(missing);
    const jwks = await callRoute(jwksRoute.GET, "GET", `/api/v1/organisations/${missing}/jwks.json`, { params: { orgId: missing } });
    expect(jwks.status).toBe(404);
    expectError(res, 404, (jwks.json as { error: { code: string } }).error.code);
    const { org } = await tokenOrg();
    for (const query of [{ limit: "0" }, { limit: "1001" }, { since: "-1" }, { since: "x" }, { other: "1" }] as Record<string, string>[]) {
      expectError(await feed(org.id, query), 400, "invalid_query");
    }
  });

  it("leaves out tokens already past exp, and moves next beyond them", async () => {
    const { org } = await tokenOrg();
    const long = new Date(Date.now() - 10 * 60_000);
    const expired = await db.revocation.create({ data: { orgId: org.id, kind: "token", jti: "expired-jti", exp: long } });
    const live = await db.revocation.create({ data: { orgId: org.id, kind: "token", jti: "live-jti", exp: inDays(1) } });
    expect((await feed(org.id)).json.items.map((i) => i.jti)).toEqual(["live-jti"]);
    expect((await feed(org.id, { limit: "1" })).json).toEqual({ items: [], next: expired.seq, more: true });
    expect((await feed(org.id, { since: String(expired.seq), limit: "1" })).json).toMatchObject({ items: [{ jti: "live-jti" }], next: live.seq, more: false });
  });
});

describe("the migration's backfill", () => {
  it("lists what was revoked before the feed existed, in revocation order: tokens one by one, a revoked key once", async () => {
    const { org, actor } = await tokenOrg();
    const [first, second, keyToken, live] = [await mint(actor), await mint(actor), await mint(actor), await mint(actor, { expiresAt: inDays(20).toISOString() })];
    const oldKid = first.kid;
    await rotateSigningKey(actor);
    const unrevoked = await mint(actor);
    const now = Date.now();
    const at = (minutesAgo: number) => new Date(now - minutesAgo * 60_000);
    // As the registry looked before this migration: revoked rows, no feed rows.
    await db.playbackToken.update({ where: { id: second.id }, data: { revokedAt: at(30), revokedReason: "revoked_by_tag" } });
    await db.playbackToken.update({ where: { id: first.id }, data: { revokedAt: at(20), revokedReason: "revoked" } });
    await db.signingKey.update({ where: { kid: oldKid }, data: { status: "revoked", revokedAt: at(10) } });
    await db.playbackToken.updateMany({ where: { kid: oldKid, revokedAt: null }, data: { revokedAt: at(10), revokedReason: "key_revoked" } });
    await db.revocation.deleteMany({});

    const sql = fs.readFileSync(path.join("prisma", dbProvider() === "postgresql" ? "postgres" : "sqlite", "migrations/20261204070000_revocation_feed/migration.sql"), "utf8");
    await db.$executeRawUnsafe(sql.slice(sql.indexOf("-- Backfill")));

    const items = (await feed(org.id)).json.items;
    expect(items.map((i) => [i.kind, i.jti ?? i.kid])).toEqual([["token", second.jti], ["token", first.jti], ["key", oldKid]]);
    expect(items[0]).toMatchObject({ exp: seconds(second.expiresAt), revokedAt: at(30).toISOString() });
    expect(items[1]).toMatchObject({ exp: seconds(first.expiresAt), revokedAt: at(20).toISOString() });
    expect(items[2]).toMatchObject({ exp: seconds(live.expiresAt) });
    const text = JSON.stringify(items);
    for (const t of [keyToken, live, unrevoked]) expect(text).not.toContain(t.jti);
  });
});
