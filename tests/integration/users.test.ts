// User management: the organisation always keeps an admin (also under concurrent demotions),
// resets/role changes/deletions end sessions and session API tokens on the next request, and
// every action replayed by readonly, user or another organisation's admin changes nothing.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { decode } from "next-auth/jwt";
import { setupTestDatabase } from "@/tests/support/db";
import { actorOf, addUser, newOrg, PASSWORD, signedIn } from "@/tests/support/users";
import { db } from "@/lib/db";
import { systemActor } from "@/lib/auth/actor";
import { resolveSessionToken, type CurrentUser } from "@/lib/data/sessions";
import { changeUserRole, deleteUser } from "@/lib/data/users";
import { createInvitation } from "@/lib/data/invitations";

const auth = vi.hoisted(() => {
  process.env.PLAYGATE_MODE = "deployment";
  process.env.PLAYGATE_SECRET = "test-app-secret-0123456789-abcdefghijklmnop";
  process.env.NEXTAUTH_SECRET = "test-auth-secret-0123456789-abcdefghijklmnop";
  process.env.APP_URL = "http://playgate.test";
  return { current: null as CurrentUser | null, jwt: null as Record<string, unknown> | null, jar: new Map<string, string>() };
});
vi.mock("@/lib/auth/session", async (importOriginal) => (await import("@/tests/support/session-mock")).sessionModule(await importOriginal<object>(), auth));
vi.mock("next/headers", async () => (await import("@/tests/support/session-mock")).headersModule(auth));

const users = await import("@/app/(dashboard)/organisation/users/actions");
const account = await import("@/app/(dashboard)/account/actions");

setupTestDatabase();

beforeEach(async () => {
  auth.current = null;
  auth.jwt = null;
  auth.jar.clear();
  await db.rateLimit.deleteMany({});
});

async function as(userId: string) {
  const { user, token } = await signedIn(userId);
  auth.current = user;
  auth.jwt = { sub: userId, email: user.email, sid: user.sessionId, st: token, org: user.orgId, role: user.role };
  return token;
}

const adminCount = (orgId: string) => db.user.count({ where: { orgId, role: "admin" } });

