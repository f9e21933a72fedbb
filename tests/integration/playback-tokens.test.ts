// Creating, listing and revoking playback tokens through the data layer (real DB, real jose).
import { describe, expect, it } from "vitest";
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from "jose";
import { setupTestDatabase } from "@/tests/support/db";
import { APP_URL, inDays, streamWithRenditions, tokenOrg } from "@/tests/support/tokens";
import { db } from "@/lib/db";
import { RuleError, NotFoundError } from "@/lib/errors";
import {
  authorizePlayback,
  createPlaybackToken,
  getPlaybackToken,
  listPlaybackTokens,
  revokePlaybackToken,
  revokeTokensByTag,
  revokeTokensByUser,
  tokenStatus,
} from "@/lib/data/playback-tokens";
import { MEDIAMTX_ORG_WIDE, tokenFormSchema } from "@/lib/validation/tokens";
import { publicJwks, resolveVerificationKey } from "@/lib/data/signing-keys";
import { verifyPlaybackToken } from "@/lib/tokens/verify";

setupTestDatabase();

const input = (v: Record<string, unknown>) => tokenFormSchema.parse({ expiresAt: inDays(7).toISOString(), ...v });

describe("createPlaybackToken", () => {
  it("signs exactly the claims asked for, keeps the token in the registry and writes an audit event", async () => {
    const { org, actor } = await tokenOrg();
    const { stream } = await streamWithRenditions(org.id);
    await db.webhook.create({ data: { orgId: org.id, url: "https://hooks.example.com/in", events: JSON.stringify(["token.created"]), enabled: true, secretNonce: "n", secretMasked: "" } });
    const created = await createPlaybackToken(
      actor,
      input({ target: "group", groupid: stream.id, ip: "203.0.113.0/24", domain: "*.example.com", user: "viewer-1", tag: "spring" }),
      "ui",
    );

    const payload = decodeJwt(created.token);
    expect(payload).toMatchObject({
      groupid: stream.id,
      ip: "203.0.113.0/24",
      domain: "*.example.com",
      user: "viewer-1",
      tag: "spring",
      org: org.id,
      iss: `${APP_URL()}/api/v1/organisations/${org.id}`,
      aud: "playgate:playback",
      jti: created.jti,
    });
    expect(payload).not.toHaveProperty("streams");
    expect(payload).not.toHaveProperty("orgawide");
    expect(payload.exp! - payload.iat!).toBeGreaterThan(6 * 86400);
    expect(decodeProtectedHeader(created.token)).toEqual({ alg: "ES256", typ: "playback+jwt", kid: created.kid });

    const row = await db.playbackToken.findUniqueOrThrow({ where: { jti: created.jti } });
    expect(row).toMatchObject({ orgId: org.id, token: created.token, targetType: "group", groupId: stream.id, createdByEmail: actor.email, createdVia: "ui", kid: created.kid });
    expect(await db.auditEvent.count({ where: { orgId: org.id, action: "token.created", targetId: created.id } })).toBe(1);
    const deliveries = await db.webhookDelivery.findMany({ where: { orgId: org.id } });
    expect(deliveries.map((d) => [d.eventType, JSON.parse(d.payload).data.id])).toEqual([["token.created", created.id]]);
  });

  it("defaults to 14 days and supports stream lists and org-wide targets", async () => {
    const { org, actor } = await tokenOrg();
    const { names } = await streamWithRenditions(org.id, 3);
    const list = await createPlaybackToken(actor, tokenFormSchema.parse({ target: "streams", streams: names.slice(0, 2).join(",") }), "api");
    expect(decodeJwt(list.token).streams).toEqual(names.slice(0, 2));
    expect(list.claims.exp - list.claims.iat).toBeGreaterThanOrEqual(14 * 86400 - 2);
    const whole = await createPlaybackToken(actor, input({ target: "org" }), "api");
    expect(decodeJwt(whole.token).orgawide).toBe(true);
    expect((await getPlaybackToken(org.id, whole.id)).createdVia).toBe("api");
  });

  it("is refused without the Secure Playback package, creating nothing", async () => {
    const { org, actor } = await tokenOrg({ securePlayback: false });
    const attempt = createPlaybackToken(actor, input({ target: "org" }), "ui");
    await expect(attempt).rejects.toMatchObject({ code: "package_required", message: expect.stringMatching(/^Secure Playback is not enabled for your organisation/) });
    expect(await db.playbackToken.count({ where: { orgId: org.id } })).toBe(0);
  });

  it("refuses unknown streams and another organisation's streams as field errors", async () => {
    const { actor } = await tokenOrg();
    const other = await tokenOrg();
    const foreign = await streamWithRenditions(other.org.id);
    await expect(createPlaybackToken(actor, input({ target: "group", groupid: foreign.stream.id }), "ui")).rejects.toMatchObject({ code: "unknown_stream", field: "groupid" });
    await expect(createPlaybackToken(actor, input({ target: "streams", streams: [foreign.names[0]] }), "ui")).rejects.toMatchObject({ code: "unknown_stream", field: "streams" });
    await expect(createPlaybackToken(actor, input({ target: "streams", streams: ["nope-nope"] }), "ui")).rejects.toBeInstanceOf(RuleError);
    expect(await db.playbackToken.count({ where: { orgId: actor.orgId } })).toBe(0);
  });
});

