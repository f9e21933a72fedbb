// Row 12 (mass assignment): every API body and every server action refuses fields it does not
// know (`orgId`, `role`, `id`, `createdAt`, `__proto__` beside a valid input) with a 400 /
// "invalid", and writes nothing. The same valid input without the extras is accepted, so the
// refusal is about the extra fields alone.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { setupTestDatabase } from "@/tests/support/db";
import { apiFixture } from "@/tests/support/api-fixture";
import { apiKey, bintu, callRoute, expectError } from "@/tests/support/api";
import { fillPath, handlerFor, pathParams } from "@/tests/support/routes";
import { signedIn, PASSWORD } from "@/tests/support/users";
import { db } from "@/lib/db";
import { API_CONTRACTS } from "@/lib/api/contracts";
import { ACTION_REGISTRY, type ActionState } from "@/lib/actions";
import { systemActor } from "@/lib/auth/actor";
import { getCurrentUser } from "@/lib/auth/session";
import { createStream } from "@/lib/data/streams";
import { createInvitation } from "@/lib/data/invitations";
import { createPlaybackToken } from "@/lib/data/playback-tokens";
import { ensureActiveSigningKey } from "@/lib/data/signing-keys";
import { saveWebhookSettings, sendTestEvent } from "@/lib/data/webhooks";
import { tokenFormSchema } from "@/lib/validation/tokens";
import { signupAction } from "@/app/(auth)/signup/actions";
import { acceptInvitationAction } from "@/app/(auth)/invite/[token]/actions";
import { resetPasswordAction } from "@/app/(auth)/reset-password/[token]/actions";
import * as account from "@/app/(dashboard)/account/actions";
import * as streamActions from "@/app/(dashboard)/streams/actions";
import * as overview from "@/app/(dashboard)/organisation/overview/actions";
import * as userActions from "@/app/(dashboard)/organisation/users/actions";
import * as tokenPage from "@/app/(dashboard)/secure/token/actions";
import * as signingKeys from "@/app/(dashboard)/secure/token/signing-key-actions";

vi.mock("@/lib/auth/session", async (importOriginal) => ({ ...(await importOriginal<object>()), getCurrentUser: vi.fn() }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers(),
  cookies: async () => ({ get: () => undefined, set: () => undefined, delete: () => undefined }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));
vi.mock("node:dns", () => {
  const lookup = (_host: string, _opts: unknown, cb: (e: null, a: { address: string; family: number }[]) => void) => cb(null, [{ address: "93.184.216.34", family: 4 }]);
  return { lookup, default: { lookup } };
});

setupTestDatabase();

const EXTRAS = { orgId: "org_attacker", role: "admin", id: "chosen-id", createdAt: "2000-01-01T00:00:00Z" };
let f: Awaited<ReturnType<typeof apiFixture>>;
const ids = { stream: "", streamName: "", token: "", tokenText: "", invitation: "", delivery: "", kid: "" };

beforeAll(async () => {
  f = await apiFixture();
  const actor = { ...systemActor(f.orgA.id), userId: f.adminA.user.id, email: f.adminA.user.email };
  const stream = await createStream(actor, { name: "Mass", renditions: 1, tags: [] });
  ids.stream = stream.id;
  ids.streamName = stream.renditions[0].streamName;
  const token = await createPlaybackToken(actor, tokenFormSchema.parse({ target: "org" }), "api");
  ids.token = token.id;
  ids.tokenText = token.token;
  ids.invitation = (await createInvitation(actor, { role: "user", expiresInDays: 7 })).invitation.id;
  await saveWebhookSettings(actor, { url: "https://hooks.example.com/m", events: [], enabled: true });
  ids.delivery = (await sendTestEvent(actor)).id;
  ids.kid = (await ensureActiveSigningKey(f.orgA.id)).kid;
});

/** Row counts of every table and the rows an attacker would aim at (timestamps of use excluded). */
async function fingerprint() {
  const counts = await Promise.all([
    db.organisation.count(), db.user.count(), db.invitation.count(), db.stream.count(), db.streamTag.count(), db.streamRendition.count(),
    db.playbackToken.count(), db.signingKey.count(), db.apiKey.count(), db.webhookDelivery.count(), db.auditEvent.count(), db.revocation.count(),
  ]);
  const rows = await Promise.all([
    db.organisation.findMany({ orderBy: { id: "asc" } }),
    db.user.findMany({ orderBy: { id: "asc" } }),
    db.stream.findMany({ orderBy: { id: "asc" } }),
    db.streamRendition.findMany({ orderBy: { id: "asc" } }),
    db.playbackToken.findMany({ orderBy: { id: "asc" }, select: { id: true, revokedAt: true, orgId: true } }),
    db.invitation.findMany({ orderBy: { id: "asc" } }),
    db.webhook.findMany({ orderBy: { orgId: "asc" } }),
  ]);
  return JSON.stringify({ counts, rows });
}

/** A body each API route accepts (authorize may answer its 403 deny: still not a 400). */
const VALID_BODIES: Record<string, () => { body: Record<string, unknown>; params?: Record<string, string>; token?: boolean }> = {
  "PUT /api/v1/organisation/vod": () => ({ body: { vodPublic: true } }),
  "PUT /api/v1/organisation/webhook": () => ({ body: { url: "https://hooks.example.com/n", events: ["publish"], enabled: false } }),
  "PUT /api/v1/organisation/blocking-webhook": () => ({ body: { url: "https://hooks.example.com/b", failOpen: true, timeoutMs: 1000 } }),
  "PUT /api/v1/organisation/misuse-signals": () => ({ body: { maxAddresses: 4, maxViewers: 3 } }),
  "POST /api/v1/streams/{id}/events": () => ({ body: { event: "publish" }, params: { id: ids.stream } }),
  // With the optional mediamtx field, so the extras are refused beside a body using every kind of field.
  "POST /api/v1/secure/token": () => ({ body: { groupid: ids.stream, mediamtx: true } }),
  "POST /api/v1/secure/token/revoke": () => ({ body: { tag: "nothing-tagged" } }),
  "POST /api/v1/playback/authorize": () => ({ body: { token: "not-a-token", stream: "s" } }),
  "POST /api/v1/streams": () => ({ body: { name: "Created" } }),
  "POST /api/v1/streams/{id}/ingest-key": () => ({ body: { streamName: ids.streamName }, params: { id: ids.stream } }),
  "PATCH /api/v1/streams/{id}": () => ({ body: { name: "Renamed" }, params: { id: ids.stream } }),
  "PATCH /api/v1/users/{id}": () => ({ body: { role: "readonly" }, params: { id: f.readonlyA.user.id } }),
  "POST /api/v1/invitations": () => ({ body: { role: "user" }, token: true }),
  "POST /api/v1/splay": () => ({ body: { groupid: ids.stream, revocable: true } }),
  "POST /api/v1/splay/verify": () => ({ body: { token: ids.tokenText } }),
  // Last of the three: the token is verified above before it is revoked here.
  "POST /api/v1/splay/revoke": () => ({ body: { token: ids.tokenText } }),
};

const WITH_BODY = API_CONTRACTS.filter((c) => c.body);

/** JSON text with the extras and a literal "__proto__" key (as an attacker's raw body has it). */
const withExtras = (body: Record<string, unknown>) => JSON.stringify({ ...body, ...EXTRAS }).replace(/}$/, ',"__proto__":{"role":"admin","orgId":"org_attacker"}}');

