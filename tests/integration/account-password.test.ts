// Changing your own password: the current password again and two different new passwords are
// refused next to their fields with nothing changed; a real change (and a token key reset) keeps
// this browser signed in but replaces its session API token, so the old one gets 401.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { applyTestConfig } from "@/tests/support/config";
import { setupTestDatabase } from "@/tests/support/db";
import { newOrg, PASSWORD, signedIn } from "@/tests/support/users";
import { db } from "@/lib/db";
import { getConfig } from "@/lib/config";
import { decode } from "@/lib/auth/jwt-codec";
import type { CurrentUser } from "@/lib/data/sessions";
import { GET as me } from "@/app/api/v1/me/route";

const auth = vi.hoisted(() => ({ current: null as CurrentUser | null, jwt: null as Record<string, unknown> | null, jar: new Map<string, string>() }));
vi.mock("@/lib/auth/session", async (importOriginal) => (await import("@/tests/support/session-mock")).sessionModule(await importOriginal<object>(), auth));
vi.mock("next/headers", async () => (await import("@/tests/support/session-mock")).headersModule(auth));

applyTestConfig();
setupTestDatabase();

const account = await import("@/app/(dashboard)/account/actions");
const users = await import("@/app/(dashboard)/organisation/users/actions");

beforeEach(async () => {
  auth.jar.clear();
  await db.rateLimit.deleteMany({});
});

async function signIn() {
  const { admin } = await newOrg();
  const { user, token } = await signedIn(admin.id);
  auth.current = user;
  auth.jwt = { sub: admin.id, email: user.email, sid: user.sessionId, st: token, org: user.orgId, role: user.role };
  return { userId: admin.id, token };
}

const meStatus = async (token: string) => (await me(new NextRequest("https://playgate.test/api/v1/me", { headers: { "x-bintu-token": token } }), { params: Promise.resolve({}) })).status;

/** The session API token in the re-issued cookie of this browser. */
async function reissuedToken() {
  const [cookie] = [...auth.jar.values()];
  const jwt = await decode({ token: cookie, secret: getConfig().authSecret });
  return String(jwt?.st);
}

const passwordHash = async (id: string) => (await db.user.findUniqueOrThrow({ where: { id }, omit: { passwordHash: false } })).passwordHash;

describe("changing your own password", () => {
  it("refuses the current password as the new one, next to New password, and ends no session", async () => {
    const { userId, token } = await signIn();
    const hash = await passwordHash(userId);
    const state = await account.changePasswordAction(undefined, { currentPassword: PASSWORD, newPassword: PASSWORD, confirmPassword: PASSWORD });
    expect(state).toMatchObject({ ok: false, code: "invalid", fields: { newPassword: ["Choose a password different from your current one."] } });
    expect(await passwordHash(userId)).toBe(hash);
    expect(await meStatus(token)).toBe(200);
    expect(auth.jar.size).toBe(0);
  });

  it("refuses two different new passwords, next to Confirm new password, and changes nothing", async () => {
    const { userId, token } = await signIn();
    const hash = await passwordHash(userId);
    for (const confirmPassword of ["another-long-passwrod", ""]) {
      const state = await account.changePasswordAction(undefined, { currentPassword: PASSWORD, newPassword: "another-long-password", confirmPassword });
      expect(state).toMatchObject({ ok: false, code: "invalid", fields: { confirmPassword: ["The two new passwords differ."] } });
      expect(state && !state.ok && state.fields?.newPassword).toBeUndefined();
    }
    expect(await passwordHash(userId)).toBe(hash);
    expect(await meStatus(token)).toBe(200);
  });

  it("changes it when both new passwords match, and this browser's old session API token gets 401", async () => {
    const { userId, token } = await signIn();
    const hash = await passwordHash(userId);
    const form = new FormData();
    for (const [k, v] of Object.entries({ currentPassword: PASSWORD, newPassword: "another-long-password", confirmPassword: "another-long-password" })) form.append(k, v);
    const state = await account.changePasswordAction(undefined, form);
    expect(state).toMatchObject({ ok: true, message: expect.stringContaining("session API token was replaced") });
    expect(await passwordHash(userId)).not.toBe(hash);
    expect(await meStatus(token)).toBe(401);
    const fresh = await reissuedToken();
    expect(fresh).not.toBe(token);
    expect(await meStatus(fresh)).toBe(200);
  });
});

describe("resetting your own token key", () => {
  it("keeps this browser signed in with a new session API token; the old one gets 401", async () => {
    const { token } = await signIn();
    expect(await account.resetOwnTokenAction(undefined, {})).toMatchObject({ ok: true, message: expect.stringContaining("session API token was replaced") });
    expect(await meStatus(token)).toBe(401);
    expect(await meStatus(await reissuedToken())).toBe(200);
  });

  it("from your own row of the users table says the same, not that your sessions ended", async () => {
    const { userId, token } = await signIn();
    expect(await users.resetUserTokenAction(undefined, { userId })).toMatchObject({
      ok: true, message: "Your token key was reset. Your other sessions have ended and your session API token was replaced.",
    });
    expect(await meStatus(token)).toBe(401);
    expect(await meStatus(await reissuedToken())).toBe(200);
  });
});
