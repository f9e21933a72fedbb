// POST /api/v1/playback/authorize as an edge calls it: SECURITY.md rows 9 (forgery) and 10
// (restrictions). Forged tokens are built with jose and node:crypto directly.
import { describe, expect, it, vi } from "vitest";
import { createHmac } from "node:crypto";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from "jose";
import { setupTestDatabase } from "@/tests/support/db";
import { APP_URL, inDays, streamWithRenditions, tokenOrg } from "@/tests/support/tokens";
import { startEdgeServer } from "@/tests/support/edge-server";
import { createPlaybackToken, revokePlaybackToken, revokeTokensByTag, revokeTokensByUser } from "@/lib/data/playback-tokens";
import { ensureActiveSigningKey, revokeSigningKey } from "@/lib/data/signing-keys";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { tokenFormSchema } from "@/lib/validation/tokens";

setupTestDatabase();
const edge = startEdgeServer();

/** Over HTTP, through the door server.ts answers authorize with (tests/support/edge-server.ts). */
async function authorize(body: Record<string, unknown>) {
  const res = await edge.call("/api/v1/playback/authorize", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: res.status, headers: res.headers, json: (await res.json()) as Record<string, unknown> };
}

const make = (actor: Actor, v: Record<string, unknown>) => createPlaybackToken(actor, tokenFormSchema.parse({ expiresAt: inDays(7).toISOString(), ...v }), "api");

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
const now = () => Math.floor(Date.now() / 1000);

/** A world: org A (with a stream group of two renditions, a second group) and org B. */
async function world() {
  const a = await tokenOrg();
  const b = await tokenOrg();
  const group = await streamWithRenditions(a.org.id, 2);
  const second = await streamWithRenditions(a.org.id, 1);
  const foreign = await streamWithRenditions(b.org.id, 1);
  const keyA = await ensureActiveSigningKey(a.org.id);
  const keyB = await ensureActiveSigningKey(b.org.id);
  const claims = (orgId: string, extra: JWTPayload = {}): JWTPayload => ({
    orgawide: true,
    iss: `${APP_URL()}/api/v1/organisations/${orgId}`,
    aud: "playgate:playback",
    org: orgId,
    jti: `forged-${Math.random()}`,
    iat: now(),
    exp: now() + 3600,
    ...extra,
  });
  const sign = (payload: JWTPayload, key: CryptoKey, header: Record<string, unknown>) =>
    new SignJWT(payload).setProtectedHeader({ alg: "ES256", typ: "playback+jwt", ...header }).sign(key);
  return { a, b, group, second, foreign, keyA, keyB, claims, sign };
}

async function expectDenied(token: string, stream: string, reasons: string | string[], extra: Record<string, unknown> = {}) {
  const res = await authorize({ token, stream, ...extra });
  expect(res.status).toBe(403);
  expect(res.json.allowed).toBe(false);
  expect([reasons].flat()).toContain(res.json.reason);
  expect(typeof res.json.message).toBe("string");
  // `reasons` lists every reason, the first being `reason`.
  expect((res.json.reasons as string[])[0]).toBe(res.json.reason);
  expect(res.headers.get("cache-control")).toBe("no-store");
}

async function expectAllowed(token: string, stream: string, extra: Record<string, unknown> = {}) {
  const res = await authorize({ token, stream, ...extra });
  expect(res.json).toMatchObject({ allowed: true });
  expect(res.status).toBe(200);
  return res;
}

