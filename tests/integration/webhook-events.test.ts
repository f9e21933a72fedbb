// The events the data layer raises reach the organisation's webhook queue whichever way the change
// came in: the Users tab's server actions and the HTTP API queue the same user.invited and
// user.deleted deliveries, and an emergency signing-key revocation announces its tokens as one
// token.revoked event. Only the session cookie is faked for the actions (getCurrentUser returns a
// real database user); the deliveries are the rows each write commits with its change.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { applyTestConfig } from "@/tests/support/config";
import { setupTestDatabase } from "@/tests/support/db";
import { apiFixture } from "@/tests/support/api-fixture";
import { apiKey, bintu, callRoute } from "@/tests/support/api";
import { db } from "@/lib/db";
import { newUserData } from "@/lib/data/users";
import { saveWebhookSettings } from "@/lib/data/webhooks";
import { createPlaybackToken } from "@/lib/data/playback-tokens";
import { createStream } from "@/lib/data/streams";
import { revokeSigningKey } from "@/lib/data/signing-keys";
import { apiBodyToTokenInput } from "@/lib/validation/tokens";
import { getCurrentUser } from "@/lib/auth/session";
import type { Actor } from "@/lib/auth/actor";
import type { CurrentUser } from "@/lib/data/sessions";
import * as invitations from "@/app/api/v1/invitations/route";
import * as oneUser from "@/app/api/v1/users/[id]/route";
import { createInvitationAction, deleteUserAction } from "@/app/(dashboard)/organisation/users/actions";

vi.mock("@/lib/auth/session", async (importOriginal) => ({ ...(await importOriginal<object>()), getCurrentUser: vi.fn() }));

applyTestConfig({ PLAYGATE_WEBHOOK_ALLOW_INSECURE: "1" });
setupTestDatabase();

let f: Awaited<ReturnType<typeof apiFixture>>;
let admin: Actor;

beforeAll(async () => {
  f = await apiFixture();
  admin = { kind: "user", orgId: f.orgA.id, role: "admin", userId: f.adminA.user.id, email: f.adminA.user.email, label: "test" };
  await saveWebhookSettings(admin, { url: "http://127.0.0.1:9/hook", events: ["user.invited", "user.deleted", "token.revoked"], enabled: true });
});

async function queued(eventType: string) {
  const rows = await db.webhookDelivery.findMany({ where: { orgId: f.orgA.id, eventType }, orderBy: { createdAt: "asc" } });
  return rows.map((r) => (JSON.parse(r.payload) as { data: Record<string, unknown> }).data);
}

async function addUser(email: string) {
  return db.user.create({ data: { orgId: f.orgA.id, ...(await newUserData({ email, name: "Gone soon", password: "long-enough-password", role: "user" })) } });
}

function form(fields: Record<string, string>) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  return fd;
}

describe("user events reach the webhook from the UI and the API alike", () => {
  it("an invitation created over the API and one from the Users tab each queue user.invited", async () => {
    const viaApi = await callRoute(invitations.POST, "POST", "/api/v1/invitations", { headers: bintu(f.adminA.token), body: { role: "user", expiresInDays: 7 } });
    expect(viaApi.status).toBe(201);
    const current: CurrentUser = { id: f.adminA.user.id, email: f.adminA.user.email, name: "A Admin", role: "admin", orgId: f.orgA.id, orgName: f.orgA.name, sessionId: "s_test", tokenLabel: "pg_st_test…" };
    vi.mocked(getCurrentUser).mockResolvedValue(current);
    const viaUi = await createInvitationAction(undefined, form({ role: "readonly", expiresInDays: "7" }));
    expect(viaUi, JSON.stringify(viaUi)).toMatchObject({ ok: true });

    const events = await queued("user.invited");
    expect(events).toHaveLength(2);
    expect(events.map((e) => e.role).sort()).toEqual(["readonly", "user"]);
    expect(events.every((e) => e.invitedBy === f.adminA.user.email)).toBe(true);
  });

  it("a user deleted with the master key and one deleted from the Users tab each queue user.deleted", async () => {
    const first = await addUser("leaves-by-api@a.test");
    const second = await addUser("leaves-by-ui@a.test");
    const viaApi = await callRoute(oneUser.DELETE, "DELETE", `/api/v1/users/${first.id}`, { headers: apiKey(f.masterA), params: { id: first.id } });
    expect(viaApi.status).toBe(200);
    const viaUi = await deleteUserAction(undefined, form({ userId: second.id }));
    expect(viaUi, JSON.stringify(viaUi)).toMatchObject({ ok: true });

    const events = await queued("user.deleted");
    expect(events.map((e) => e.email).sort()).toEqual(["leaves-by-api@a.test", "leaves-by-ui@a.test"]);
  });

  it("a refused deletion queues nothing", async () => {
    const before = (await queued("user.deleted")).length;
    const refused = await callRoute(oneUser.DELETE, "DELETE", `/api/v1/users/${f.userA.user.id}`, { headers: bintu(f.readonlyA.token), params: { id: f.userA.user.id } });
    expect(refused.status).toBe(403);
    expect(await queued("user.deleted")).toHaveLength(before);
  });
});

describe("token events", () => {
  it("revoking a signing key in an emergency queues one token.revoked naming the key and how many tokens it ended", async () => {
    const stream = await createStream(admin, { name: "Key Stage", tags: [] });
    const made = [];
    for (let i = 0; i < 3; i++) made.push(await createPlaybackToken(admin, apiBodyToTokenInput({ groupid: stream.id }), "api"));
    await revokeSigningKey(admin, made[0].kid);

    const events = await queued("token.revoked");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kid: made[0].kid, count: 3 });
  });
});