describe("listPlaybackTokens and getPlaybackToken", () => {
  it("pages newest first with a cursor and filters by status, tag and user", async () => {
    const { org, actor } = await tokenOrg();
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await createPlaybackToken(actor, input({ target: "org", tag: i % 2 ? "odd" : "even", user: `u${i}` }), "ui"));
    await createPlaybackToken(actor, input({ target: "org", notBefore: inDays(1).toISOString() }), "ui");
    await revokePlaybackToken(actor, made[0].id);

    const first = await listPlaybackTokens(org.id, { limit: 4 });
    expect(first.items).toHaveLength(4);
    const second = await listPlaybackTokens(org.id, { limit: 4, cursor: first.nextCursor! });
    expect(second.nextCursor).toBeNull();
    const ids = [...first.items, ...second.items].map((r) => r.id);
    expect(new Set(ids).size).toBe(6);
    expect(ids.at(-1)).toBe(made[0].id);
    expect(first.newerCursor).toBeNull();
    const back = await listPlaybackTokens(org.id, { limit: 4, before: second.newerCursor! });
    expect(back.items.map((r) => r.id)).toEqual(first.items.map((r) => r.id));
    expect(back.newerCursor).toBeNull();

    expect((await listPlaybackTokens(org.id, { limit: 10, tag: "odd" })).items.map((r) => r.tag)).toEqual(["odd", "odd"]);
    expect((await listPlaybackTokens(org.id, { limit: 10, user: "u3" })).items).toHaveLength(1);
    expect((await listPlaybackTokens(org.id, { limit: 10, status: "revoked" })).items.map((r) => r.id)).toEqual([made[0].id]);
    expect((await listPlaybackTokens(org.id, { limit: 10, status: "not_yet_valid" })).items).toHaveLength(1);
    expect((await listPlaybackTokens(org.id, { limit: 10, status: "active" })).items).toHaveLength(4);
    expect((await listPlaybackTokens(org.id, { limit: 10, status: "expired" })).items).toHaveLength(0);
  });

  it("shows a token only to its own organisation, with the token, header and payload", async () => {
    const { org, actor } = await tokenOrg();
    const other = await tokenOrg();
    const created = await createPlaybackToken(actor, input({ target: "org" }), "ui");
    const shown = await getPlaybackToken(org.id, created.id);
    expect(shown).toMatchObject({ token: created.token, status: "active", target: "org", createdByDeleted: false, header: { kid: created.kid } });
    expect(shown.payload.jti).toBe(created.jti);
    await expect(getPlaybackToken(other.org.id, created.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(revokePlaybackToken(other.actor, created.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await getPlaybackToken(org.id, created.id)).status).toBe("active");
  });

  it("computes status from revocation, expiry and not-before", () => {
    const now = new Date();
    expect(tokenStatus({ revokedAt: now, expiresAt: inDays(1), notBefore: null }, now)).toBe("revoked");
    expect(tokenStatus({ revokedAt: null, expiresAt: now, notBefore: null }, now)).toBe("expired");
    expect(tokenStatus({ revokedAt: null, expiresAt: inDays(2), notBefore: inDays(1) }, now)).toBe("not_yet_valid");
    expect(tokenStatus({ revokedAt: null, expiresAt: inDays(2), notBefore: null }, now)).toBe("active");
  });
});

describe("revocation", () => {
  it("revokes one token, auditing it once", async () => {
    const { org, actor } = await tokenOrg();
    const created = await createPlaybackToken(actor, input({ target: "org" }), "ui");
    expect((await revokePlaybackToken(actor, created.id)).alreadyRevoked).toBe(false);
    expect((await revokePlaybackToken(actor, created.id)).alreadyRevoked).toBe(true);
    expect((await getPlaybackToken(org.id, created.id)).status).toBe("revoked");
    expect(await db.auditEvent.count({ where: { orgId: org.id, action: "token.revoked" } })).toBe(1);
  });

  it("revokes by tag and by user only tokens issued before, in the same organisation", async () => {
    const { org, actor } = await tokenOrg();
    const other = await tokenOrg();
    const a = await createPlaybackToken(actor, input({ target: "org", tag: "leak", user: "ana" }), "ui");
    const b = await createPlaybackToken(actor, input({ target: "org", tag: "keep", user: "ana" }), "ui");
    const foreign = await createPlaybackToken(other.actor, input({ target: "org", tag: "leak", user: "ana" }), "ui");

    expect(await revokeTokensByTag(actor, "leak")).toEqual({ count: 1 });
    const after = await createPlaybackToken(actor, input({ target: "org", tag: "leak" }), "ui");
    expect((await getPlaybackToken(org.id, a.id)).status).toBe("revoked");
    expect((await getPlaybackToken(org.id, after.id)).status).toBe("active");

    expect(await revokeTokensByUser(actor, "ana")).toEqual({ count: 1 });
    expect((await getPlaybackToken(org.id, b.id)).status).toBe("revoked");
    const later = await createPlaybackToken(actor, input({ target: "org", user: "ana" }), "ui");
    expect((await getPlaybackToken(org.id, later.id)).status).toBe("active");
    expect((await getPlaybackToken(other.org.id, foreign.id)).status).toBe("active");

    expect(await db.auditEvent.count({ where: { orgId: org.id, action: "token.revoked_by_tag" } })).toBe(1);
    expect(await db.auditEvent.count({ where: { orgId: org.id, action: "token.revoked_by_user" } })).toBe(1);
  });
});

describe("the mediamtx option", () => {
  const verifyOpts = () => ({ appUrl: APP_URL(), resolveKey: resolveVerificationKey });

  it("adds mediamtx_permissions with read on each rendition of a group, in order, and the token still verifies and authorizes", async () => {
    const { org, actor } = await tokenOrg();
    const { stream, names } = await streamWithRenditions(org.id, 3);
    const created = await createPlaybackToken(actor, input({ target: "group", groupid: stream.id, mediamtx: "on" }), "ui");
    const expected = names.map((path) => ({ action: "read", path }));
    expect(decodeJwt(created.token).mediamtx_permissions).toEqual(expected);
    expect(created.claims.mediamtx_permissions).toEqual(expected);

    // As MediaMTX does it: the organisation's JWKS alone, then the claim.
    const jwks = createLocalJWKSet((await publicJwks(org.id)) as unknown as JSONWebKeySet);
    const { payload } = await jwtVerify(created.token, jwks, { algorithms: ["ES256"] });
    expect(payload.mediamtx_permissions).toEqual(expected);

    const verified = await verifyPlaybackToken(created.token, verifyOpts());
    expect(verified).toMatchObject({ ok: true, payload: { groupid: stream.id, mediamtx_permissions: expected } });
    for (const name of names) expect(await authorizePlayback({ token: created.token, stream: name })).toMatchObject({ allowed: true });
    expect((await getPlaybackToken(org.id, created.id)).payload.mediamtx_permissions).toEqual(expected);
  });

  it("adds one entry per listed stream name for a stream-list token, and nothing for the group's other names", async () => {
    const { org, actor } = await tokenOrg();
    const { names } = await streamWithRenditions(org.id, 3);
    const created = await createPlaybackToken(actor, input({ target: "streams", streams: [names[2], names[0]], mediamtx: true }), "api");
    expect(decodeJwt(created.token).mediamtx_permissions).toEqual([{ action: "read", path: names[2] }, { action: "read", path: names[0] }]);
    expect(await verifyPlaybackToken(created.token, verifyOpts())).toMatchObject({ ok: true });
    expect(await authorizePlayback({ token: created.token, stream: names[1] })).toMatchObject({ allowed: false, reason: "stream_not_allowed" });
  });

  it("is absent unless asked for", async () => {
    const { org, actor } = await tokenOrg();
    const { stream, names } = await streamWithRenditions(org.id, 1);
    for (const extra of [{}, { mediamtx: false }, { mediamtx: "false" }, { mediamtx: "" }]) {
      const group = await createPlaybackToken(actor, input({ target: "group", groupid: stream.id, ...extra }), "ui");
      expect(decodeJwt(group.token)).not.toHaveProperty("mediamtx_permissions");
    }
    const list = await createPlaybackToken(actor, input({ target: "streams", streams: names }), "ui");
    expect(decodeJwt(list.token)).not.toHaveProperty("mediamtx_permissions");
    const whole = await createPlaybackToken(actor, input({ target: "org" }), "ui");
    expect(decodeJwt(whole.token)).not.toHaveProperty("mediamtx_permissions");
  });

  it("is refused for an organisation-wide token (no MediaMTX path means 'this organisation'), and for a group without stream names", async () => {
    const { org, actor } = await tokenOrg();
    const parsed = tokenFormSchema.safeParse({ target: "org", mediamtx: "on" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["mediamtx", MEDIAMTX_ORG_WIDE]]);
    // An input built by hand is refused by the data layer too.
    const byHand = { ...input({ target: "org" }), mediamtx: true };
    await expect(createPlaybackToken(actor, byHand, "api")).rejects.toMatchObject({ name: "RuleError", field: "mediamtx", message: MEDIAMTX_ORG_WIDE });
    const { stream } = await streamWithRenditions(org.id, 0);
    await expect(createPlaybackToken(actor, input({ target: "group", groupid: stream.id, mediamtx: true }), "api")).rejects.toMatchObject({ field: "mediamtx" });
    expect(await db.playbackToken.count({ where: { orgId: org.id } })).toBe(0);
  });
});