describe("authorize endpoint", () => {
  it("allows a genuine token, answering the org, jti and expiry without caching", async () => {
    const w = await world();
    const t = await make(w.a.actor, { target: "org" });
    const res = await expectAllowed(t.token, w.group.names[0]);
    expect(res.json).toMatchObject({ orgId: w.a.org.id, jti: t.jti, expiresAt: t.expiresAt.toISOString() });
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("answers 400 for a body with unknown fields or no token", async () => {
    expect((await authorize({ stream: "x" })).status).toBe(400);
    expect((await authorize({ token: "x", stream: "y", admin: true })).status).toBe(400);
  });
});

describe("9: playback-token forgery", () => {
  it("9: alg none is refused", async () => {
    const w = await world();
    const token = `${b64({ alg: "none", typ: "playback+jwt", kid: w.keyA.kid })}.${b64(w.claims(w.a.org.id))}.`;
    await expectDenied(token, w.group.names[0], ["bad_signature", "malformed"]);
  });

  it("9: HS256 signed with the organisation's public key is refused", async () => {
    const w = await world();
    const row = await db.signingKey.findUniqueOrThrow({ where: { kid: w.keyA.kid } });
    const input = `${b64({ alg: "HS256", typ: "playback+jwt", kid: w.keyA.kid })}.${b64(w.claims(w.a.org.id))}`;
    for (const secret of [row.publicJwk, JSON.stringify(JSON.parse(row.publicJwk))]) {
      const token = `${input}.${createHmac("sha256", secret).update(input).digest("base64url")}`;
      await expectDenied(token, w.group.names[0], "bad_signature");
    }
  });

  it("9: a kid we never issued is refused", async () => {
    const w = await world();
    const { privateKey } = await generateKeyPair("ES256");
    await expectDenied(await w.sign(w.claims(w.a.org.id), privateKey, { kid: "pgk_not-ours" }), w.group.names[0], "unknown_key");
  });

  it("9: a key embedded in the header (jwk) or linked (jku) is never used", async () => {
    const w = await world();
    const { privateKey, publicKey } = await generateKeyPair("ES256");
    const jwk = await exportJWK(publicKey);
    await expectDenied(await w.sign(w.claims(w.a.org.id), privateKey, { kid: w.keyA.kid, jwk }), w.group.names[0], "malformed");
    await expectDenied(await w.sign(w.claims(w.a.org.id), privateKey, { jwk }), w.group.names[0], "malformed");
    await expectDenied(await w.sign(w.claims(w.a.org.id), privateKey, { kid: w.keyA.kid, jku: "https://evil.test/jwks.json" }), w.group.names[0], "malformed");
  });

  it("9: wrong typ is refused even with a genuine signature", async () => {
    const w = await world();
    await expectDenied(await w.sign(w.claims(w.a.org.id), w.keyA.privateKey, { kid: w.keyA.kid, typ: "JWT" }), w.group.names[0], "malformed");
  });

  it("9: wrong iss is refused even with a genuine signature", async () => {
    const w = await world();
    const token = await w.sign(w.claims(w.a.org.id, { iss: "https://evil.test/api/v1/organisations/x" }), w.keyA.privateKey, { kid: w.keyA.kid });
    await expectDenied(token, w.group.names[0], "wrong_issuer");
  });

  it("9: wrong aud is refused even with a genuine signature", async () => {
    const w = await world();
    const token = await w.sign(w.claims(w.a.org.id, { aud: "someone-else" }), w.keyA.privateKey, { kid: w.keyA.kid });
    await expectDenied(token, w.group.names[0], "wrong_audience");
  });

  it("9: a missing exp is refused", async () => {
    const w = await world();
    const claims = w.claims(w.a.org.id);
    delete claims.exp;
    await expectDenied(await w.sign(claims, w.keyA.privateKey, { kid: w.keyA.kid }), w.group.names[0], "malformed");
  });

  it("9: an expired exp is refused", async () => {
    const w = await world();
    const token = await w.sign(w.claims(w.a.org.id, { iat: now() - 7200, exp: now() - 3600 }), w.keyA.privateKey, { kid: w.keyA.kid });
    await expectDenied(token, w.group.names[0], "expired");
  });

  it("9: a future nbf is refused", async () => {
    const w = await world();
    const token = await w.sign(w.claims(w.a.org.id, { nbf: now() + 3600 }), w.keyA.privateKey, { kid: w.keyA.kid });
    await expectDenied(token, w.group.names[0], "not_yet_valid");
  });

  it("9: a lifetime over 365 days is refused", async () => {
    const w = await world();
    const long = await w.sign(w.claims(w.a.org.id, { exp: now() + 366 * 86400 }), w.keyA.privateKey, { kid: w.keyA.kid });
    await expectDenied(long, w.group.names[0], "lifetime_too_long");
    const old = await w.sign(w.claims(w.a.org.id, { iat: now() - 367 * 86400, exp: now() + 3600 }), w.keyA.privateKey, { kid: w.keyA.kid });
    await expectDenied(old, w.group.names[0], "lifetime_too_long");
  });

  it("9: a flipped bit in the header, payload or signature is refused", async () => {
    const w = await world();
    const t = await make(w.a.actor, { target: "org" });
    await expectAllowed(t.token, w.group.names[0]);
    const parts = t.token.split(".");
    for (let segment = 0; segment < 3; segment++) {
      const bytes = Buffer.from(parts[segment], "base64url");
      for (let i = 0; i < bytes.length; i += 5) {
        const flipped = Buffer.from(bytes);
        flipped[i] ^= 1 << i % 8;
        const forged = parts.map((p, k) => (k === segment ? flipped.toString("base64url") : p)).join(".");
        await expectDenied(forged, w.group.names[0], ["bad_signature", "malformed", "unknown_key"]);
      }
    }
  });

  it("9: a token claiming organisation A but signed with organisation B's key is refused", async () => {
    const w = await world();
    const asB = await w.sign(w.claims(w.a.org.id), w.keyB.privateKey, { kid: w.keyB.kid });
    await expectDenied(asB, w.group.names[0], "wrong_issuer");
    const underAKid = await w.sign(w.claims(w.a.org.id), w.keyB.privateKey, { kid: w.keyA.kid });
    await expectDenied(underAKid, w.group.names[0], "bad_signature");
  });

  it("9: a genuinely signed token missing from the registry is refused", async () => {
    const w = await world();
    await expectDenied(await w.sign(w.claims(w.a.org.id), w.keyA.privateKey, { kid: w.keyA.kid }), w.group.names[0], "revoked");
  });
});

describe("10: playback restrictions", () => {
  it.each([
    ["IPv4", "203.0.113.7", "203.0.113.7", "203.0.113.8"],
    ["IPv4 CIDR", "203.0.113.0/24", "203.0.113.200", "203.0.114.1"],
    ["IPv6", "2001:db8::1", "2001:db8:0:0::1", "2001:db8::2"],
    ["IPv6 CIDR", "2001:db8::/32", "2001:db8:ffff::1", "2001:db9::1"],
  ])("10: %s restriction allows a matching viewer and denies another", async (_label, claim, good, bad) => {
    const w = await world();
    const t = await make(w.a.actor, { target: "org", ip: claim });
    await expectAllowed(t.token, w.group.names[0], { ip: good });
    await expectDenied(t.token, w.group.names[0], "ip_not_allowed", { ip: bad });
  });

  it("10: an ip-restricted token is denied when the request omits the ip", async () => {
    const w = await world();
    const t = await make(w.a.actor, { target: "org", ip: "203.0.113.7" });
    await expectDenied(t.token, w.group.names[0], "ip_required");
    await expectDenied(t.token, w.group.names[0], "ip_not_allowed", { ip: "garbage" });
  });

  it("10: exact domain allows that host only", async () => {
    const w = await world();
    const t = await make(w.a.actor, { target: "org", domain: "player.example.com" });
    await expectAllowed(t.token, w.group.names[0], { origin: "https://player.example.com" });
    await expectDenied(t.token, w.group.names[0], "domain_not_allowed", { origin: "https://evil.example.com" });
    await expectDenied(t.token, w.group.names[0], "domain_not_allowed", { origin: "https://player.example.com.evil.test" });
  });

  it("10: *.domain allows subdomains but not the apex", async () => {
    const w = await world();
    const t = await make(w.a.actor, { target: "org", domain: "*.example.com" });
    await expectAllowed(t.token, w.group.names[0], { origin: "https://live.example.com" });
    await expectDenied(t.token, w.group.names[0], "domain_not_allowed", { origin: "https://example.com" });
    await expectDenied(t.token, w.group.names[0], "domain_not_allowed", { origin: "https://notexample.com" });
  });

  it("10: every reason is listed in reasons[], reason stays the first: wrong IP and wrong origin, a revoked token beside them", async () => {
    const w = await world();
    const t = await make(w.a.actor, { target: "org", ip: "203.0.113.7", domain: "player.example.com" });
    const both = await authorize({ token: t.token, stream: w.group.names[0], ip: "198.51.100.1", origin: "https://evil.example.com" });
    expect(both.status).toBe(403);
    expect(both.json).toMatchObject({ allowed: false, reason: "ip_not_allowed", reasons: ["ip_not_allowed", "domain_not_allowed"] });
    const none = await authorize({ token: t.token, stream: "no-such-stream-name" });
    expect(none.json.reasons).toEqual(["unknown_stream", "ip_required", "domain_required"]);
    await revokePlaybackToken(w.a.actor, t.id);
    const revoked = await authorize({ token: t.token, stream: w.group.names[0], ip: "198.51.100.1", origin: "https://player.example.com" });
    expect(revoked.json).toMatchObject({ reason: "revoked", reasons: ["revoked", "ip_not_allowed"] });
    // A token that does not verify has one reason.
    expect((await authorize({ token: "not.a.jwt", stream: w.group.names[0] })).json.reasons).toEqual(["malformed"]);
  });

  it("10: a domain-restricted token is denied when the request omits the origin", async () => {
    const w = await world();
    const t = await make(w.a.actor, { target: "org", domain: "player.example.com" });
    await expectDenied(t.token, w.group.names[0], "domain_required");
  });

  it("10: a group token allows the group's stream names only", async () => {
    const w = await world();
    const t = await make(w.a.actor, { target: "group", groupid: w.group.stream.id });
    await expectAllowed(t.token, w.group.names[0]);
    await expectAllowed(t.token, w.group.names[1]);
    await expectDenied(t.token, w.second.names[0], "stream_not_allowed");
    await expectDenied(t.token, w.foreign.names[0], "stream_not_allowed");
    await expectDenied(t.token, "no-such-stream", "unknown_stream");
  });

  it("10: an org-wide token allows every stream of its organisation and no other", async () => {
    const w = await world();
    const t = await make(w.a.actor, { target: "org" });
    await expectAllowed(t.token, w.group.names[1]);
    await expectAllowed(t.token, w.second.names[0]);
    await expectDenied(t.token, w.foreign.names[0], "stream_not_allowed");
  });

  it("10: a stream-list token allows the listed names only", async () => {
    const w = await world();
    const t = await make(w.a.actor, { target: "streams", streams: [w.group.names[0], w.second.names[0]] });
    await expectAllowed(t.token, w.group.names[0]);
    await expectAllowed(t.token, w.second.names[0]);
    await expectDenied(t.token, w.group.names[1], "stream_not_allowed");
  });

  it("10: a revoked token is denied on the next call (one, by tag, by user)", async () => {
    const w = await world();
    const one = await make(w.a.actor, { target: "org" });
    const tagged = await make(w.a.actor, { target: "org", tag: "leaked" });
    const user = await make(w.a.actor, { target: "org", user: "ana" });
    for (const t of [one, tagged, user]) await expectAllowed(t.token, w.group.names[0]);
    await revokePlaybackToken(w.a.actor, one.id);
    await revokeTokensByTag(w.a.actor, "leaked");
    await revokeTokensByUser(w.a.actor, "ana");
    for (const t of [one, tagged, user]) await expectDenied(t.token, w.group.names[0], "revoked");
  });
});

describe("verified-token cache", () => {
  it("still checks key status, revocation and the clock for a token it has seen", async () => {
    const w = await world();
    const t = await make(w.a.actor, { target: "org" });
    await expectAllowed(t.token, w.group.names[0]);
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(Date.now() + 8 * 86_400_000);
      await expectDenied(t.token, w.group.names[0], "expired");
    } finally {
      vi.useRealTimers();
    }
    await revokePlaybackToken(w.a.actor, t.id);
    await expectDenied(t.token, w.group.names[0], "revoked");
    // The key's status too: revoked here, refused from the next call.
    const u = await make(w.a.actor, { target: "org" });
    await expectAllowed(u.token, w.group.names[0]);
    await revokeSigningKey(w.a.actor, u.kid);
    await expectDenied(u.token, w.group.names[0], "key_revoked");
  });
});

describe("23: token malleability at the authorize endpoint", () => {
  /** Order of the P-256 group (SEC 2 §2.4.2). */
  const N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
  function twin(token: string): string {
    const [h, p, sig] = token.split(".");
    const bytes = Buffer.from(sig, "base64url");
    const s = BigInt(`0x${bytes.subarray(32).toString("hex")}`);
    return `${h}.${p}.${Buffer.concat([bytes.subarray(0, 32), Buffer.from((N - s).toString(16).padStart(64, "0"), "hex")]).toString("base64url")}`;
  }

  it("23: a padded or re-spelled signature of a genuine token is refused", async () => {
    const w = await world();
    const t = await make(w.a.actor, { target: "org" });
    await expectAllowed(t.token, w.group.names[0]);
    const last = t.token.at(-1)!;
    const respelled = t.token.slice(0, -1) + "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"["ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".indexOf(last) + 1];
    for (const variant of [`${t.token}==`, respelled, `${t.token.slice(0, -10)} ${t.token.slice(-10)}`]) await expectDenied(variant, w.group.names[0], "malformed");
  });

  it("23: the high-S twin of a token is the same token: allowed, one registry row, and revoking it by jti refuses both", async () => {
    const w = await world();
    const t = await make(w.a.actor, { target: "org" });
    const other = twin(t.token);
    expect(other).not.toBe(t.token);
    // Both texts are verified and remembered (two genuine cache entries) …
    await expectAllowed(t.token, w.group.names[0]);
    const res = await expectAllowed(other, w.group.names[0]);
    expect(res.json).toMatchObject({ jti: t.jti });
    await expectAllowed(other, w.group.names[0]);
    expect(await db.playbackToken.count({ where: { orgId: w.a.org.id, jti: t.jti } })).toBe(1);
    // … and the registry row, found by jti, decides for both.
    await revokePlaybackToken(w.a.actor, t.id);
    await expectDenied(t.token, w.group.names[0], "revoked");
    await expectDenied(other, w.group.names[0], "revoked");
  });
});