describe("12: unknown fields in API bodies", () => {
  it("12: every API route with a body has a valid body here", () => {
    expect(WITH_BODY.map((c) => c.name).filter((n) => !VALID_BODIES[n])).toEqual([]);
  });

  it.each(WITH_BODY.map((c) => [c.name, c] as const))("12: %s refuses orgId/role/id/createdAt/__proto__ beside a valid body with 400, nothing written", async (_name, contract) => {
    const handler = await handlerFor(contract);
    const method = contract.name.split(" ")[0];
    const { body, params = {}, token } = VALID_BODIES[contract.name]();
    const headers = token ? bintu(f.adminA.token) : apiKey(f.masterA);
    const path = fillPath(contract, params);
    expect(pathParams(contract).every((p) => params[p])).toBe(true);
    const before = await fingerprint();
    const refused = await callRoute(handler, method, path, { headers, params, rawBody: withExtras(body) });
    expectError(refused, 400, "validation_failed");
    expect(await fingerprint()).toBe(before);
    const accepted = await callRoute(handler, method, path, { headers, params, body });
    expect(accepted.status, JSON.stringify(accepted.json)).toBeLessThan(contract.name.includes("authorize") ? 404 : 300);
  });
});

type Action = (prev: undefined, input: FormData | Record<string, unknown>) => Promise<ActionState<unknown>>;
const ACTIONS: [string, Action, () => Record<string, string>][] = [
  ["auth.signup", signupAction, () => ({ organisation: "New Org", name: "N", email: "new@example.test", password: PASSWORD })],
  ["invitation.accept", acceptInvitationAction, () => ({ token: "pg_inv_x", email: "inv@example.test", name: "I", password: PASSWORD })],
  ["password.reset", resetPasswordAction, () => ({ token: "pg_pwr_x", password: PASSWORD })],
  ["account.updateProfile", account.updateProfileAction, () => ({ name: "Renamed Admin" })],
  ["account.changePassword", account.changePasswordAction, () => ({ currentPassword: "long-enough-password", newPassword: "another-long-password" })],
  ["account.resetTokenKey", account.resetOwnTokenAction, () => ({})],
  ["streams.create", streamActions.createStreamAction, () => ({ name: "Created" })],
  ["streams.rename", streamActions.renameStreamAction, () => ({ id: ids.stream, name: "Renamed" })],
  ["streams.tag", streamActions.setStreamTagsAction, () => ({ id: ids.stream, tags: "x" })],
  ["streams.rotateIngestKey", streamActions.rotateIngestKeyAction, () => ({ id: ids.stream, streamName: ids.streamName })],
  ["streams.requireToken", streamActions.setStreamRequiresTokenAction, () => ({ id: ids.stream, requiresToken: "false" })],
  ["streams.delete", streamActions.deleteStreamAction, () => ({ id: ids.stream })],
  ["organisation.rotateMasterKey", overview.rotateMasterKeyAction, () => ({})],
  ["organisation.rotatePlayerKey", overview.rotatePlayerKeyAction, () => ({})],
  ["webhook.save", overview.saveWebhookAction, () => ({ url: "https://hooks.example.com/a", enabled: "on" })],
  ["webhook.saveBlocking", overview.saveBlockingWebhookAction, () => ({ url: "https://hooks.example.com/b", failOpen: "false", timeoutMs: "2000" })],
  ["misuse.saveLines", overview.saveMisuseLinesAction, () => ({ maxAddresses: "4", maxViewers: "3" })],
  ["webhook.rotateSecret", overview.rotateWebhookSecretAction, () => ({})],
  ["mediaServer.rotateOmeSecret", overview.rotateOmeSecretAction, () => ({})],
  ["webhook.sendTest", overview.sendTestEventAction, () => ({})],
  ["webhook.redeliver", overview.redeliverAction, () => ({ deliveryId: ids.delivery })],
  ["vod.setPublic", overview.setVodPublicAction, () => ({ vodPublic: "on" })],
  ["invitation.create", userActions.createInvitationAction, () => ({ role: "user" })],
  ["invitation.revoke", userActions.revokeInvitationAction, () => ({ invitationId: ids.invitation })],
  ["user.resetTokenKey", userActions.resetUserTokenAction, () => ({ userId: f.userA.user.id })],
  ["user.createPasswordReset", userActions.createPasswordResetAction, () => ({ userId: f.userA.user.id })],
  ["user.changeRole", userActions.changeRoleAction, () => ({ userId: f.userA.user.id, role: "readonly" })],
  ["user.delete", userActions.deleteUserAction, () => ({ userId: f.userA.user.id })],
  ["tokens.create", tokenPage.createTokenAction, () => ({ target: "group", groupid: ids.stream, mediamtx: "on" })],
  ["tokens.revoke", tokenPage.revokeTokenAction, () => ({ id: ids.token })],
  ["tokens.revokeByTag", tokenPage.revokeByTagAction, () => ({ tag: "t" })],
  ["tokens.revokeFlaggedByTag", tokenPage.revokeFlaggedByTagAction, () => ({ tag: "t" })],
  ["tokens.revokeByUser", tokenPage.revokeByUserAction, () => ({ user: "u" })],
  ["tokens.test", tokenPage.testTokenAction, () => ({ token: "x", stream: "s" })],
  ["tokens.countByTag", tokenPage.countByTagAction, () => ({ tag: "t" })],
  ["tokens.countByUser", tokenPage.countByUserAction, () => ({ user: "u" })],
  ["tokens.countByKey", tokenPage.countByKeyAction, () => ({ kid: ids.kid })],
  ["signingKeys.rotate", signingKeys.rotateSigningKeyAction, () => ({})],
  ["signingKeys.revoke", signingKeys.revokeSigningKeyAction, () => ({ kid: ids.kid })],
];

