// nanoStream Cloud's token API under Playgate (issue 20): /api/v1/splay, /verify and /revoke with
// X-BINTU-APIKEY, nanoStream's bodies, answers and error numbers, on the same data layer,
// permission table and audit as /api/v1/secure/token. Run on SQLite and PostgreSQL.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { setupTestDatabase } from "@/tests/support/db";
import { apiFixture } from "@/tests/support/api-fixture";
import { apiKey, bintu, callRoute, expectContract, expectError } from "@/tests/support/api";
import * as c from "@/lib/api/contracts/splay";
import { nanoErrorBody } from "@/lib/api/nanostream";
import { openApiDocument } from "@/lib/api/openapi";
import * as streams from "@/app/api/v1/streams/route";
import * as tokens from "@/app/api/v1/secure/token/route";
import * as splay from "@/app/api/v1/splay/route";
import * as verify from "@/app/api/v1/splay/verify/route";
import * as revoke from "@/app/api/v1/splay/revoke/route";
import * as authorize from "@/app/api/v1/playback/authorize/route";
import { createOrganisation } from "@/lib/data/organisations";
import { ensureActiveSigningKey, revokeSigningKey } from "@/lib/data/signing-keys";
import { signClaims } from "@/lib/tokens/sign";
import { issuerFor, TOKEN_AUDIENCE, type PlaybackClaims } from "@/lib/tokens/claims";
import { getConfig } from "@/lib/config";
import { db } from "@/lib/db";

setupTestDatabase();
let f: Awaited<ReturnType<typeof apiFixture>>;
let groupid: string;
let streamName: string;
beforeAll(async () => {
  f = await apiFixture();
  const s = await callRoute(streams.POST, "POST", "/api/v1/streams", { headers: apiKey(f.masterA), body: { name: "Splay stream", renditions: 2 } });
  groupid = (s.json as { id: string }).id;
  streamName = (s.json as { renditions: { streamName: string }[] }).renditions[0].streamName;
});

const now = () => Math.floor(Date.now() / 1000);
const bintuKey = (key: string) => ({ "x-bintu-apikey": key });
const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString()) as Record<string, unknown>;

const post = (body: unknown, headers: Record<string, string> = bintuKey(f.masterA)) => callRoute(splay.POST, "POST", "/api/v1/splay", { headers, body });
const check = (token: unknown, headers: Record<string, string> = bintuKey(f.masterA)) => callRoute(verify.POST, "POST", "/api/v1/splay/verify", { headers, body: { token } });
const cancel = (token: unknown, headers: Record<string, string> = bintuKey(f.masterA)) => callRoute(revoke.POST, "POST", "/api/v1/splay/revoke", { headers, body: { token } });
const tokenOf = async (body: object) => {
  const made = await post(body);
  expectContract(c.splay, made);
  return (made.json as { data: { token: string } }).data.token;
};

/** nanoStream's error envelope with this status and number. */
function expectNano(result: { status: number; json: unknown }, status: number, errorCode: number) {
  expect(result.status, JSON.stringify(result.json)).toBe(status);
  expect(nanoErrorBody.safeParse(result.json).success, JSON.stringify(result.json)).toBe(true);
  expect((result.json as { error: { errorCode: number } }).error.errorCode).toBe(errorCode);
  return (result.json as { error: { message: string } }).error.message;
}

/** A token of `orgId` signed with its active key, with times the API would refuse to issue. */
async function signedWith(orgId: string, times: { iat: number; exp: number; nbf?: number }) {
  const key = await ensureActiveSigningKey(orgId);
  const claims: PlaybackClaims = { orgawide: true, iss: issuerFor(getConfig().appUrl, orgId), aud: TOKEN_AUDIENCE, org: orgId, jti: randomBytes(16).toString("base64url"), ...times };
  return (await signClaims(claims, key.kid, key.privateKey)).token;
}

