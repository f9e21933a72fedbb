// Invitation links: created only by admins for at most their own role, ≥128 random bits stored
// only as a hash, single-use even under 20 parallel accepts, and each dead link refused with its
// own reason. Actions are called directly, as a replayed POST would; only the session is mocked.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { setupTestDatabase } from "@/tests/support/db";
import { addUser, newOrg, PASSWORD, signedIn, uniqueEmail, actorOf } from "@/tests/support/users";
import { db } from "@/lib/db";
import { verifyPassword } from "@/lib/crypto";
import { changeUserRole, findUserForLogin, resetTokenKey } from "@/lib/data/users";
import { acceptInvitation, createInvitation, InvitationError, revokeInvitation, viewInvitation } from "@/lib/data/invitations";
import type { CurrentUser } from "@/lib/data/sessions";

const auth = vi.hoisted(() => {
  process.env.PLAYGATE_MODE = "deployment";
  process.env.PLAYGATE_SECRET = "test-app-secret-0123456789-abcdefghijklmnop";
  process.env.NEXTAUTH_SECRET = "test-auth-secret-0123456789-abcdefghijklmnop";
  process.env.APP_URL = "https://playgate.test";
  return { current: null as CurrentUser | null, forwardedFor: null as string | null };
});
vi.mock("@/lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  getCurrentUser: async () => auth.current,
}));
vi.mock("next/headers", () => ({
  headers: async () => new Headers(auth.forwardedFor ? { "x-forwarded-for": auth.forwardedFor } : {}),
  cookies: async () => ({ get: () => undefined, set: () => undefined }) }));

const { createInvitationAction, revokeInvitationAction } = await import("@/app/(dashboard)/organisation/users/actions");
const { acceptInvitationAction } = await import("@/app/(auth)/invite/[token]/actions");

setupTestDatabase();

beforeEach(() => {
  auth.current = null;
});

async function invite(role: "admin" | "user" | "readonly" = "user", expiresInDays = 7) {
  const { org, admin } = await newOrg();
  const created = await createInvitation(await actorOf(admin.id), { role, expiresInDays });
  return { org, admin, ...created };
}

async function problemOf(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(InvitationError);
  return (error as InvitationError).problem;
}