describe("the last admin", () => {
  it("cannot be demoted or deleted", async () => {
    const { org, admin } = await newOrg();
    const system = systemActor(org.id, "cli");
    await expect(changeUserRole(system, admin.id, "user")).rejects.toThrow(/last admin/);
    await expect(deleteUser(system, admin.id)).rejects.toThrow(/last admin/);
    expect(await adminCount(org.id)).toBe(1);
    expect(await db.auditEvent.count({ where: { orgId: org.id, result: "denied", action: { in: ["user.role_changed", "user.deleted"] } } })).toBe(2);
  });

  it("an admin cannot change their own role or delete themselves", async () => {
    const { org, admin } = await newOrg();
    await addUser(org.id, "admin");
    await as(admin.id);
    expect(await users.changeRoleAction(undefined, { userId: admin.id, role: "user" })).toMatchObject({ ok: false, code: "refused", message: expect.stringMatching(/Ask another admin/) });
    expect(await users.deleteUserAction(undefined, { userId: admin.id })).toMatchObject({ ok: false, code: "refused" });
    expect((await db.user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe("admin");
  });

  it("two admins demoting each other at once: exactly one succeeds, one admin remains", async () => {
    for (let round = 0; round < 3; round++) {
      const { org, admin: a } = await newOrg();
      const b = await addUser(org.id, "admin");
      const [actorA, actorB] = await Promise.all([actorOf(a.id), actorOf(b.id)]);
      const results = await Promise.allSettled([changeUserRole(actorA, b.id, "user"), changeUserRole(actorB, a.id, "readonly")]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect(await adminCount(org.id)).toBe(1);
    }
  });

  it("two admins deleting each other at once: exactly one succeeds, one admin remains", async () => {
    const { org, admin: a } = await newOrg();
    const b = await addUser(org.id, "admin");
    const [actorA, actorB] = await Promise.all([actorOf(a.id), actorOf(b.id)]);
    const results = await Promise.allSettled([deleteUser(actorA, b.id), deleteUser(actorB, a.id)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await adminCount(org.id)).toBe(1);
  });
});

describe("access ends on the next request", () => {
  it("after a token-key reset: old sessions and session API tokens are refused, the key id changes", async () => {
    const { org, admin } = await newOrg();
    const target = await addUser(org.id, "user");
    const { token } = await signedIn(target.id);
    await as(admin.id);
    expect(await users.resetUserTokenAction(undefined, { userId: target.id })).toMatchObject({ ok: true });
    expect(await resolveSessionToken(token)).toBeNull();
    const after = await db.user.findUniqueOrThrow({ where: { id: target.id } });
    expect(after.tokenKeyId).not.toBe(target.tokenKeyId);
    expect(after.tokenKeyGeneration).toBe(target.tokenKeyGeneration + 1);
    expect(await db.apiSession.count({ where: { userId: target.id } })).toBe(0);
  });

  it("after a role change", async () => {
    const { org, admin } = await newOrg();
    const target = await addUser(org.id, "readonly");
    const { token } = await signedIn(target.id);
    await as(admin.id);
    expect(await users.changeRoleAction(undefined, { userId: target.id, role: "user" })).toMatchObject({ ok: true });
    expect(await resolveSessionToken(token)).toBeNull();
    expect((await db.user.findUniqueOrThrow({ where: { id: target.id } })).role).toBe("user");
  });

  it("after deletion; tokens they issued keep their email, audit keeps the actor email", async () => {
    const { org, admin } = await newOrg();
    const target = await addUser(org.id, "admin");
    const { token } = await signedIn(target.id);
    await createInvitation(await actorOf(target.id), { role: "user", expiresInDays: 7 });
    await as(admin.id);
    expect(await users.deleteUserAction(undefined, { userId: target.id })).toMatchObject({ ok: true });
    expect(await resolveSessionToken(token)).toBeNull();
    expect(await db.user.count({ where: { id: target.id } })).toBe(0);
    expect(await db.invitation.count({ where: { createdById: target.id } })).toBe(0);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { orgId: org.id, action: "invitation.created" } });
    expect(audit.actorEmail).toBe(target.email);
  });
});

describe("own account", () => {
  it("resetting your own key ends your other sessions but re-issues this one", async () => {
    const { admin } = await newOrg();
    const other = (await signedIn(admin.id)).token;
    const current = await as(admin.id);
    expect(await account.resetOwnTokenAction(undefined, {})).toMatchObject({ ok: true });
    expect(await resolveSessionToken(other)).toBeNull();
    expect(await resolveSessionToken(current)).toBeNull();
    const cookie = auth.jar.get("next-auth.session-token");
    const jwt = await decode({ token: cookie!, secret: process.env.NEXTAUTH_SECRET! });
    expect(jwt?.st).toMatch(/^pg_st_/);
    expect(await resolveSessionToken(jwt!.st!)).toMatchObject({ id: admin.id });
  });

  it("changing the password needs the current one and keeps this browser signed in", async () => {
    const { admin } = await newOrg();
    const current = await as(admin.id);
    expect(await account.changePasswordAction(undefined, { currentPassword: "wrong-password!", newPassword: "another-long-password" })).toMatchObject({
      ok: false,
      fields: { currentPassword: expect.any(Array) },
    });
    expect(await resolveSessionToken(current)).not.toBeNull();
    expect(await account.changePasswordAction(undefined, { currentPassword: PASSWORD, newPassword: "another-long-password" })).toMatchObject({ ok: true });
    expect(await resolveSessionToken(current)).toBeNull();
    const jwt = await decode({ token: auth.jar.get("next-auth.session-token")!, secret: process.env.NEXTAUTH_SECRET! });
    expect(await resolveSessionToken(jwt!.st!)).toMatchObject({ id: admin.id });
  });
});

describe("replayed actions by the wrong people change nothing", () => {
  async function snapshot(orgId: string) {
    const [u, i] = await Promise.all([
      db.user.findMany({ where: { orgId }, orderBy: { id: "asc" }, select: { id: true, role: true, tokenKeyId: true, sessionVersion: true, name: true } }),
      db.invitation.findMany({ where: { orgId }, orderBy: { id: "asc" }, select: { id: true, revokedAt: true, acceptedAt: true } }),
    ]);
    return { u, i, sessions: await db.apiSession.count({ where: { orgId } }) };
  }

  it.each(["readonly", "user", "other org admin"] as const)("as %s", async (who) => {
    const { org, admin } = await newOrg();
    const target = await addUser(org.id, "user");
    const { invitation } = await createInvitation(await actorOf(admin.id), { role: "user", expiresInDays: 7 });
    const caller = who === "other org admin" ? (await newOrg()).admin : await addUser(org.id, who);
    await as(caller.id);
    const before = await snapshot(org.id);
    const attempts = [
      users.resetUserTokenAction(undefined, { userId: target.id }),
      users.changeRoleAction(undefined, { userId: target.id, role: "admin" }),
      users.deleteUserAction(undefined, { userId: target.id }),
      users.deleteUserAction(undefined, { userId: admin.id }),
      users.revokeInvitationAction(undefined, { invitationId: invitation.id }),
      // Another org's admin may invite to their own org; that is not an attack on this one.
      ...(who === "other org admin" ? [] : [users.createInvitationAction(undefined, { role: "admin", expiresInDays: "7" })]),
    ];
    for (const state of await Promise.all(attempts)) {
      expect(state?.ok).toBe(false);
      expect(["forbidden", "not_found"]).toContain(state && !state.ok ? state.code : "");
    }
    const after = await snapshot(org.id);
    expect(after).toEqual(before);
  });

  it("with no session at all", async () => {
    const { admin } = await newOrg();
    for (const state of [
      await users.resetUserTokenAction(undefined, { userId: admin.id }),
      await users.deleteUserAction(undefined, { userId: admin.id }),
      await account.resetOwnTokenAction(undefined, {}),
    ]) expect(state).toMatchObject({ ok: false, code: "unauthenticated" });
  });
});
