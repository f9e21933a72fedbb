// Contract tests for playback tokens and signing keys over the API, and the realistic backend
// flow of issue 6 using nothing but the master API key.
import { beforeAll, describe, expect, it } from "vitest";
import { setupTestDatabase } from "@/tests/support/db";
import { apiFixture } from "@/tests/support/api-fixture";
import { apiKey, bintu, callRoute, expectContract, expectError } from "@/tests/support/api";
import * as c from "@/lib/api/contracts/tokens";
import * as sc from "@/lib/api/contracts/streams";
import * as streams from "@/app/api/v1/streams/route";
import * as tokens from "@/app/api/v1/secure/token/route";
import * as oneToken from "@/app/api/v1/secure/token/[id]/route";
import * as revokeOne from "@/app/api/v1/secure/token/[id]/revoke/route";
import * as revokeBulk from "@/app/api/v1/secure/token/revoke/route";
import * as keys from "@/app/api/v1/signing-keys/route";
import * as rotate from "@/app/api/v1/signing-keys/rotate/route";
import * as revokeKey from "@/app/api/v1/signing-keys/[kid]/revoke/route";
import * as authorize from "@/app/api/v1/playback/authorize/route";
import { createOrganisation } from "@/lib/data/organisations";

setupTestDatabase();
let f: Awaited<ReturnType<typeof apiFixture>>;
let groupid: string;
let streamName: string;
beforeAll(async () => {
  f = await apiFixture();
  const s = await callRoute(streams.POST, "POST", "/api/v1/streams", { headers: apiKey(f.masterA), body: { name: "Backend stream", renditions: 2 } });
  groupid = (s.json as { id: string }).id;
  streamName = (s.json as { renditions: { streamName: string }[] }).renditions[0].streamName;
});

const now = () => Math.floor(Date.now() / 1000);
const auth = (body: object) => callRoute(authorize.POST, "POST", "/api/v1/playback/authorize", { body });

describe("a backend with only the master key", () => {
  it("lists streams, mints a 5-minute per-viewer token bound to an IP, authorizes it, revokes by tag, and authorize answers revoked", async () => {
    const listed = await callRoute(streams.GET, "GET", "/api/v1/streams", { headers: apiKey(f.masterA) });
    expectContract(sc.listStreams, listed);
    const stream = (listed.json as { items: { id: string; renditions: { streamName: string }[] }[] }).items.find((s) => s.id === groupid)!;

    const minted = await callRoute(tokens.POST, "POST", "/api/v1/secure/token", {
      headers: apiKey(f.masterA),
      body: { groupid: stream.id, exp: now() + 300, ip: "203.0.113.7", user: "viewer-42", tag: "event-1" },
    });
    expectContract(c.createToken, minted);
    const { token, expiresAt } = minted.json as { token: string; expiresAt: string };
    expect(Math.abs(new Date(expiresAt).getTime() / 1000 - (now() + 300))).toBeLessThan(5);

    const allowed = await auth({ token, stream: stream.renditions[1].streamName, ip: "203.0.113.7" });
    expectContract(c.authorize, allowed);
    expect((await auth({ token, stream: stream.renditions[1].streamName, ip: "198.51.100.1" })).json).toMatchObject({ allowed: false, reason: "ip_not_allowed" });

    const revoked = await callRoute(revokeBulk.POST, "POST", "/api/v1/secure/token/revoke", { headers: apiKey(f.masterA), body: { tag: "event-1" } });
    expectContract(c.revokeTokens, revoked);
    expect(revoked.json).toEqual({ count: 1 });

    const denied = await auth({ token, stream: stream.renditions[1].streamName, ip: "203.0.113.7" });
    expect(denied.status).toBe(403);
    expect(denied.json).toMatchObject({ allowed: false, reason: "revoked" });
  });
});