describe("POST /api/v1/splay", () => {
  it("mints with X-BINTU-APIKEY and answers {success, data: {token}}; the token plays; the audit event records revocable", async () => {
    const made = await post({ groupid, tag: "splay-1", user: "viewer-9", cust: "order-77", revocable: false });
    expectContract(c.splay, made);
    expect(made.status).toBe(200);
    const { token } = (made.json as { data: { token: string } }).data;
    expect(claimsOf(token)).toMatchObject({ groupid, tag: "splay-1", user: "viewer-9", cust: "order-77" });
    const allowed = await callRoute(authorize.POST, "POST", "/api/v1/playback/authorize", { body: { token, stream: streamName } });
    expect(allowed.status).toBe(200);

    const row = await db.playbackToken.findFirstOrThrow({ where: { orgId: f.orgA.id, tag: "splay-1" } });
    expect(row.createdVia).toBe("api");
    const audit = await db.auditEvent.findFirstOrThrow({ where: { orgId: f.orgA.id, action: "token.created", targetId: row.id } });
    expect(JSON.parse(audit.details ?? "{}")).toMatchObject({ api: "splay", revocable: false, jti: row.jti });
  });

  it("takes a user's X-BINTU-TOKEN too; readonly is refused 403 9403 and the refusal is audited", async () => {
    const made = await post({ streams: [streamName] }, bintu(f.userA.token));
    expectContract(c.splay, made);
    expect(expectNano(await post({ orgawide: true }, bintu(f.readonlyA.token)), 403, 9403)).toMatch(/not permitted/);
    expect(await db.auditEvent.count({ where: { orgId: f.orgA.id, action: "permission.denied", targetLabel: c.splay.name, actorEmail: f.readonlyA.user.email } })).toBeGreaterThan(0);
  });

  it("1001: a missing or wrong key answers 403 Provided APIKey is not valid; X-BINTU-APIKEY is not accepted by the rest of /api/v1", async () => {
    expect(expectNano(await post({ orgawide: true }, {}), 403, 1001)).toBe("Provided APIKey is not valid");
    expectNano(await post({ orgawide: true }, bintuKey("pg_live_not-a-key")), 403, 1001);
    const wrong = await post({ orgawide: true }, bintu("pg_st_not-a-token"));
    expectNano(wrong, 403, 1001);
    expect(wrong.headers.get("www-authenticate")).toBeNull();
    expectError(await callRoute(tokens.POST, "POST", "/api/v1/secure/token", { headers: bintuKey(f.masterA), body: { orgawide: true } }), 401, "unauthenticated");
  });

  it("1000: a missing or invalid parameter answers 400 with the field named, and says where Playgate differs", async () => {
    expect(expectNano(await post({ tag: "x" }), 400, 1000)).toMatch(/^Parameter required: send exactly one of groupid, streams or orgawide/);
    expectNano(await post({ groupid, orgawide: true }), 400, 1000);
    expectNano(await post({ orgawide: true, admin: true }), 400, 1000);
    expectNano(await post({ orgawide: true, revocable: "yes" }), 400, 1000);
    expect(expectNano(await post({ orgawide: true, exp: now() + 400 * 86_400 }), 400, 1000)).toMatch(/^exp: .*365 days.*Playgate caps/);
    expect(expectNano(await post({ orgawide: true, ip: "999.1.1.1" }), 400, 1000)).toMatch(/^ip: .*IPv6 .*CIDR/);
    expect(expectNano(await post({ groupid: "grp_nothere" }), 400, 1000)).toMatch(/no stream/);
    expectNano(await callRoute(splay.POST, "POST", "/api/v1/splay", { headers: bintuKey(f.masterA), rawBody: "{not json" }), 400, 1000);
    expectNano(await callRoute(splay.POST, "POST", "/api/v1/splay", { headers: { ...bintuKey(f.masterA), "content-type": "text/plain" }, rawBody: "{}" }), 415, 1000);
  });

  it("an organisation without Secure Playback is refused 403 9403", async () => {
    const bare = await createOrganisation({ name: "No package splay", admin: { email: "nopkg@splay.test", name: "", password: "long-enough-password" }, packages: [] });
    expect(expectNano(await post({ orgawide: true }, bintuKey(bare.masterKey)), 403, 9403)).toMatch(/Secure Playback/);
  });

  it("the same target and restriction fields give the same claims as POST /api/v1/secure/token", async () => {
    const exp = now() + 3600;
    const nbf = now() - 60;
    for (const target of [{ groupid }, { streams: [streamName] }, { orgawide: true }]) {
      const fields = { ...target, exp, nbf, ip: "2001:db8::/32", domain: "*.example.com", user: "u-1", tag: "same", cust: "c-1" };
      const viaSplay = claimsOf(await tokenOf(fields));
      const own = await callRoute(tokens.POST, "POST", "/api/v1/secure/token", { headers: apiKey(f.masterA), body: fields });
      expect(own.status).toBe(201);
      const viaOwn = claimsOf((own.json as { token: string }).token);
      // Everything but the token's own id and the second it was signed in.
      const rest = (claims: Record<string, unknown>) => Object.fromEntries(Object.entries(claims).filter(([k]) => k !== "jti" && k !== "iat"));
      expect(viaSplay.jti).not.toBe(viaOwn.jti);
      const splayRest = rest(viaSplay);
      expect(splayRest).toEqual(rest(viaOwn));
      expect(splayRest).toMatchObject({ ...target, exp, nbf, cust: "c-1" });
    }
  });
});

