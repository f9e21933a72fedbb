// The token server actions, called directly as a replayed POST would call them. Only the session
// cookie is faked (getCurrentUser returns a real database user); permissions, zod, the data
// layer, signing and the database are real.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { applyTestConfig } from "@/tests/support/config";
import { setupTestDatabase } from "@/tests/support/db";
import { createUser } from "@/tests/support/factory";
import { db } from "@/lib/db";
import { createOrganisation } from "@/lib/data/organisations";
import { createStream } from "@/lib/data/streams";
import type { CurrentUser } from "@/lib/data/sessions";
import { getCurrentUser, actorFromUser } from "@/lib/auth/session";
import { createTokenAction, revokeByTagAction, revokeByUserAction, revokeTokenAction, testTokenAction } from "@/app/(dashboard)/secure/token/actions";

vi.mock("@/lib/auth/session", async (importOriginal) => ({ ...(await importOriginal<object>()), getCurrentUser: vi.fn() }));

applyTestConfig();

setupTestDatabase();

type Who = "admin" | "user" | "readonly" | "other" | "noPackage";
const people = {} as Record<Who, CurrentUser>;
let groupId = "";
let otherGroupId = "";

async function asUser(id: string): Promise<CurrentUser> {
  const u = await db.user.findUniqueOrThrow({ where: { id }, include: { org: true } });
  return { id: u.id, email: u.email, name: u.name, role: u.role as CurrentUser["role"], orgId: u.orgId, orgName: u.org.name, sessionId: `s_${u.id}`, tokenLabel: "pg_st_test…" };
}

function actingAs(who: Who) {
  vi.mocked(getCurrentUser).mockResolvedValue(people[who]);
  return people[who];
}

function form(fields: Record<string, string | string[]>) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) fd.append(k, x);
  return fd;
}

const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 16);
const tokenCount = (orgId: string) => db.playbackToken.count({ where: { orgId } });

beforeAll(async () => {
  const demo = await createOrganisation({ name: "Demo", admin: { email: "admin@t.test", name: "", password: "correct horse battery" }, packages: ["secure_playback"] }, "test");
  const other = await createOrganisation({ name: "Other", admin: { email: "admin@o.test", name: "", password: "correct horse battery" }, packages: ["secure_playback"] }, "test");
  const bare = await createOrganisation({ name: "Bare", admin: { email: "admin@b.test", name: "", password: "correct horse battery" }, packages: [] }, "test");
  people.admin = await asUser(demo.admin.id);
  people.user = await asUser((await createUser(demo.org.id, "user")).id);
  people.readonly = await asUser((await createUser(demo.org.id, "readonly")).id);
  people.other = await asUser(other.admin.id);
  people.noPackage = await asUser(bare.admin.id);
  groupId = (await createStream(actorFromUser(people.admin), { name: "Main", renditions: 2, tags: [] })).id;
  otherGroupId = (await createStream(actorFromUser(people.other), { name: "Theirs", tags: [] })).id;
  await createStream(actorFromUser(people.noPackage), { name: "Bare stream", tags: [] });
});

