// The audit log as an admin reads it (issue 19, point 4): its own "Audit log" tab beside Overview and
// User Management (admins only), targets named as the console names them — a stream by its current
// name, a user by email, a token by its tag — and linked to where they are managed (a deleted one
// says so, unlinked), and failed sign-ins to an account in its organisation's log, capped by the
// sign-in limit: a flood of guesses adds at most the limit's count and one "locked" event.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createElement, type ReactNode } from "react";
import { prerender } from "react-dom/static";
import { AppRouterContext } from "next/dist/shared/lib/app-router-context.shared-runtime";
import { applyTestConfig } from "@/tests/support/config";
import { setupTestDatabase } from "@/tests/support/db";
import { actorOf, addUser, newOrg, PASSWORD, signedIn, uniqueEmail } from "@/tests/support/users";
import { mockNextHeadersForRequire } from "@/tests/support/request-context";
import { csrf, fromAddress, postCredentials } from "@/tests/support/auth-route";
import { db } from "@/lib/db";
import type { CurrentUser } from "@/lib/data/sessions";
import { createStream, deleteStream, renameStream } from "@/lib/data/streams";
import { createPlaybackToken } from "@/lib/data/playback-tokens";
import { changeUserRole } from "@/lib/data/users";
import { createOrganisation } from "@/lib/data/organisations";
import { apiBodyToTokenInput } from "@/lib/validation/tokens";

vi.mock("next/headers", async () => (await import("@/tests/support/request-context")).nextHeadersModule());
mockNextHeadersForRequire();
const auth = vi.hoisted(() => ({ current: null as CurrentUser | null }));
vi.mock("@/lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  getCurrentUser: async () => auth.current,
  requireUser: async () => auth.current,
}));

const LIMIT = 3;
applyTestConfig({ PLAYGATE_RATE_LIMIT_LOGIN: `${LIMIT}/300`, PLAYGATE_RATE_LIMIT_ADDRESS: "1000/300" });
setupTestDatabase();

const { default: AuditLogPage } = await import("@/app/(dashboard)/organisation/audit/page");
const { OrganisationHeader } = await import("@/components/organisation/organisation-header");

/** HTML of a server component tree with async children, in the router context the app shell gives. */
async function html(tree: ReactNode): Promise<string> {
  const router = { back() {}, forward() {}, refresh() {}, push() {}, replace() {}, prefetch() {} };
  const { prelude } = await prerender(createElement(AppRouterContext.Provider, { value: router as never }, tree));
  return new Response(prelude).text();
}

async function auditPage(user: CurrentUser, query: Record<string, string> = {}) {
  auth.current = user;
  return html(await AuditLogPage({ searchParams: Promise.resolve(query) }));
}

/** The table row whose action is `action` (the newest one, or the newest that holds `holding`). */
function rowOf(page: string, action: string, holding = ""): string {
  const rows = page.split("<tr").filter((row) => row.includes(`>${action}<`) && row.includes(holding));
  expect(rows.length, `a row for ${action}`).toBeGreaterThan(0);
  return rows[0];
}

let admin: CurrentUser;
let orgId = "";
const made = { streamKept: "", streamGone: "", token: "", memberEmail: "", memberId: "" };

beforeAll(async () => {
  const { org, admin: a } = await createOrganisation({ name: "Audit Log Org", admin: { email: uniqueEmail("admin"), name: "Admin", password: PASSWORD }, packages: ["secure_playback"] });
  orgId = org.id;
  admin = (await signedIn(a.id)).user;
  const actor = await actorOf(a.id);
  const kept = await createStream(actor, { name: "Main Stage", tags: [] });
  await renameStream(actor, kept.id, "Main Stage (renamed)");
  const gone = await createStream(actor, { name: "Backstage", tags: [] });
  await deleteStream(actor, gone.id);
  const token = await createPlaybackToken(actor, apiBodyToTokenInput({ groupid: kept.id, tag: "press-pass" }), "ui");
  const member = await addUser(org.id, "user");
  await changeUserRole(actor, member.id, "readonly");
  Object.assign(made, { streamKept: kept.id, streamGone: gone.id, token: token.id, memberEmail: member.email, memberId: member.id });
});

describe("the Audit log tab", () => {
  it("sits beside Overview and User Management for admins, marked current on the log; the other roles do not get it", async () => {
    const page = await auditPage(admin);
    expect(page).toMatch(/<a[^>]*href="\/organisation\/audit"[^>]*aria-current="page"[^>]*>Audit log<\/a>|<a[^>]*aria-current="page"[^>]*href="\/organisation\/audit"[^>]*>Audit log<\/a>/);
    expect(page).toContain('href="/organisation/overview"');
    expect(page).toContain('href="/organisation/users"');
    for (const role of ["user", "readonly"] as const) {
      const other = (await signedIn((await addUser(orgId, role)).id)).user;
      const header = await html(await OrganisationHeader({ user: other, current: "/organisation/overview" }));
      expect(header, role).toContain(">Overview<");
      expect(header, role).not.toContain("Audit log");
    }
  });
});