describe("POST /api/v1/splay/verify", () => {
  it("answers the token's claims, to any role with token:read", async () => {
    const token = await tokenOf({ groupid, tag: "verify-me" });
    const ok = await check(token);
    expectContract(c.splayVerify, ok);
    expect(ok.json).toEqual({ success: true, data: claimsOf(token) });
    expectContract(c.splayVerify, await check(token, bintu(f.readonlyA.token)));
  });

  it("1002 jwt expired, 2004 jwt malformed, 9001 jwt not active", async () => {
    const expired = await signedWith(f.orgA.id, { iat: now() - 7200, exp: now() - 3600 });
    expect(expectNano(await check(expired), 403, 1002)).toBe("jwt expired");
    for (const bad of ["abc", "not.a.jwt", `${expired}x`]) expect(expectNano(await check(bad), 400, 2004)).toBe("jwt malformed");
    expectNano(await callRoute(verify.POST, "POST", "/api/v1/splay/verify", { headers: bintuKey(f.masterA), body: {} }), 400, 1000);
    const early = await signedWith(f.orgA.id, { iat: now(), exp: now() + 7200, nbf: now() + 3600 });
    expect(expectNano(await check(early), 403, 9001)).toBe("jwt not active");
  });

  it("2012: another organisation's token and a token no one issued get the same answer", async () => {
    const theirs = await tokenOf({ orgawide: true });
    const fromB = await check(theirs, bintuKey(f.masterB));
    expectNano(fromB, 403, 2012);
    // Signed by A's key but never in A's registry, and A's token with another signature.
    const unissued = await check(await signedWith(f.orgA.id, { iat: now(), exp: now() + 600 }));
    const [head, body] = theirs.split(".");
    const forged = await check(`${head}.${body}.${Buffer.alloc(64, 7).toString("base64url")}`);
    expect(unissued).toMatchObject({ status: fromB.status, json: fromB.json });
    expect(forged).toMatchObject({ status: fromB.status, json: fromB.json });
    // An expired token of another organisation says nothing about its expiry either.
    expect((await check(await signedWith(f.orgA.id, { iat: now() - 7200, exp: now() - 3600 }), bintuKey(f.masterB))).json).toEqual(fromB.json);
  });
});

describe("POST /api/v1/splay/revoke", () => {
  it("204, then verify answers 9002 jwt revoked and authorize refuses; again 204; audited as a revoke", async () => {
    const token = await tokenOf({ groupid, tag: "revoke-me" });
    const done = await cancel(token);
    expect(done.status).toBe(204);
    expect(expectNano(await check(token), 403, 9002)).toBe("jwt revoked");
    const refused = await callRoute(authorize.POST, "POST", "/api/v1/playback/authorize", { body: { token, stream: streamName } });
    expect(refused.json).toMatchObject({ allowed: false, reason: "revoked" });
    expect((await cancel(token)).status).toBe(204);
    const row = await db.playbackToken.findFirstOrThrow({ where: { orgId: f.orgA.id, tag: "revoke-me" } });
    expect(await db.auditEvent.count({ where: { orgId: f.orgA.id, action: "token.revoked", targetId: row.id } })).toBe(1);
  });

  it("2012 for another organisation's token (it stays valid), 2004 for a malformed one, 9403 for readonly", async () => {
    const token = await tokenOf({ orgawide: true, tag: "keep-me" });
    const fromB = await cancel(token, bintuKey(f.masterB));
    expectNano(fromB, 403, 2012);
    expect((await cancel(await signedWith(f.orgA.id, { iat: now(), exp: now() + 600 }))).json).toEqual(fromB.json);
    expectContract(c.splayVerify, await check(token));
    expect(expectNano(await cancel("abc"), 400, 2004)).toBe("jwt malformed");
    expectNano(await cancel(token, bintu(f.readonlyA.token)), 403, 9403);
    expectContract(c.splayVerify, await check(token));
  });

  it("a revoked signing key: verify answers 9002 for every token it signed", async () => {
    const org = await createOrganisation({ name: "Key revoke splay", admin: { email: "keys@splay.test", name: "", password: "long-enough-password" }, packages: ["secure_playback"] });
    const made = await post({ orgawide: true }, bintuKey(org.masterKey));
    const token = (made.json as { data: { token: string } }).data.token;
    const kid = JSON.parse(Buffer.from(token.split(".")[0], "base64url").toString()).kid as string;
    const actor = { kind: "api_key" as const, orgId: org.org.id, role: "admin" as const, userId: null, email: "API key", label: "key" };
    await revokeSigningKey(actor, kid);
    expectNano(await check(token, bintuKey(org.masterKey)), 403, 9002);
  });
});

describe("the reference", () => {
  it("names the family under its own tag, with X-BINTU-APIKEY and nanoStream's error shape", () => {
    const doc = openApiDocument("http://127.0.0.1:3999") as unknown as { paths: Record<string, Record<string, { tags: string[]; security: object[]; responses: Record<string, { content?: { "application/json": { schema: { $ref: string } } } }> }>>; components: { securitySchemes: Record<string, { name?: string }> } };
    for (const path of ["/api/v1/splay", "/api/v1/splay/verify", "/api/v1/splay/revoke"]) {
      const op = doc.paths[path].post;
      expect(op.tags).toEqual(["nanoStream compatibility"]);
      expect(op.security[0]).toEqual({ BintuApiKey: [] });
      expect(op.responses["400"].content?.["application/json"].schema.$ref).toBe("#/components/schemas/NanoStreamError");
      expect(op.responses["401"]).toBeUndefined();
    }
    expect(doc.components.securitySchemes.BintuApiKey.name).toBe("X-BINTU-APIKEY");
    expect(doc.paths["/api/v1/secure/token"].post.security).not.toContainEqual({ BintuApiKey: [] });
  });
});