describe("createTokenAction", () => {
  it("lets a user create a group token and returns it with its id and expiry", async () => {
    const user = actingAs("user");
    const result = await createTokenAction(undefined, form({ target: "group", groupid: groupId, expiresAt: inAWeek(), tag: "launch" }));
    expect(result).toMatchObject({ ok: true });
    const data = result?.ok ? (result.data as { id: string; token: string; expiresAt: string }) : null;
    expect(data?.token.split(".")).toHaveLength(3);
    const row = await db.playbackToken.findUniqueOrThrow({ where: { id: data!.id } });
    expect(row).toMatchObject({ orgId: user.orgId, targetType: "group", groupId, tag: "launch", createdById: user.id, createdVia: "ui" });
  });

  it("adds MediaMTX permissions when its checkbox is ticked, and refuses it for a whole-organisation token with a field error", async () => {
    const { orgId } = actingAs("user");
    const ticked = await createTokenAction(undefined, form({ target: "group", groupid: groupId, expiresAt: inAWeek(), mediamtx: "on" }));
    expect(ticked).toMatchObject({ ok: true });
    const token = ticked?.ok ? (ticked.data as { token: string }).token : "";
    const names = (await db.streamRendition.findMany({ where: { streamId: groupId }, orderBy: { position: "asc" } })).map((r) => r.streamName);
    expect(JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString()).mediamtx_permissions).toEqual(names.map((path) => ({ action: "read", path })));

    const before = await tokenCount(orgId);
    const refused = await createTokenAction(undefined, form({ target: "org", expiresAt: inAWeek(), mediamtx: "on" }));
    expect(refused).toMatchObject({ ok: false, code: "invalid" });
    expect(refused && !refused.ok ? refused.fields?.mediamtx?.[0] : "").toMatch(/stream group or stream names/);
    expect(await tokenCount(orgId)).toBe(before);
  });

  it("refuses a readonly user before reading the input, and changes nothing", async () => {
    const { orgId } = actingAs("readonly");
    const before = await tokenCount(orgId);
    const result = await createTokenAction(undefined, form({ target: "org" }));
    expect(result).toMatchObject({ ok: false, code: "forbidden" });
    expect(await tokenCount(orgId)).toBe(before);
    for (const action of [revokeByTagAction, revokeByUserAction]) {
      expect(await action(undefined, form({ tag: "launch", user: "x" }))).toMatchObject({ ok: false, code: "forbidden" });
    }
    // Each refusal is audited: who asked for which action, which permission they lack.
    const refusals = await db.auditEvent.findMany({ where: { orgId, actorUserId: people.readonly.id, action: "permission.denied" } });
    expect(refusals.map((e) => e.targetLabel).sort()).toEqual(["tokens.create", "tokens.revokeByTag", "tokens.revokeByUser"]);
    expect(refusals.every((e) => e.result === "denied" && JSON.parse(e.details).permission)).toBe(true);
  });

  it("answers another organisation's stream id with a field error and issues nothing", async () => {
    const { orgId } = actingAs("user");
    const before = await tokenCount(orgId);
    const result = await createTokenAction(undefined, form({ target: "group", groupid: otherGroupId }));
    expect(result).toMatchObject({ ok: false });
    expect(result && !result.ok ? result.fields?.groupid?.[0] : "").toMatch(/no stream/i);
    expect(await tokenCount(orgId)).toBe(before);
  });

  it("returns a field error for every bad input and echoes what was typed", async () => {
    actingAs("user");
    const result = await createTokenAction(undefined, form({ target: "streams", expiresAt: "2000-01-01T00:00", ip: "999.1.1.1", domain: "not a host", user: "viewer-7" }));
    expect(result).toMatchObject({ ok: false, code: "invalid" });
    const fields = result && !result.ok ? result.fields ?? {} : {};
    expect(Object.keys(fields).sort()).toEqual(["domain", "expiresAt", "ip", "streams"]);
    expect(result && !result.ok ? result.values : {}).toMatchObject({ user: "viewer-7", ip: "999.1.1.1" });
  });

  it("is refused without the Secure Playback package", async () => {
    const { orgId } = actingAs("noPackage");
    const result = await createTokenAction(undefined, form({ target: "org" }));
    expect(result).toMatchObject({ ok: false, code: "refused" });
    expect(result && !result.ok ? result.message : "").toMatch(/Secure Playback is not enabled/);
    expect(await tokenCount(orgId)).toBe(0);
  });
});

