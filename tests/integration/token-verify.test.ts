// Offline verification: a token verifies with jose fed ONLY the published JWKS; key rotation and
// emergency key revocation end to end.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from "jose";
import { setupTestDatabase } from "@/tests/support/db";
import { APP_URL, inDays, streamWithRenditions, tokenOrg } from "@/tests/support/tokens";
import { db, dbProvider } from "@/lib/db";
import { GET as orgJwksGET } from "@/app/api/v1/organisations/[orgId]/jwks.json/route";
import { GET as wellKnownGET } from "@/app/.well-known/jwks.json/route";
import { createPlaybackToken, authorizePlayback, getPlaybackToken } from "@/lib/data/playback-tokens";
import { ensureActiveSigningKey, listSigningKeys, publicJwks, revokeSigningKey, rotateSigningKey } from "@/lib/data/signing-keys";
import { tokenFormSchema } from "@/lib/validation/tokens";

setupTestDatabase();

const input = (v: Record<string, unknown>) => tokenFormSchema.parse({ expiresAt: inDays(7).toISOString(), ...v });

async function fetchOrgJwks(orgId: string) {
  const res = await orgJwksGET(new NextRequest(`${APP_URL()}/api/v1/organisations/${orgId}/jwks.json`), { params: Promise.resolve({ orgId }) });
  return { res, body: (await res.json()) as JSONWebKeySet };
}

function verifyOffline(token: string, jwks: JSONWebKeySet, orgId: string) {
  return jwtVerify(token, createLocalJWKSet(jwks), {
    algorithms: ["ES256"],
    issuer: `${APP_URL()}/api/v1/organisations/${orgId}`,
    audience: "playgate:playback",
    typ: "playback+jwt",
    requiredClaims: ["exp", "iat", "jti"],
    maxTokenAge: "366d",
  });
}

describe("published JWKS", () => {
  it("verifies a token with jose using only the organisation's JWKS, claims intact, no private members", async () => {
    const { org, actor } = await tokenOrg();
    const { stream } = await streamWithRenditions(org.id);
    const created = await createPlaybackToken(actor, input({ target: "group", groupid: stream.id, tag: "t1" }), "ui");
    const { res, body } = await fetchOrgJwks(org.id);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("public, max-age=300");
    expect(body.keys).toHaveLength(1);
    expect(body.keys[0]).toEqual({ kty: "EC", crv: "P-256", x: expect.any(String), y: expect.any(String), kid: created.kid, alg: "ES256", use: "sig" });
    const { payload, protectedHeader } = await verifyOffline(created.token, body, org.id);
    expect(protectedHeader.kid).toBe(created.kid);
    expect(payload).toMatchObject({ groupid: stream.id, tag: "t1", org: org.id, jti: created.jti });
  });

  it("answers 404 in the API error shape for an unknown organisation", async () => {
    const { res, body } = await fetchOrgJwks("no-such-org");
    expect(res.status).toBe(404);
    expect(body).toMatchObject({ error: { code: "not_found" } });
  });

  it("lists every organisation's keys once at /.well-known/jwks.json, without private members", async () => {
    const a = await tokenOrg();
    const b = await tokenOrg();
    const ka = await ensureActiveSigningKey(a.org.id);
    const kb = await ensureActiveSigningKey(b.org.id);
    const res = await wellKnownGET(new NextRequest(`${APP_URL()}/.well-known/jwks.json`), { params: Promise.resolve({}) });
    const body = (await res.json()) as JSONWebKeySet;
    const kids = body.keys.map((k) => k.kid);
    expect(kids).toEqual(expect.arrayContaining([ka.kid, kb.kid]));
    expect(new Set(kids).size).toBe(kids.length);
    expect(JSON.stringify(body)).not.toMatch(/"d"/);
  });

  it("stores the private key encrypted, never as a plain JWK", async () => {
    const { org } = await tokenOrg();
    const { kid } = await ensureActiveSigningKey(org.id);
    const row = await db.signingKey.findUniqueOrThrow({ where: { kid }, omit: { privateKeyEnc: false } });
    expect(row.privateKeyEnc).toMatch(/^v1\./);
    expect(row.privateKeyEnc).not.toContain('"d"');
  });
});

describe("key rotation", () => {
  it("signs new tokens with the new key while old tokens keep verifying until they expire", async () => {
    const { org, actor } = await tokenOrg();
    const { names } = await streamWithRenditions(org.id);
    const old = await createPlaybackToken(actor, input({ target: "org", expiresAt: inDays(30).toISOString() }), "ui");
    const rotated = await rotateSigningKey(actor);
    expect(rotated.retired).toEqual([old.kid]);
    const fresh = await createPlaybackToken(actor, input({ target: "org" }), "ui");
    expect(fresh.kid).toBe(rotated.kid);
    expect(fresh.kid).not.toBe(old.kid);

    const keys = await listSigningKeys(org.id);
    const retiring = keys.find((k) => k.kid === old.kid)!;
    expect(retiring.status).toBe("retiring");
    expect(retiring.publishUntil!.getTime()).toBe(old.expiresAt.getTime());

    const { body } = await fetchOrgJwks(org.id);
    expect(body.keys.map((k) => k.kid).sort()).toEqual([old.kid, fresh.kid].sort());
    await expect(verifyOffline(old.token, body, org.id)).resolves.toBeTruthy();
    await expect(verifyOffline(fresh.token, body, org.id)).resolves.toBeTruthy();
    expect(await authorizePlayback({ token: old.token, stream: names[0] })).toMatchObject({ allowed: true });
    expect(await db.auditEvent.count({ where: { orgId: org.id, action: "signingKey.rotated" } })).toBe(1);
  });

  it("drops a retiring key from the JWKS once the last token it signed has expired", async () => {
    const { org, actor } = await tokenOrg();
    const { kid } = await ensureActiveSigningKey(org.id);
    await rotateSigningKey(actor);
    expect((await publicJwks(org.id)).keys.map((k) => k.kid)).not.toContain(kid);
  });
});