describe("targets by name, linked", () => {
  it("names a stream by its current name with its id in small print, linked to the stream", async () => {
    const row = rowOf(await auditPage(admin, { action: "stream.created" }), "stream.created", made.streamKept);
    expect(row).toContain(`href="/streams/${made.streamKept}"`);
    expect(row).toContain(">Main Stage (renamed)<");
    expect(row).toContain(`>${made.streamKept}<`);
  });

  it("names a deleted stream by the name it had, says it is deleted and links nowhere", async () => {
    const row = rowOf(await auditPage(admin, { action: "stream.deleted" }), "stream.deleted");
    expect(row).toContain(">Backstage<");
    expect(row).toContain(`${made.streamGone} · deleted`);
    expect(row).not.toContain(`href="/streams/${made.streamGone}"`);
  });

  it("names a token by its tag, linked to its overview; a user by email, linked to User Management", async () => {
    const page = await auditPage(admin);
    const token = rowOf(page, "token.created");
    expect(token).toContain(`href="/secure/token/${made.token}"`);
    expect(token).toContain("Token “press-pass”");
    const user = rowOf(page, "user.role_changed");
    expect(user).toContain('href="/organisation/users"');
    expect(user).toContain(`>${made.memberEmail}<`);
  });

  it("does not name or link another organisation's stream under an id this log holds", async () => {
    const other = await newOrg();
    const theirs = await createStream(await actorOf(other.admin.id), { name: "Their Secret Show", tags: [] });
    await db.auditEvent.create({ data: { orgId, actorKind: "system", actorEmail: "system", action: "probe.cross_org", targetType: "stream", targetId: theirs.id, targetLabel: "as recorded" } });
    const row = rowOf(await auditPage(admin, { action: "probe.cross_org" }), "probe.cross_org");
    expect(row).not.toContain("Their Secret Show");
    expect(row).not.toContain(`href="/streams/${theirs.id}"`);
    expect(row).toContain(">as recorded<");
  });
});

describe("failed sign-ins in the log", () => {
  const failures = (email: string) => db.auditEvent.findMany({ where: { actorEmail: email, action: { startsWith: "auth.sign_in" } }, orderBy: { createdAt: "asc" } });

  it("records each wrong password and the lock, capped at the sign-in limit however many guesses come", { timeout: 120_000 }, async () => {
    const { org, admin: victim } = await newOrg();
    const token = await csrf();
    const from = fromAddress("203.0.113.50");
    const answers = [];
    for (let i = 0; i < 12; i++) answers.push((await postCredentials(token, { email: victim.email, password: `guess-${i}` }, { headers: from })).status);
    expect(answers).toEqual([...Array(LIMIT).fill(401), ...Array(12 - LIMIT).fill(429)]);
    // Written after the answer (a known email must not answer slower than an unknown one).
    await expect.poll(async () => (await failures(victim.email)).length, { timeout: 5_000 }).toBe(LIMIT + 1);
    const events = await failures(victim.email);
    expect(events.map((e) => e.action)).toEqual([...Array(LIMIT).fill("auth.sign_in_failed"), "auth.sign_in_locked"]);
    for (const e of events) {
      expect(e).toMatchObject({ orgId: org.id, actorKind: "anonymous", actorUserId: null, result: "denied", targetType: "user", targetId: victim.id });
      expect(JSON.parse(e.details)).toMatchObject({ via: "sign-in", address: "203.0.113.50" });
    }
    // Shown on the admin's page as not signed in, the account named and linked.
    const row = rowOf(await auditPage((await signedIn(victim.id)).user, { action: "auth.sign_in_locked" }), "auth.sign_in_locked");
    expect(row).toContain("not signed in");
    expect(row).not.toContain("deleted user");
    expect(row).toContain('href="/organisation/users"');
  });

  it("records nothing for an email no account has, nor for the right password", { timeout: 120_000 }, async () => {
    const token = await csrf();
    const nobody = uniqueEmail("nobody");
    for (let i = 0; i < 3; i++) expect((await postCredentials(token, { email: nobody, password: `guess-${i}` })).status).toBe(401);
    const { admin: owner } = await newOrg();
    expect(await postCredentials(token, { email: owner.email, password: PASSWORD })).toMatchObject({ status: 200, signedIn: true });
    await new Promise((r) => setTimeout(r, 300));
    expect(await db.auditEvent.count({ where: { actorEmail: { in: [nobody, owner.email] }, action: { startsWith: "auth.sign_in" } } })).toBe(0);
  });
});