describe("revoking and testing", () => {
  it("revokes every token with a tag issued before now, and the authorize check then says revoked", async () => {
    actingAs("user");
    const created = [];
    for (const tag of ["bulk", "bulk", "keep"]) {
      const r = await createTokenAction(undefined, form({ target: "group", groupid: groupId, tag }));
      created.push(r?.ok ? (r.data as { id: string }).id : "");
    }
    const stream = (await db.streamRendition.findFirstOrThrow({ where: { streamId: groupId } })).streamName;
    expect(await testTokenAction(undefined, form({ id: created[0], stream }))).toMatchObject({ ok: true, data: { allowed: true } });

    const result = await revokeByTagAction(undefined, form({ tag: "bulk" }));
    expect(result).toMatchObject({ ok: true, data: { count: 2 } });
    const rows = await db.playbackToken.findMany({ where: { id: { in: created } }, orderBy: { tag: "asc" } });
    expect(rows.map((r) => [r.tag, r.revokedAt !== null])).toEqual([["bulk", true], ["bulk", true], ["keep", false]]);
    expect(await testTokenAction(undefined, form({ id: created[0], stream }))).toMatchObject({ ok: true, data: { allowed: false, reasons: [{ reason: "revoked" }] } });
  });

  it("revokes one token; another organisation cannot revoke or test it", async () => {
    actingAs("user");
    const r = await createTokenAction(undefined, form({ target: "org", user: "viewer-9" }));
    const id = r?.ok ? (r.data as { id: string }).id : "";
    actingAs("other");
    expect(await revokeTokenAction(undefined, form({ id }))).toMatchObject({ ok: false, code: "not_found" });
    expect(await testTokenAction(undefined, form({ id, stream: "x" }))).toMatchObject({ ok: false, code: "not_found" });
    expect((await db.playbackToken.findUniqueOrThrow({ where: { id } })).revokedAt).toBeNull();
    actingAs("user");
    expect(await revokeTokenAction(undefined, form({ id }))).toMatchObject({ ok: true });
    expect((await db.playbackToken.findUniqueOrThrow({ where: { id } })).revokedAt).not.toBeNull();
    expect(await db.auditEvent.count({ where: { action: "token.revoked", targetId: id } })).toBe(1);
  });

  it("revokes by UserID", async () => {
    actingAs("user");
    await createTokenAction(undefined, form({ target: "org", user: "viewer-42" }));
    expect(await revokeByUserAction(undefined, form({ user: "viewer-42" }))).toMatchObject({ ok: true, data: { count: 1 } });
  });

  it("tests a token: a malformed client IP or origin is a field error (what was typed kept), not a denial", async () => {
    actingAs("user");
    const r = await createTokenAction(undefined, form({ target: "group", groupid: groupId, ip: "203.0.113.0/24", domain: "player.example.com" }));
    const id = r?.ok ? (r.data as { id: string }).id : "";
    const stream = (await db.streamRendition.findFirstOrThrow({ where: { streamId: groupId } })).streamName;

    const result = await testTokenAction(undefined, form({ id, stream, ip: "300.1.1.1", origin: "nope" }));
    expect(result).toMatchObject({ ok: false, code: "invalid" });
    const failed = result && !result.ok ? result : null;
    expect(Object.keys(failed?.fields ?? {}).sort()).toEqual(["ip", "origin"]);
    expect(failed?.fields?.ip?.[0]).toMatch(/IPv4 or IPv6 address/);
    expect(failed?.fields?.origin?.[0]).toMatch(/origin/);
    expect(failed?.values).toMatchObject({ stream, ip: "300.1.1.1", origin: "nope" });

    const both = await testTokenAction(undefined, form({ id, stream: "", ip: "203.0.113.0/24" }));
    expect(Object.keys(both && !both.ok ? both.fields ?? {} : {}).sort()).toEqual(["ip", "stream"]);
  });

  it("tests a token: every denial is a sentence naming the token's settings, with the endpoint's reason code beside it", async () => {
    actingAs("user");
    const r = await createTokenAction(undefined, form({ target: "group", groupid: groupId, ip: "203.0.113.0/24", domain: "player.example.com" }));
    const id = r?.ok ? (r.data as { id: string }).id : "";
    const stream = (await db.streamRendition.findFirstOrThrow({ where: { streamId: groupId } })).streamName;
    const test = (fields: Record<string, string>) => testTokenAction(undefined, form({ id, stream, ...fields }));

    expect(await test({ ip: "198.51.100.1", origin: "https://player.example.com" })).toEqual({
      ok: true,
      data: { allowed: false, reasons: [{ reason: "ip_not_allowed", explanation: "This token only plays from 203.0.113.0/24; 198.51.100.1 is outside it." }] },
    });
    expect(await test({ origin: "https://player.example.com" })).toMatchObject({ ok: true, data: { allowed: false, reasons: [{ reason: "ip_required", explanation: expect.stringMatching(/no client IP was given/) }] } });
    expect(await test({ ip: "203.0.113.9", origin: "https://evil.example.net" })).toMatchObject({
      ok: true,
      data: { allowed: false, reasons: [{ reason: "domain_not_allowed", explanation: "This token only plays on pages at player.example.com, not at evil.example.net." }] },
    });
    // A wrong IP and a wrong origin: both are named, in the endpoint's order.
    expect(await test({ ip: "198.51.100.1", origin: "https://evil.example.net" })).toEqual({
      ok: true,
      data: {
        allowed: false,
        reasons: [
          { reason: "ip_not_allowed", explanation: "This token only plays from 203.0.113.0/24; 198.51.100.1 is outside it." },
          { reason: "domain_not_allowed", explanation: "This token only plays on pages at player.example.com, not at evil.example.net." },
        ],
      },
    });
    // And a stream outside the token's group beside them.
    const other = (await createStream(actorFromUser(people.admin), { name: "Not in the group", renditions: 1, tags: [] })).renditions[0].streamName;
    const three = await testTokenAction(undefined, form({ id, stream: other, ip: "198.51.100.1" }));
    expect(three?.ok ? three.data : null).toMatchObject({ allowed: false, reasons: [{ reason: "stream_not_allowed" }, { reason: "ip_not_allowed" }, { reason: "domain_required" }] });
    expect(await test({ ip: "203.0.113.9", origin: "https://player.example.com" })).toEqual({ ok: true, data: { allowed: true, stream } });
    expect(await test({ ip: "203.0.113.9", origin: "player.example.com" })).toEqual({ ok: true, data: { allowed: true, stream } });

    await revokeTokenAction(undefined, form({ id }));
    const revoked = await test({ ip: "203.0.113.9", origin: "https://player.example.com" });
    expect(revoked).toMatchObject({ ok: true, data: { allowed: false, reasons: [{ reason: "revoked", explanation: expect.stringMatching(/^This token was revoked \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\.$/) }] } });
  });
});