describe("emergency key revocation", () => {
  it("refuses every token the key signed on the next call, keeps the org signing with a new key", async () => {
    const { org, actor } = await tokenOrg();
    const { names } = await streamWithRenditions(org.id);
    const before = await createPlaybackToken(actor, input({ target: "org" }), "ui");
    expect(await authorizePlayback({ token: before.token, stream: names[0] })).toMatchObject({ allowed: true });

    const result = await revokeSigningKey(actor, before.kid);
    expect(result.rotatedTo).toBeTruthy();
    expect(await authorizePlayback({ token: before.token, stream: names[0] })).toMatchObject({ allowed: false, reason: "key_revoked" });
    expect((await publicJwks(org.id)).keys.map((k) => k.kid)).toEqual([result.rotatedTo]);

    const after = await createPlaybackToken(actor, input({ target: "org" }), "ui");
    expect(after.kid).toBe(result.rotatedTo);
    expect(await authorizePlayback({ token: after.token, stream: names[0] })).toMatchObject({ allowed: true });
    expect(await db.auditEvent.count({ where: { orgId: org.id, action: "signingKey.revoked" } })).toBe(1);
  });

  it("refuses the key even if only its status changed in the database (another instance revoked it)", async () => {
    const { org, actor } = await tokenOrg();
    const { names } = await streamWithRenditions(org.id);
    const created = await createPlaybackToken(actor, input({ target: "org" }), "ui");
    await db.signingKey.update({ where: { kid: created.kid }, data: { status: "revoked", revokedAt: new Date() } });
    expect(await authorizePlayback({ token: created.token, stream: names[0] })).toMatchObject({ allowed: false, reason: "key_revoked" });
  });

  it("26: a key another instance revoked signs no token this instance answers, even while this instance has it cached", async () => {
    const { org, actor } = await tokenOrg();
    const first = await createPlaybackToken(actor, input({ target: "org" }), "ui");
    // Another instance revokes (its status and sweep, straight in the database): this process's
    // active-key cache still holds the key.
    const revokedAt = new Date();
    await db.signingKey.update({ where: { kid: first.kid }, data: { status: "revoked", revokedAt } });
    await db.playbackToken.updateMany({ where: { kid: first.kid, revokedAt: null }, data: { revokedAt, revokedReason: "key_revoked" } });
    const next = await createPlaybackToken(actor, input({ target: "org" }), "ui");
    expect(next.kid).not.toBe(first.kid);
    expect(await db.playbackToken.count({ where: { kid: first.kid, revokedAt: null } })).toBe(0);
    expect(await db.playbackToken.count({ where: { orgId: org.id } })).toBe(2);
    expect(await authorizePlayback({ token: next.token, stream: (await streamWithRenditions(org.id, 1)).names[0] })).toMatchObject({ allowed: true });
  });

  it("26: the migration marks the tokens of a revoked key that an earlier revocation left unrevoked, and only those", async () => {
    const { org, actor } = await tokenOrg();
    const missed = await createPlaybackToken(actor, input({ target: "org" }), "ui");
    const revokedAt = new Date(Date.now() - 60_000);
    // What another instance's stale key left behind before signing re-checked the key.
    await db.signingKey.update({ where: { kid: missed.kid }, data: { status: "revoked", revokedAt } });
    const other = await tokenOrg();
    const live = await createPlaybackToken(other.actor, input({ target: "org" }), "ui");
    const sql = fs.readFileSync(path.join("prisma", dbProvider() === "postgresql" ? "postgres" : "sqlite", "migrations/20261203080000_mark_tokens_of_revoked_keys/migration.sql"), "utf8");
    await db.$executeRawUnsafe(sql);
    expect(await getPlaybackToken(org.id, missed.id)).toMatchObject({ status: "revoked", revokedAt, revokedReason: "key_revoked" });
    expect(await getPlaybackToken(other.org.id, live.id)).toMatchObject({ status: "active", revokedAt: null });
  });

  it("cannot revoke another organisation's key", async () => {
    const a = await tokenOrg();
    const b = await tokenOrg();
    const { kid } = await ensureActiveSigningKey(b.org.id);
    await expect(revokeSigningKey(a.actor, kid)).rejects.toMatchObject({ name: "NotFoundError" });
    expect((await db.signingKey.findUniqueOrThrow({ where: { kid } })).status).toBe("active");
  });
});