describe("tokens API", () => {
  it("lists, reads and revokes one token, with filters", async () => {
    const created = await callRoute(tokens.POST, "POST", "/api/v1/secure/token", { headers: bintu(f.userA.token), body: { streams: [streamName], tag: "listme" } });
    expectContract(c.createToken, created);
    const id = (created.json as { id: string }).id;

    const listed = await callRoute(tokens.GET, "GET", "/api/v1/secure/token", { headers: bintu(f.readonlyA.token), query: { tag: "listme", status: "active" } });
    expectContract(c.listTokens, listed);
    expect((listed.json as { items: { id: string; createdVia: string }[] }).items).toEqual([expect.objectContaining({ id, createdVia: "api" })]);

    const read = await callRoute(oneToken.GET, "GET", `/api/v1/secure/token/${id}`, { headers: apiKey(f.masterA), params: { id } });
    expectContract(c.getToken, read);
    expect(read.json).toMatchObject({ streams: [streamName], payload: { streams: [streamName], tag: "listme" } });

    const revoked = await callRoute(revokeOne.POST, "POST", `/api/v1/secure/token/${id}/revoke`, { headers: bintu(f.userA.token), params: { id } });
    expectContract(c.revokeToken, revoked);
    const after = await callRoute(oneToken.GET, "GET", `/api/v1/secure/token/${id}`, { headers: apiKey(f.masterA), params: { id } });
    expect(after.json).toMatchObject({ status: "revoked" });
  });

  it("filters the registry by stream group: only tokens whose target is that group", async () => {
    const forGroup = await callRoute(tokens.POST, "POST", "/api/v1/secure/token", { headers: apiKey(f.masterA), body: { groupid, tag: "by-group" } });
    await callRoute(tokens.POST, "POST", "/api/v1/secure/token", { headers: apiKey(f.masterA), body: { streams: [streamName], tag: "by-group" } });
    await callRoute(tokens.POST, "POST", "/api/v1/secure/token", { headers: apiKey(f.masterA), body: { orgawide: true, tag: "by-group" } });
    const listed = await callRoute(tokens.GET, "GET", "/api/v1/secure/token", { headers: apiKey(f.masterA), query: { groupid, tag: "by-group" } });
    expectContract(c.listTokens, listed);
    expect((listed.json as { items: { id: string; groupid: string }[] }).items).toEqual([expect.objectContaining({ id: (forGroup.json as { id: string }).id, groupid })]);
    // Another organisation's group id finds nothing of this one.
    const other = await callRoute(tokens.GET, "GET", "/api/v1/secure/token", { headers: apiKey(f.masterB), query: { groupid } });
    expect((other.json as { items: unknown[] }).items).toEqual([]);
  });

  it("refuses bad bodies with field errors, readonly with 403 and other organisations with 404", async () => {
    expectError(await callRoute(tokens.POST, "POST", "/api/v1/secure/token", { headers: apiKey(f.masterA), body: { groupid, streams: [streamName] } }), 400, "validation_failed");
    expectError(await callRoute(tokens.POST, "POST", "/api/v1/secure/token", { headers: apiKey(f.masterA), body: { orgawide: true, exp: now() - 10 } }), 400);
    expectError(await callRoute(tokens.POST, "POST", "/api/v1/secure/token", { headers: apiKey(f.masterA), body: { orgawide: true, ip: "999.1.1.1" } }), 400);
    expectError(await callRoute(tokens.POST, "POST", "/api/v1/secure/token", { headers: apiKey(f.masterA), body: { orgawide: true, admin: true } }), 400);
    expectError(await callRoute(tokens.POST, "POST", "/api/v1/secure/token", { headers: bintu(f.readonlyA.token), body: { orgawide: true } }), 403);
    expectError(await callRoute(tokens.POST, "POST", "/api/v1/secure/token", { headers: apiKey(f.masterB), body: { groupid } }), 422);

    const created = await callRoute(tokens.POST, "POST", "/api/v1/secure/token", { headers: apiKey(f.masterA), body: { orgawide: true } });
    const id = (created.json as { id: string }).id;
    expectError(await callRoute(oneToken.GET, "GET", `/api/v1/secure/token/${id}`, { headers: apiKey(f.masterB), params: { id } }), 404);
    expectError(await callRoute(revokeOne.POST, "POST", `/api/v1/secure/token/${id}/revoke`, { headers: apiKey(f.masterB), params: { id } }), 404);
    const still = await callRoute(oneToken.GET, "GET", `/api/v1/secure/token/${id}`, { headers: apiKey(f.masterA), params: { id } });
    expect(still.json).toMatchObject({ status: "active" });
  });

  it("mediamtx: true adds mediamtx_permissions (read on the group's stream names); refused with orgawide; the claim itself cannot be sent", async () => {
    const post = (body: object) => callRoute(tokens.POST, "POST", "/api/v1/secure/token", { headers: apiKey(f.masterA), body });
    const created = await post({ groupid, mediamtx: true });
    expectContract(c.createToken, created);
    const { token } = created.json as { token: string };
    const payload = JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString()) as Record<string, unknown>;
    const names = ((await callRoute(streams.GET, "GET", "/api/v1/streams", { headers: apiKey(f.masterA) })).json as { items: { id: string; renditions: { streamName: string }[] }[] }).items
      .find((s) => s.id === groupid)!.renditions.map((r) => r.streamName);
    expect(payload.mediamtx_permissions).toEqual(names.map((path) => ({ action: "read", path })));
    expect((await auth({ token, stream: streamName })).status).toBe(200);

    const without = await post({ groupid, mediamtx: false });
    expect(JSON.parse(Buffer.from((without.json as { token: string }).token.split(".")[1], "base64url").toString())).not.toHaveProperty("mediamtx_permissions");

    const orgWide = await post({ orgawide: true, mediamtx: true });
    expectError(orgWide, 400, "validation_failed");
    expect((orgWide.json as { error: { fields: Record<string, string[]> } }).error.fields.mediamtx?.[0]).toMatch(/stream group or stream names/);
    expectError(await post({ groupid, mediamtx: "yes" }), 400, "validation_failed");
    expectError(await post({ groupid, mediamtx_permissions: [{ action: "publish", path: "" }] }), 400, "validation_failed");
  });

  it("refuses token creation without the Secure Playback package (422)", async () => {
    const bare = await createOrganisation({ name: "No package", admin: { email: "nopkg@api.test", name: "", password: "long-enough-password" }, packages: [] });
    expectError(await callRoute(tokens.POST, "POST", "/api/v1/secure/token", { headers: apiKey(bare.masterKey), body: { orgawide: true } }), 422, "package_required");
  });
});

