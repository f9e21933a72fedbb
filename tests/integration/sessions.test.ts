// A session (and its session API token) stops working on the very next request when the user
// is deleted, their role changes — even directly in the database — or their token key is reset.
import { describe, expect, it } from "vitest";
import { setupTestDatabase } from "@/tests/support/db";
import { db } from "@/lib/db";
import { createOrganisation } from "@/lib/data/organisations";
import { createApiSession, deleteApiSession, resolveSessionToken } from "@/lib/data/sessions";

setupTestDatabase();

async function orgWithAdmin() {
  const email = `admin-${Math.random().toString(36).slice(2)}@example.test`;
  const { org, admin } = await createOrganisation({ name: "Session Org", admin: { email, name: "A", password: "long-enough-password" } });
  return { org, admin };
}

describe("session API tokens", () => {
  it("resolve to their user while nothing changed, and are stored only as a hash", async () => {
    const { org, admin } = await orgWithAdmin();
    const session = await createApiSession(admin.id);
    expect(session.token).toMatch(/^pg_st_[A-Za-z0-9_-]{40,}$/);
    const user = await resolveSessionToken(session.token);
    expect(user).toMatchObject({ id: admin.id, orgId: org.id, role: "admin", orgName: "Session Org" });
    const row = await db.apiSession.findUniqueOrThrow({ where: { id: session.id }, omit: { tokenHash: false } });
    expect(row.tokenHash).not.toContain(session.token);
    expect(JSON.stringify(row)).not.toContain(session.token);
  });

  it("stop working when the role is changed directly in the database", async () => {
    const { admin } = await orgWithAdmin();
    const session = await createApiSession(admin.id);
    await db.user.update({ where: { id: admin.id }, data: { role: "readonly" } });
    expect(await resolveSessionToken(session.token)).toBeNull();
  });

  it("stop working when the user is deleted (the session row goes with them)", async () => {
    const { admin } = await orgWithAdmin();
    const session = await createApiSession(admin.id);
    await db.user.delete({ where: { id: admin.id } });
    expect(await resolveSessionToken(session.token)).toBeNull();
    expect(await db.apiSession.count({ where: { id: session.id } })).toBe(0);
  });

  it("stop working when the session version is bumped or the token key generation changes", async () => {
    const { admin } = await orgWithAdmin();
    const a = await createApiSession(admin.id);
    await db.user.update({ where: { id: admin.id }, data: { sessionVersion: { increment: 1 } } });
    expect(await resolveSessionToken(a.token)).toBeNull();
    const b = await createApiSession(admin.id);
    expect(await resolveSessionToken(b.token)).not.toBeNull();
    await db.user.update({ where: { id: admin.id }, data: { tokenKeyGeneration: { increment: 1 } } });
    expect(await resolveSessionToken(b.token)).toBeNull();
  });

  it("stop working after expiry and after sign-out", async () => {
    const { admin } = await orgWithAdmin();
    const a = await createApiSession(admin.id);
    await db.apiSession.update({ where: { id: a.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await resolveSessionToken(a.token)).toBeNull();
    const b = await createApiSession(admin.id);
    await deleteApiSession(b.token);
    expect(await resolveSessionToken(b.token)).toBeNull();
  });

  it("refuse anything that is not a session token", async () => {
    expect(await resolveSessionToken("pg_live_whatever")).toBeNull();
    expect(await resolveSessionToken("")).toBeNull();
  });
});
