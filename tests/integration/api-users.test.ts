// Contract tests: users and invitations over the API, with the same rules as the Users tab.
import { beforeAll, describe, expect, it } from "vitest";
import { setupTestDatabase } from "@/tests/support/db";
import { apiFixture } from "@/tests/support/api-fixture";
import { apiKey, bintu, callRoute, expectContract, expectError } from "@/tests/support/api";
import * as c from "@/lib/api/contracts/users";
import * as users from "@/app/api/v1/users/route";
import * as oneUser from "@/app/api/v1/users/[id]/route";
import * as reset from "@/app/api/v1/users/[id]/reset-token-key/route";
import * as invitations from "@/app/api/v1/invitations/route";
import * as oneInvitation from "@/app/api/v1/invitations/[id]/route";
import * as me from "@/app/api/v1/me/route";

setupTestDatabase();
let f: Awaited<ReturnType<typeof apiFixture>>;
beforeAll(async () => {
  f = await apiFixture();
});

describe("users API", () => {
  it("lists users by role for admins and users, never for readonly or other organisations", async () => {
    const all = await callRoute(users.GET, "GET", "/api/v1/users", { headers: apiKey(f.masterA) });
    expectContract(c.listUsers, all);
    expect((all.json as { items: unknown[] }).items).toHaveLength(3);
    const readonly = await callRoute(users.GET, "GET", "/api/v1/users", { headers: bintu(f.userA.token), query: { role: "readonly" } });
    expect((readonly.json as { items: { email: string }[] }).items.map((u) => u.email)).toEqual([f.readonlyA.user.email]);
    expectError(await callRoute(users.GET, "GET", "/api/v1/users", { headers: bintu(f.readonlyA.token) }), 403);
    expectError(await callRoute(users.GET, "GET", "/api/v1/users", { headers: apiKey(f.masterA), query: { role: "owner" } }), 400);
    const b = await callRoute(users.GET, "GET", "/api/v1/users", { headers: apiKey(f.masterB) });
    expect((b.json as { items: { email: string }[] }).items.map((u) => u.email)).toEqual([f.adminB.user.email]);
  });

  it("changes a role and resets a token key, ending that user's session token at once", async () => {
    const changed = await callRoute(oneUser.PATCH, "PATCH", `/api/v1/users/${f.userA.user.id}`, { headers: apiKey(f.masterA), params: { id: f.userA.user.id }, body: { role: "readonly" } });
    expectContract(c.changeRole, changed);
    expectError(await callRoute(me.GET, "GET", "/api/v1/me", { headers: bintu(f.userA.token) }), 401);

    const before = await callRoute(me.GET, "GET", "/api/v1/me", { headers: bintu(f.readonlyA.token) });
    expect(before.status).toBe(200);
    const resetDone = await callRoute(reset.POST, "POST", `/api/v1/users/${f.readonlyA.user.id}/reset-token-key`, { headers: apiKey(f.masterA), params: { id: f.readonlyA.user.id } });
    expectContract(c.resetTokenKey, resetDone);
    expect((resetDone.json as { tokenKeyId: string }).tokenKeyId).not.toBe(f.readonlyA.user.tokenKeyId);
    expectError(await callRoute(me.GET, "GET", "/api/v1/me", { headers: bintu(f.readonlyA.token) }), 401);
  });

  it("refuses a role outside the three, another organisation's user, and the last admin", async () => {
    expectError(await callRoute(oneUser.PATCH, "PATCH", `/api/v1/users/${f.userA.user.id}`, { headers: apiKey(f.masterA), params: { id: f.userA.user.id }, body: { role: "owner" } }), 400);
    expectError(await callRoute(oneUser.PATCH, "PATCH", `/api/v1/users/${f.userA.user.id}`, { headers: apiKey(f.masterB), params: { id: f.userA.user.id }, body: { role: "admin" } }), 404);
    expectError(await callRoute(oneUser.DELETE, "DELETE", `/api/v1/users/${f.userA.user.id}`, { headers: apiKey(f.masterB), params: { id: f.userA.user.id } }), 404);
    expectError(await callRoute(oneUser.PATCH, "PATCH", `/api/v1/users/${f.adminB.user.id}`, { headers: apiKey(f.masterB), params: { id: f.adminB.user.id }, body: { role: "user" } }), 409, "conflict");
    expectError(await callRoute(oneUser.DELETE, "DELETE", `/api/v1/users/${f.adminB.user.id}`, { headers: apiKey(f.masterB), params: { id: f.adminB.user.id } }), 409);
  });

  it("deletes a user", async () => {
    const deleted = await callRoute(oneUser.DELETE, "DELETE", `/api/v1/users/${f.userA.user.id}`, { headers: apiKey(f.masterA), params: { id: f.userA.user.id } });
    expectContract(c.deleteUser, deleted);
    const all = await callRoute(users.GET, "GET", "/api/v1/users", { headers: apiKey(f.masterA) });
    expect((all.json as { items: { id: string }[] }).items.map((u) => u.id)).not.toContain(f.userA.user.id);
  });
});

describe("invitations API", () => {
  it("an admin's session token creates, lists and revokes invitations", async () => {
    const created = await callRoute(invitations.POST, "POST", "/api/v1/invitations", { headers: bintu(f.adminA.token), body: { role: "user", expiresInDays: 1 } });
    expectContract(c.createInvitation, created);
    const inv = created.json as { id: string; url: string };
    expect(inv.url).toMatch(/\/invite\/pg_inv_/);
    const listed = await callRoute(invitations.GET, "GET", "/api/v1/invitations", { headers: bintu(f.adminA.token) });
    expectContract(c.listInvitations, listed);
    expect((listed.json as { items: { id: string }[] }).items.map((i) => i.id)).toContain(inv.id);
    expectError(await callRoute(oneInvitation.DELETE, "DELETE", `/api/v1/invitations/${inv.id}`, { headers: apiKey(f.masterB), params: { id: inv.id } }), 404);
    const revoked = await callRoute(oneInvitation.DELETE, "DELETE", `/api/v1/invitations/${inv.id}`, { headers: bintu(f.adminA.token), params: { id: inv.id } });
    expectContract(c.revokeInvitation, revoked);
    expectError(await callRoute(oneInvitation.DELETE, "DELETE", `/api/v1/invitations/${inv.id}`, { headers: bintu(f.adminA.token), params: { id: inv.id } }), 409);
  });

  it("refuses roles outside the three and non-admins", async () => {
    expectError(await callRoute(invitations.POST, "POST", "/api/v1/invitations", { headers: bintu(f.adminA.token), body: { role: "superadmin" } }), 400);
    expectError(await callRoute(invitations.POST, "POST", "/api/v1/invitations", { headers: bintu(f.readonlyA.token), body: { role: "readonly" } }), 401);
  });
});