describe("invitation life cycle", () => {
  it("creates a link, shows org and role, creates one account that can sign in with the invited role", async () => {
    const { org, token, url, invitation } = await invite("user");
    expect(url).toBe(`https://playgate.test/invite/${token}`);
    expect(await viewInvitation(token)).toMatchObject({ ok: true, orgName: org.name, role: "user" });
    // Viewing has no side effects.
    expect((await db.invitation.findUniqueOrThrow({ where: { id: invitation.id } })).acceptedAt).toBeNull();

    const email = uniqueEmail("joiner");
    const user = await acceptInvitation({ token, email, name: "Joiner", password: PASSWORD });
    expect(user).toMatchObject({ orgId: org.id, role: "user", email });
    const login = await findUserForLogin(email);
    expect(login && (await verifyPassword(PASSWORD, login.passwordHash))).toBe(true);
    expect(login?.org.id).toBe(org.id);
    const row = await db.invitation.findUniqueOrThrow({ where: { id: invitation.id } });
    expect(row.acceptedAt).not.toBeNull();
    expect(row.acceptedUserId).toBe(user.id);
  });

  it("uses ≥128 random bits and stores only the hash (the raw token is nowhere in the database)", async () => {
    const { token, invitation } = await invite();
    const body = token.replace(/^pg_inv_/, "");
    expect(Buffer.from(body, "base64url").length * 8).toBeGreaterThanOrEqual(128);
    const row = await db.invitation.findUniqueOrThrow({ where: { id: invitation.id }, omit: { tokenHash: false } });
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(body);
    const audit = await db.auditEvent.findMany({ where: { orgId: row.orgId } });
    expect(JSON.stringify(audit)).not.toContain(body);
  });

  it("refuses a used link on reuse, and says so", async () => {
    const { token } = await invite();
    await acceptInvitation({ token, email: uniqueEmail(), name: "", password: PASSWORD });
    expect(await problemOf(acceptInvitation({ token, email: uniqueEmail(), name: "", password: PASSWORD }))).toBe("used");
    expect(await viewInvitation(token)).toEqual({ ok: false, problem: "used" });
  });

  it("refuses an expired link, and says so", async () => {
    const { token, invitation } = await invite();
    await db.invitation.update({ where: { id: invitation.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await viewInvitation(token)).toEqual({ ok: false, problem: "expired" });
    expect(await problemOf(acceptInvitation({ token, email: uniqueEmail(), name: "", password: PASSWORD }))).toBe("expired");
  });

  it("refuses a revoked link, and says so; revoking twice is a conflict", async () => {
    const { token, invitation, admin } = await invite();
    const actor = await actorOf(admin.id);
    await revokeInvitation(actor, invitation.id);
    expect(await viewInvitation(token)).toEqual({ ok: false, problem: "revoked" });
    expect(await problemOf(acceptInvitation({ token, email: uniqueEmail(), name: "", password: PASSWORD }))).toBe("revoked");
    await expect(revokeInvitation(actor, invitation.id)).rejects.toThrow(/already used or revoked/);
  });

  it("deleting the admin who made a link revokes it; the rows stay, naming them by email", async () => {
    const { org, admin } = await newOrg();
    const leaver = await addUser(org.id, "admin");
    const leaverActor = await actorOf(leaver.id);
    const pending = await createInvitation(leaverActor, { role: "user", expiresInDays: 7 });
    const used = await createInvitation(leaverActor, { role: "readonly", expiresInDays: 7 });
    await acceptInvitation({ token: used.token, email: uniqueEmail("joined"), name: "", password: PASSWORD });

    const { deleteUser } = await import("@/lib/data/users");
    await deleteUser(await actorOf(admin.id), leaver.id);

    expect(await viewInvitation(pending.token)).toEqual({ ok: false, problem: "revoked" });
    expect(await problemOf(acceptInvitation({ token: pending.token, email: uniqueEmail(), name: "", password: PASSWORD }))).toBe("revoked");
    const rows = await db.invitation.findMany({ where: { orgId: org.id }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => ({ by: r.createdByEmail, id: r.createdById, accepted: Boolean(r.acceptedAt), revoked: Boolean(r.revokedAt) }))).toEqual(
      expect.arrayContaining([
        { by: leaver.email, id: null, accepted: false, revoked: true },
        { by: leaver.email, id: null, accepted: true, revoked: false },
      ]),
    );
    const audit = await db.auditEvent.findFirstOrThrow({ where: { orgId: org.id, action: "user.deleted", result: "ok" } });
    expect(JSON.parse(audit.details ?? "{}")).toMatchObject({ invitationsRevoked: 1 });
  });

  it("4: demoting an admin to user revokes their pending admin links (refused on accept); their user and read-only links stay; audited with the count", async () => {
    const { org, admin } = await newOrg();
    const inviter = await addUser(org.id, "admin");
    const inviterActor = await actorOf(inviter.id);
    const asAdmin = await createInvitation(inviterActor, { role: "admin", expiresInDays: 30 });
    const asUser = await createInvitation(inviterActor, { role: "user", expiresInDays: 30 });
    const asReadonly = await createInvitation(inviterActor, { role: "readonly", expiresInDays: 30 });
    const othersAdminLink = await createInvitation(await actorOf(admin.id), { role: "admin", expiresInDays: 30 });

    await changeUserRole(await actorOf(admin.id), inviter.id, "user");

    expect(await viewInvitation(asAdmin.token)).toEqual({ ok: false, problem: "revoked" });
    const email = uniqueEmail("would-be-admin");
    expect(await problemOf(acceptInvitation({ token: asAdmin.token, email, name: "", password: PASSWORD }))).toBe("revoked");
    expect(await db.user.count({ where: { email } })).toBe(0);
    expect((await db.invitation.findUniqueOrThrow({ where: { id: asAdmin.invitation.id } })).revokedAt).not.toBeNull();
    expect(await viewInvitation(asUser.token)).toMatchObject({ ok: true, role: "user" });
    expect(await viewInvitation(asReadonly.token)).toMatchObject({ ok: true, role: "readonly" });
    expect(await viewInvitation(othersAdminLink.token)).toMatchObject({ ok: true, role: "admin" });
    expect(await acceptInvitation({ token: asUser.token, email: uniqueEmail("joiner"), name: "", password: PASSWORD })).toMatchObject({ role: "user" });

    const audit = await db.auditEvent.findFirstOrThrow({ where: { orgId: org.id, action: "user.role_changed", result: "ok" } });
    expect(JSON.parse(audit.details)).toMatchObject({ from: "admin", to: "user", invitationsRevoked: 1 });
  });

  it("4: demoting an admin to read-only revokes their pending admin and user links, not read-only ones or used ones", async () => {
    const { org, admin } = await newOrg();
    const inviter = await addUser(org.id, "admin");
    const inviterActor = await actorOf(inviter.id);
    const links = await Promise.all((["admin", "user", "user", "readonly"] as const).map((role) => createInvitation(inviterActor, { role, expiresInDays: 30 })));
    const used = await createInvitation(inviterActor, { role: "admin", expiresInDays: 30 });
    await acceptInvitation({ token: used.token, email: uniqueEmail("early"), name: "", password: PASSWORD });

    await changeUserRole(await actorOf(admin.id), inviter.id, "readonly");

    expect(await Promise.all(links.map(async (l) => (await viewInvitation(l.token)).ok))).toEqual([false, false, false, true]);
    for (const l of links.slice(0, 3)) expect(await problemOf(acceptInvitation({ token: l.token, email: uniqueEmail(), name: "", password: PASSWORD }))).toBe("revoked");
    expect((await db.invitation.findUniqueOrThrow({ where: { id: used.invitation.id } })).revokedAt).toBeNull();
    const audit = await db.auditEvent.findFirstOrThrow({ where: { orgId: org.id, action: "user.role_changed", result: "ok" } });
    expect(JSON.parse(audit.details)).toMatchObject({ from: "admin", to: "readonly", invitationsRevoked: 3 });
  });

  it("4: a link above its creator's current role is refused even if nothing revoked it (role changed in the database)", async () => {
    const { org } = await newOrg();
    const inviter = await addUser(org.id, "admin");
    const link = await createInvitation(await actorOf(inviter.id), { role: "admin", expiresInDays: 30 });
    const sameRole = await createInvitation(await actorOf(inviter.id), { role: "user", expiresInDays: 30 });
    await db.user.update({ where: { id: inviter.id }, data: { role: "user" } });
    expect(await viewInvitation(link.token)).toEqual({ ok: false, problem: "revoked" });
    const email = uniqueEmail("would-be-admin");
    expect(await problemOf(acceptInvitation({ token: link.token, email, name: "", password: PASSWORD }))).toBe("revoked");
    expect(await db.user.count({ where: { email } })).toBe(0);
    expect(await acceptInvitation({ token: sameRole.token, email: uniqueEmail("joiner"), name: "", password: PASSWORD })).toMatchObject({ role: "user" });
  });

  it("4: raising a role or keeping it revokes nothing", async () => {
    const { org, admin } = await newOrg();
    const inviter = await addUser(org.id, "admin");
    const link = await createInvitation(await actorOf(inviter.id), { role: "user", expiresInDays: 30 });
    const adminActor = await actorOf(admin.id);
    await changeUserRole(adminActor, inviter.id, "admin");
    await changeUserRole(adminActor, inviter.id, "user");
    await changeUserRole(adminActor, inviter.id, "admin");
    expect(await viewInvitation(link.token)).toMatchObject({ ok: true });
    const details = (await db.auditEvent.findMany({ where: { orgId: org.id, action: "user.role_changed", result: "ok" }, orderBy: { createdAt: "asc" } })).map((e) => JSON.parse(e.details).invitationsRevoked);
    expect(details).toEqual([0, 0, 0]);
  });

  it.each(["by an admin", "by themselves"] as const)("4: resetting a user's token key %s revokes all their pending links; audited with the count", async (who) => {
    const { org, admin } = await newOrg();
    const inviter = await addUser(org.id, "admin");
    const inviterActor = await actorOf(inviter.id);
    const links = await Promise.all((["admin", "user", "readonly"] as const).map((role) => createInvitation(inviterActor, { role, expiresInDays: 30 })));
    const used = await createInvitation(inviterActor, { role: "user", expiresInDays: 30 });
    await acceptInvitation({ token: used.token, email: uniqueEmail("early"), name: "", password: PASSWORD });
    const othersLink = await createInvitation(await actorOf(admin.id), { role: "user", expiresInDays: 30 });

    await resetTokenKey(who === "by an admin" ? await actorOf(admin.id) : await actorOf(inviter.id), inviter.id);

    for (const l of links) {
      expect(await viewInvitation(l.token)).toEqual({ ok: false, problem: "revoked" });
      expect(await problemOf(acceptInvitation({ token: l.token, email: uniqueEmail(), name: "", password: PASSWORD }))).toBe("revoked");
    }
    expect(await viewInvitation(othersLink.token)).toMatchObject({ ok: true });
    expect((await db.invitation.findUniqueOrThrow({ where: { id: used.invitation.id } })).revokedAt).toBeNull();
    const audit = await db.auditEvent.findFirstOrThrow({ where: { orgId: org.id, action: "user.token_key_reset", result: "ok" } });
    expect(JSON.parse(audit.details)).toMatchObject({ invitationsRevoked: 3 });
  });

  it("the master key invites too: the link names the key; rotating the key revokes its pending links, not an admin's", async () => {
    const { createOrganisation } = await import("@/lib/data/organisations");
    const { authenticateApiRequest } = await import("@/lib/api/auth");
    const { rotateMasterKey } = await import("@/lib/data/api-keys");
    const { org, admin, masterKey } = await createOrganisation({ name: "Key Invites", admin: { email: uniqueEmail("admin"), name: "A", password: PASSWORD } });
    const keyActor = (await authenticateApiRequest(new Headers({ "x-api-key": masterKey })))!.actor;
    const adminActor = await actorOf(admin.id);

    const byKey = await createInvitation(keyActor, { role: "user", expiresInDays: 7 });
    const usedByKey = await createInvitation(keyActor, { role: "readonly", expiresInDays: 7 });
    const byAdmin = await createInvitation(adminActor, { role: "user", expiresInDays: 7 });
    expect(byKey.invitation).toMatchObject({ createdById: null, createdByEmail: keyActor.email });
    expect(keyActor.email).toMatch(/^API key pg_live_/);
    await acceptInvitation({ token: usedByKey.token, email: uniqueEmail("joined"), name: "", password: PASSWORD });

    await rotateMasterKey(adminActor);
    expect(await viewInvitation(byKey.token)).toEqual({ ok: false, problem: "revoked" });
    expect(await viewInvitation(byAdmin.token)).toMatchObject({ ok: true });
    expect((await db.invitation.findUniqueOrThrow({ where: { id: usedByKey.invitation.id } })).revokedAt).toBeNull();
    const audit = await db.auditEvent.findFirstOrThrow({ where: { orgId: org.id, action: "apiKey.rotated" } });
    expect(JSON.parse(audit.details ?? "{}")).toMatchObject({ invitationsRevoked: 1 });
  });

  it("refuses an unknown link, and says so", async () => {
    expect(await viewInvitation("pg_inv_doesnotexist")).toEqual({ ok: false, problem: "unknown" });
    expect(await viewInvitation("garbage")).toEqual({ ok: false, problem: "unknown" });
    expect(await problemOf(acceptInvitation({ token: "pg_inv_doesnotexist", email: uniqueEmail(), name: "", password: PASSWORD }))).toBe("unknown");
  });

  it("has a distinct message for each dead link", async () => {
    const problems = ["unknown", "expired", "revoked", "used"] as const;
    const messages = new Set(problems.map((p) => new InvitationError(p).message));
    expect(messages.size).toBe(4);
  });

  it("20 parallel accepts of one link create exactly one account", { timeout: 120_000 }, async () => {
    const { token, org } = await invite("readonly");
    const emails = Array.from({ length: 20 }, () => uniqueEmail("racer"));
    // Each accept hashes its password first; the hash queue (16 by default, a setting) is raised
    // so that all 20 reach the race instead of 2 being refused as busy.
    process.env.PLAYGATE_PASSWORD_HASH_QUEUE = "20";
    const results = await Promise.allSettled(emails.map((email) => acceptInvitation({ token, email, name: "", password: PASSWORD }))).finally(() => {
      delete process.env.PLAYGATE_PASSWORD_HASH_QUEUE;
    });
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(rejected.every((r) => r.reason instanceof InvitationError && r.reason.problem === "used")).toBe(true);
    expect(await db.user.count({ where: { email: { in: emails } } })).toBe(1);
    expect(await db.user.count({ where: { orgId: org.id } })).toBe(2);
  });

  it("an email already registered is a field error, creates nothing and leaves the link usable", async () => {
    const { token, admin, org } = await invite();
    const state = await acceptInvitationAction(undefined, { token, email: admin.email.toUpperCase(), name: "", password: PASSWORD });
    expect(state).toMatchObject({ ok: false, code: "conflict", fields: { email: [expect.stringMatching(/already exists/)] } });
    expect(await db.user.count({ where: { orgId: org.id } })).toBe(1);
    expect((await viewInvitation(token)).ok).toBe(true);
  });
});

describe("who may invite, and for what", () => {
  it("readonly and user are refused by the action, and nothing is created", async () => {
    const { org } = await newOrg();
    for (const role of ["readonly", "user"] as const) {
      auth.current = (await signedIn((await addUser(org.id, role)).id)).user;
      const state = await createInvitationAction(undefined, { role: "readonly", expiresInDays: "7" });
      expect(state).toMatchObject({ ok: false, code: "forbidden" });
    }
    expect(await db.invitation.count({ where: { orgId: org.id } })).toBe(0);
  });

  it("a role outside the three, tampered into the form, is refused", async () => {
    const { org, admin } = await newOrg();
    auth.current = (await signedIn(admin.id)).user;
    for (const role of ["owner", "superadmin", "ADMIN", ""]) {
      const form = new FormData();
      form.set("role", role);
      form.set("expiresInDays", "7");
      expect(await createInvitationAction(undefined, form)).toMatchObject({ ok: false, code: "invalid", fields: { role: expect.any(Array) } });
    }
    expect(await createInvitationAction(undefined, { role: "user", expiresInDays: "7", orgId: "other" })).toMatchObject({ ok: false, code: "invalid" });
    expect(await createInvitationAction(undefined, { role: "user", expiresInDays: "3" })).toMatchObject({ ok: false, code: "invalid" });
    expect(await db.invitation.count({ where: { orgId: org.id } })).toBe(0);
  });

  it("an invitation granting more than the inviter's own role is refused (checked on its own)", async () => {
    const { org } = await newOrg();
    const actor = await actorOf((await addUser(org.id, "user")).id);
    await expect(createInvitation(actor, { role: "admin", expiresInDays: 7 })).rejects.toThrow(/more rights than your own/);
    expect(await db.invitation.count({ where: { orgId: org.id } })).toBe(0);
    const denied = await db.auditEvent.findFirst({ where: { orgId: org.id, action: "invitation.created", result: "denied" } });
    expect(denied).not.toBeNull();
  });

  it("an admin's link is returned once; another org's admin cannot revoke it", async () => {
    const { org, admin } = await newOrg();
    auth.current = (await signedIn(admin.id)).user;
    const state = await createInvitationAction(undefined, { role: "admin", expiresInDays: "14" });
    expect(state).toMatchObject({ ok: true, data: { url: expect.stringMatching(/^https:\/\/playgate\.test\/invite\/pg_inv_/), role: "admin" } });
    const row = await db.invitation.findFirstOrThrow({ where: { orgId: org.id } });
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeGreaterThan(13.9 * 86_400_000);

    const other = await newOrg();
    auth.current = (await signedIn(other.admin.id)).user;
    expect(await revokeInvitationAction(undefined, { invitationId: row.id })).toMatchObject({ ok: false, code: "not_found" });
    expect((await db.invitation.findUniqueOrThrow({ where: { id: row.id } })).revokedAt).toBeNull();

    auth.current = (await signedIn(admin.id)).user;
    expect(await revokeInvitationAction(undefined, { invitationId: row.id })).toMatchObject({ ok: true });
    expect(await db.auditEvent.count({ where: { orgId: org.id, action: { in: ["invitation.created", "invitation.revoked"] }, result: "ok" } })).toBe(2);
  });
});

describe("accepting through the public action", () => {
  it("rejects unknown fields (a smuggled role) without creating anything", async () => {
    const { token, org } = await invite("readonly");
    const state = await acceptInvitationAction(undefined, { token, email: uniqueEmail(), name: "", password: PASSWORD, role: "admin" });
    expect(state).toMatchObject({ ok: false, code: "invalid" });
    expect(await db.user.count({ where: { orgId: org.id } })).toBe(1);
  });

  it("enforces the minimum password length", async () => {
    const { token } = await invite();
    expect(await acceptInvitationAction(undefined, { token, email: uniqueEmail(), name: "", password: "short" })).toMatchObject({
      ok: false,
      code: "invalid",
      fields: { password: [expect.stringMatching(/at least/)] },
    });
  });

  it("is rate-limited: after the limit (10 per window) the form gets rate_limited", async () => {
    await db.rateLimit.deleteMany({});
    const { token } = await invite();
    const results = [];
    for (let i = 0; i < 11; i++) results.push(await acceptInvitationAction(undefined, { token: `${token}x`, email: uniqueEmail(), name: "", password: PASSWORD }));
    expect(results.slice(0, 10).every((s) => s && !s.ok && s.code === "refused")).toBe(true);
    expect(results[10]).toMatchObject({ ok: false, code: "rate_limited" });
    // Without a trusted proxy the address is unknown: no shared bucket, so the right link still works.
    expect(await acceptInvitationAction(undefined, { token, email: uniqueEmail(), name: "", password: PASSWORD })).toMatchObject({ ok: true });
  });

  it("behind a trusted proxy, one address guessing many links is limited too", async () => {
    await db.rateLimit.deleteMany({});
    process.env.PLAYGATE_TRUST_PROXY = "1";
    auth.forwardedFor = "203.0.113.9";
    try {
      const { token } = await invite();
      for (let i = 0; i < 10; i++) {
        expect(await acceptInvitationAction(undefined, { token: `pg_inv_guess${i}`, email: uniqueEmail(), name: "", password: PASSWORD })).toMatchObject({ code: "refused" });
      }
      expect(await acceptInvitationAction(undefined, { token, email: uniqueEmail(), name: "", password: PASSWORD })).toMatchObject({ ok: false, code: "rate_limited" });
      auth.forwardedFor = "203.0.113.10";
      expect(await acceptInvitationAction(undefined, { token, email: uniqueEmail(), name: "", password: PASSWORD })).toMatchObject({ ok: true });
    } finally {
      delete process.env.PLAYGATE_TRUST_PROXY;
      auth.forwardedFor = null;
    }
  });
});
