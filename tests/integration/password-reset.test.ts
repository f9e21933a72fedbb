// One-time password reset links (issue 19, point 17): an admin makes one from User Management (the
// operator's `npm run org -- reset-password` is in operator-cli.test.ts); only its hash is stored;
// it works once, for 24 hours, for one user; a newer link replaces it; using it sets the password,
// ends every session and lifts the sign-in lockout; each step is audited; making links is limited
// per user and using them per address and per link; roles without user:manage cannot make one.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createElement, type ReactNode } from "react";
import { renderToString } from "react-dom/server";
import { AppRouterContext } from "next/dist/shared/lib/app-router-context.shared-runtime";
import { applyTestConfig } from "@/tests/support/config";
import { setupTestDatabase } from "@/tests/support/db";
import { actorOf, addUser, newOrg, PASSWORD, signedIn } from "@/tests/support/users";
import { fromAddress } from "@/tests/support/auth-route";
import { asRequest, mockNextHeadersForRequire } from "@/tests/support/request-context";
import { db } from "@/lib/db";
import { hashSecret, verifyPassword } from "@/lib/crypto";
import { PermissionError } from "@/lib/permissions";
import { NotFoundError, RateLimitError } from "@/lib/errors";
import { hitRateLimit, peekRateLimit } from "@/lib/data/rate-limits";
import { getConfig } from "@/lib/config";
import { resolveSessionToken } from "@/lib/data/sessions";
import { createPasswordReset, redeemPasswordReset, ResetLinkError, viewPasswordReset } from "@/lib/data/password-resets";

vi.mock("next/headers", async () => (await import("@/tests/support/request-context")).nextHeadersModule());
mockNextHeadersForRequire();

const SETTINGS = { PLAYGATE_RATE_LIMIT_PASSWORD_RESET: "3/3600", PLAYGATE_RATE_LIMIT_LOGIN: "2/300" };
applyTestConfig(SETTINGS);
setupTestDatabase();

const { resetPasswordAction } = await import("@/app/(auth)/reset-password/[token]/actions");
const { default: ResetPasswordPage } = await import("@/app/(auth)/reset-password/[token]/page");

/** HTML of a page, in the router context the app gives its client islands (the form). */
function html(tree: ReactNode): string {
  const router = { back() {}, forward() {}, refresh() {}, push() {}, replace() {}, prefetch() {} };
  return renderToString(createElement(AppRouterContext.Provider, { value: router as never }, tree));
}

const tokenOf = (url: string) => url.slice(url.lastIndexOf("/") + 1);
const problemOf = (promise: Promise<unknown>) => promise.then(() => "none", (e: unknown) => (e instanceof ResetLinkError ? e.problem : e));

let world: Awaited<ReturnType<typeof newWorld>>;
async function newWorld() {
  const { org, admin } = await newOrg();
  const member = await addUser(org.id, "user");
  return { org, admin: await actorOf(admin.id), member };
}
beforeAll(async () => {
  world = await newWorld();
});