describe("signing keys API", () => {
  it("lists, rotates and revokes keys (admin only)", async () => {
    await callRoute(tokens.POST, "POST", "/api/v1/secure/token", { headers: apiKey(f.masterA), body: { orgawide: true } });
    const listed = await callRoute(keys.GET, "GET", "/api/v1/signing-keys", { headers: apiKey(f.masterA) });
    expectContract(c.listSigningKeys, listed);
    const oldKid = (listed.json as { items: { kid: string; status: string }[] }).items.find((k) => k.status === "active")!.kid;

    expectError(await callRoute(rotate.POST, "POST", "/api/v1/signing-keys/rotate", { headers: bintu(f.userA.token) }), 403);
    const rotated = await callRoute(rotate.POST, "POST", "/api/v1/signing-keys/rotate", { headers: apiKey(f.masterA) });
    expectContract(c.rotateSigningKey, rotated);
    expect((rotated.json as { retired: string[] }).retired).toContain(oldKid);

    const revoked = await callRoute(revokeKey.POST, "POST", `/api/v1/signing-keys/${oldKid}/revoke`, { headers: apiKey(f.masterA), params: { kid: oldKid } });
    expectContract(c.revokeSigningKey, revoked);
    expectError(await callRoute(revokeKey.POST, "POST", `/api/v1/signing-keys/${oldKid}/revoke`, { headers: apiKey(f.masterB), params: { kid: oldKid } }), 404);
  });
});