function form(fields: Record<string, string>) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  fd.append("__proto__", "x");
  return fd;
}

describe("12: a token's claims cannot be set directly", () => {
  it("12: POST /api/v1/secure/token refuses mediamtx_permissions (or any claim) in the body; only the mediamtx option sets it", async () => {
    const contract = API_CONTRACTS.find((c) => c.name === "POST /api/v1/secure/token")!;
    const handler = await handlerFor(contract);
    const before = await fingerprint();
    for (const extra of [{ mediamtx_permissions: [{ action: "publish", path: "" }] }, { mediamtx_permissions: "[]" }, { org: "org_attacker" }, { jti: "chosen" }]) {
      const refused = await callRoute(handler, "POST", "/api/v1/secure/token", { headers: apiKey(f.masterA), body: { groupid: ids.stream, ...extra } });
      expect(refused.status, JSON.stringify(refused.json)).toBe(400);
    }
    expect(await fingerprint()).toBe(before);
  });
});

describe("12: unknown fields in server action input", () => {
  beforeAll(async () => {
    vi.mocked(getCurrentUser).mockResolvedValue((await signedIn(f.adminA.user.id)).user);
  });

  it("12: every registered action has a case here", () => {
    expect(ACTIONS.map(([n]) => n).sort()).toEqual([...ACTION_REGISTRY.keys()].sort());
  });

  it.each(ACTIONS)("12: %s refuses orgId/role/id/createdAt/__proto__ beside valid input (object and form data), nothing written", async (_name, action, valid) => {
    const before = await fingerprint();
    const asObject = JSON.parse(withExtras(valid())) as Record<string, unknown>;
    for (const input of [asObject, form({ ...valid(), ...EXTRAS })]) {
      const state = await action(undefined, input);
      expect(state, JSON.stringify(state)).toMatchObject({ ok: false, code: "invalid" });
    }
    expect(await fingerprint()).toBe(before);
  });
});