describe("making a link", () => {
  it("gives the admin a link once; only its hash is stored; the page names the account", async () => {
    const link = await createPasswordReset(world.admin, world.member.id);
    expect(link.url).toMatch(new RegExp(`^${getConfig().appUrl}/reset-password/pg_pwr_[A-Za-z0-9_-]{32}$`));
    expect(link.expiresAt.getTime() - Date.now()).toBeGreaterThan(23.9 * 3600_000);
    const token = tokenOf(link.url);
    const row = await db.passwordReset.findUniqueOrThrow({ where: { tokenHash: hashSecret(token) } });
    expect(JSON.stringify(row)).not.toContain(token);
    expect(await viewPasswordReset(token)).toMatchObject({ ok: true, email: world.member.email, orgName: world.org.name });
    const page = html(await ResetPasswordPage({ params: Promise.resolve({ token }) }));
    expect(page).toContain("Choose a new password");
    expect(page).toContain(world.member.email);
    expect(page).toContain('name="password"');
    const made = await db.auditEvent.findFirstOrThrow({ where: { orgId: world.org.id, action: "user.password_reset_link_created", targetId: world.member.id } });
    expect(made).toMatchObject({ actorEmail: world.admin.email, result: "ok" });
    expect(made.details).not.toContain(token);
  });

  it("is refused, and audited as denied, for roles without user:manage and for another organisation's user", async () => {
    const { org } = world;
    const plainUser = await actorOf((await addUser(org.id, "user")).id);
    await expect(createPasswordReset(plainUser, world.member.id)).rejects.toBeInstanceOf(PermissionError);
    const other = await newOrg();
    await expect(createPasswordReset(await actorOf(other.admin.id), world.member.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await db.auditEvent.count({ where: { action: "user.password_reset_link_created", targetId: world.member.id, result: "denied" } })).toBe(2);
  });

  it("is limited per user (PLAYGATE_RATE_LIMIT_PASSWORD_RESET), and a newer link replaces the older", async () => {
    const { admin, org } = await newWorld();
    const member = await addUser(org.id, "readonly");
    const first = await createPasswordReset(admin, member.id);
    const second = await createPasswordReset(admin, member.id);
    expect(await problemOf(redeemPasswordReset({ token: tokenOf(first.url), password: "replaced-password-1" }))).toBe("revoked");
    expect((await viewPasswordReset(tokenOf(first.url))).ok).toBe(false);
    expect((await viewPasswordReset(tokenOf(second.url))).ok).toBe(true);
    await createPasswordReset(admin, member.id);
    await expect(createPasswordReset(admin, member.id)).rejects.toBeInstanceOf(RateLimitError);
  });
});

describe("using a link", () => {
  it("sets the password, ends every session, lifts the lockout, and works only once", async () => {
    const { admin, org } = await newWorld();
    const member = await addUser(org.id, "user");
    const session = await signedIn(member.id);
    // Locked out: two failed sign-ins with a limit of 2, then a third.
    for (let i = 0; i < 3; i++) await hitRateLimit(`login:email:${member.email}`, getConfig().limits.login);
    expect((await peekRateLimit(`login:email:${member.email}`, getConfig().limits.login)).limited).toBe(true);

    const token = tokenOf((await createPasswordReset(admin, member.id)).url);
    expect(await redeemPasswordReset({ token, password: "my-brand-new-password" })).toEqual({ email: member.email });
    const after = await db.user.findUniqueOrThrow({ where: { id: member.id }, omit: { passwordHash: false } });
    expect(await verifyPassword("my-brand-new-password", after.passwordHash)).toBe(true);
    expect(await verifyPassword(PASSWORD, after.passwordHash)).toBe(false);
    expect(await resolveSessionToken(session.token)).toBeNull();
    expect(await db.apiSession.count({ where: { userId: member.id } })).toBe(0);
    expect((await peekRateLimit(`login:email:${member.email}`, getConfig().limits.login)).limited).toBe(false);
    const used = await db.auditEvent.findFirstOrThrow({ where: { orgId: org.id, action: "user.password_reset" } });
    expect(used).toMatchObject({ actorUserId: member.id, actorEmail: member.email, targetId: member.id, result: "ok" });

    expect(await problemOf(redeemPasswordReset({ token, password: "a-second-try-password" }))).toBe("used");
    expect(await viewPasswordReset(token)).toEqual({ ok: false, problem: "used" });
  });

  it("of five parallel uses of one link, exactly one sets the password", { timeout: 60_000 }, async () => {
    const { admin, org } = await newWorld();
    const member = await addUser(org.id, "user");
    const token = tokenOf((await createPasswordReset(admin, member.id)).url);
    const passwords = Array.from({ length: 5 }, (_, i) => `parallel-password-${i}`);
    const results = await Promise.allSettled(passwords.map((password) => redeemPasswordReset({ token, password })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(rejected.every((r) => r.reason instanceof ResetLinkError && r.reason.problem === "used")).toBe(true);
    const hash = (await db.user.findUniqueOrThrow({ where: { id: member.id }, omit: { passwordHash: false } })).passwordHash;
    const matches = await Promise.all(passwords.map((p) => verifyPassword(p, hash)));
    expect(matches.filter(Boolean)).toHaveLength(1);
  });

  it("an expired, unknown or malformed link says which, on the page and from the form", async () => {
    const { admin, org } = await newWorld();
    const member = await addUser(org.id, "user");
    const token = tokenOf((await createPasswordReset(admin, member.id)).url);
    await db.passwordReset.update({ where: { tokenHash: hashSecret(token) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await viewPasswordReset(token)).toEqual({ ok: false, problem: "expired" });
    expect(await problemOf(redeemPasswordReset({ token, password: "too-late-password" }))).toBe("expired");
    for (const bad of ["pg_pwr_doesnotexist", "pg_inv_notareset", "garbage"]) expect(await viewPasswordReset(bad)).toEqual({ ok: false, problem: "unknown" });
    const page = html(await ResetPasswordPage({ params: Promise.resolve({ token }) }));
    expect(page).toContain("This reset link has expired");
    expect(page).not.toContain('name="password"');

    const answer = await asRequest(new Headers(fromAddress("203.0.113.77")), () => resetPasswordAction(undefined, { token, password: "too-late-password" }));
    expect(answer).toMatchObject({ ok: false, message: expect.stringMatching(/expired/) });
    const short = await asRequest(new Headers(fromAddress("203.0.113.77")), () => resetPasswordAction(undefined, { token, password: "short" }));
    expect(short).toMatchObject({ ok: false, fields: { password: [expect.any(String)] } });
  });

  it("the form is limited per address: past it, even a good link answers rate_limited and changes nothing", async () => {
    const { admin, org } = await newWorld();
    const member = await addUser(org.id, "user");
    const token = tokenOf((await createPasswordReset(admin, member.id)).url);
    const from = new Headers(fromAddress("203.0.113.88"));
    for (let i = 0; i < 3; i++) await asRequest(from, () => resetPasswordAction(undefined, { token: `pg_pwr_guess${i}`, password: "guessing-password" }));
    const answer = await asRequest(from, () => resetPasswordAction(undefined, { token, password: "my-brand-new-password" }));
    expect(answer).toMatchObject({ ok: false, code: "rate_limited" });
    expect((await viewPasswordReset(token)).ok).toBe(true);
    // Another address is not affected.
    const ok = await asRequest(new Headers(fromAddress("203.0.113.89")), () => resetPasswordAction(undefined, { token, password: "my-brand-new-password" }));
    expect(ok).toMatchObject({ ok: true, data: { email: member.email } });
  });
});
