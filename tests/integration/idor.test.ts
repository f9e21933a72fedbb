// Row 3 (IDOR): every API route with a path parameter and every server action taking an id,
// given organisation A's id by organisation B → the same answer as a missing id, and A's row
// unchanged. Real routes, real data layer; only the session lookup (actions) and DNS are faked.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { setupTestDatabase } from "@/tests/support/db";
import { apiFixture } from "@/tests/support/api-fixture";
import { apiKey, callRoute } from "@/tests/support/api";
import { fillPath, handlerFor, pathParams } from "@/tests/support/routes";
import { signedIn } from "@/tests/support/users";
import { db } from "@/lib/db";
import { API_CONTRACTS } from "@/lib/api/contracts";
import { errorBody } from "@/lib/api/contracts/common";
import { systemActor } from "@/lib/auth/actor";
import { getCurrentUser } from "@/lib/auth/session";
import type { ActionState } from "@/lib/actions";
import { createStream } from "@/lib/data/streams";
import { createInvitation } from "@/lib/data/invitations";
import { createPlaybackToken, revokePlaybackToken } from "@/lib/data/playback-tokens";
import { ensureActiveSigningKey } from "@/lib/data/signing-keys";
import { saveWebhookSettings, sendTestEvent } from "@/lib/data/webhooks";
import { tokenFormSchema } from "@/lib/validation/tokens";
import * as streamActions from "@/app/(dashboard)/streams/actions";
import * as tokenActions from "@/app/(dashboard)/secure/token/actions";
import * as userActions from "@/app/(dashboard)/organisation/users/actions";
import * as overview from "@/app/(dashboard)/organisation/overview/actions";
import * as signingKeys from "@/app/(dashboard)/secure/token/signing-key-actions";

vi.mock("@/lib/auth/session", async (importOriginal) => ({ ...(await importOriginal<object>()), getCurrentUser: vi.fn() }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));
vi.mock("node:dns", () => {
  const lookup = (_host: string, _opts: unknown, cb: (e: null, a: { address: string; family: number }[]) => void) => cb(null, [{ address: "93.184.216.34", family: 4 }]);
  return { lookup, default: { lookup } };
});

setupTestDatabase();

let f: Awaited<ReturnType<typeof apiFixture>>;
const a = { stream: "", streamName: "", token: "", invitation: "", delivery: "", kid: "", user: "" };

beforeAll(async () => {
  f = await apiFixture();
  const actor = systemActor(f.orgA.id);
  const stream = await createStream(actor, { name: "A's stream", renditions: 1, tags: ["a-only"] });
  a.stream = stream.id;
  a.streamName = stream.renditions[0].streamName;
  a.token = (await createPlaybackToken(actor, tokenFormSchema.parse({ target: "group", groupid: a.stream }), "api")).id;
  a.invitation = (await createInvitation({ ...actor, userId: f.adminA.user.id, email: f.adminA.user.email }, { role: "user", expiresInDays: 7 })).invitation.id;
  await saveWebhookSettings(actor, { url: "https://hooks.example.com/a", events: ["publish"], enabled: true });
  a.delivery = (await sendTestEvent(actor)).id;
  // Delivered already, so A itself could redeliver it: B's refusal is about ownership only.
  await db.webhookDelivery.update({ where: { id: a.delivery }, data: { status: "failed", completedAt: new Date() } });
  a.kid = (await ensureActiveSigningKey(f.orgA.id)).kid;
  a.user = f.userA.user.id;
});

/** Everything about A's resources that a cross-organisation call could change. */
async function snapshotA() {
  const [stream, tags, token, invitation, delivery, key, users, org] = await Promise.all([
    db.stream.findUnique({ where: { id: a.stream }, include: { renditions: true } }),
    db.streamTag.findMany({ where: { streamId: a.stream } }),
    db.playbackToken.findUnique({ where: { id: a.token } }),
    db.invitation.findUnique({ where: { id: a.invitation } }),
    db.webhookDelivery.findUnique({ where: { id: a.delivery } }),
    db.signingKey.findUnique({ where: { kid: a.kid } }),
    db.user.findMany({ where: { orgId: f.orgA.id }, orderBy: { id: "asc" } }),
    db.organisation.findUnique({ where: { id: f.orgA.id } }),
  ]);
  return JSON.stringify({ stream, tags, token, invitation, delivery, key, users, org });
}

/** The id of A's resource each path parameter names, and a body that would be valid. */
const ROUTE_CASES: Record<string, { params: () => Record<string, string>; body?: unknown | (() => unknown) }> = {
  "POST /api/v1/streams/{id}/ingest-key": { params: () => ({ id: a.stream }), body: () => ({ streamName: a.streamName }) },
  "POST /api/v1/organisation/webhook/deliveries/{id}/redeliver": { params: () => ({ id: a.delivery }) },
  "POST /api/v1/streams/{id}/events": { params: () => ({ id: a.stream }), body: { event: "publish" } },
  "GET /api/v1/organisations/{orgId}/vod": { params: () => ({ orgId: f.orgA.id }) },
  "GET /api/v1/secure/token/{id}": { params: () => ({ id: a.token }) },
  "POST /api/v1/secure/token/{id}/revoke": { params: () => ({ id: a.token }) },
  "POST /api/v1/signing-keys/{kid}/revoke": { params: () => ({ kid: a.kid }) },
  "GET /api/v1/streams/{id}": { params: () => ({ id: a.stream }) },
  "PATCH /api/v1/streams/{id}": { params: () => ({ id: a.stream }), body: { name: "Taken over", tags: ["b"] } },
  "DELETE /api/v1/streams/{id}": { params: () => ({ id: a.stream }) },
  "PATCH /api/v1/users/{id}": { params: () => ({ id: a.user }), body: { role: "admin" } },
  "POST /api/v1/users/{id}/reset-token-key": { params: () => ({ id: a.user }) },
  "DELETE /api/v1/users/{id}": { params: () => ({ id: a.user }) },
  "DELETE /api/v1/invitations/{id}": { params: () => ({ id: a.invitation }) },
};
/** Public on purpose: an organisation's public keys are for every verifier (row 9 covers them). */
// The check's {path} is the viewer's own path (Envoy ext_authz), not an id of anything.
// A media server's hook names the organisation whose tokens and ingest keys it accepts; what it
// allows is decided by the token or key in the callback (tests/integration/hooks-nginx-rtmp.test.ts).
// The revocation feed lists only jtis and kids, for every offline verifier, as the JWKS lists
// public keys: the same for every caller (below), and a token's jti is in the token anyway.
const PUBLIC_BY_DESIGN = ["GET /api/v1/organisations/{orgId}/jwks.json", "GET /api/v1/organisations/{orgId}/revocations", "GET /api/v1/playback/check/{path}", "POST /api/v1/playback/check/{path}", "POST /api/v1/organisations/{orgId}/hooks/nginx-rtmp", "POST /api/v1/organisations/{orgId}/hooks/srs", "POST /api/v1/organisations/{orgId}/hooks/mediamtx", "POST /api/v1/organisations/{orgId}/hooks/ome"];

const WITH_PARAMS = API_CONTRACTS.filter((c) => pathParams(c).length > 0);

describe("3: cross-organisation ids over the API", () => {
  it("3: every API route with a path parameter has a case here", () => {
    expect(WITH_PARAMS.map((c) => c.name).filter((n) => !ROUTE_CASES[n] && !PUBLIC_BY_DESIGN.includes(n))).toEqual([]);
  });

  it.each(WITH_PARAMS.filter((c) => ROUTE_CASES[c.name]).map((c) => [c.name, c] as const))("3: %s with org B's key → 404 like a missing id, A unchanged", async (_name, contract) => {
    const handler = await handlerFor(contract);
    const { method } = { method: contract.name.split(" ")[0] };
    const kase = ROUTE_CASES[contract.name];
    const params = kase.params();
    const missing = Object.fromEntries(Object.keys(params).map((k) => [k, `missing_${k}_0000`]));
    const before = await snapshotA();
    const call = (p: Record<string, string>) => callRoute(handler, method, fillPath(contract, p), { headers: apiKey(f.masterB), params: p, ...(kase.body ? { body: typeof kase.body === "function" ? kase.body() : kase.body } : {}) });
    const cross = await call(params);
    const absent = await call(missing);
    expect(cross.status, JSON.stringify(cross.json)).toBe(404);
    expect(errorBody.safeParse(cross.json).success).toBe(true);
    expect({ status: cross.status, code: (cross.json as { error: { code: string } }).error.code }).toEqual({ status: absent.status, code: (absent.json as { error: { code: string } }).error.code });
    expect(await snapshotA()).toBe(before);
  });

  it("3: the public JWKS of an organisation is the same for every caller (public keys only)", async () => {
    const contract = WITH_PARAMS.find((c) => c.name === PUBLIC_BY_DESIGN[0])!;
    const handler = await handlerFor(contract);
    const path = fillPath(contract, { orgId: f.orgA.id });
    const anonymous = await callRoute(handler, "GET", path, { params: { orgId: f.orgA.id } });
    const withB = await callRoute(handler, "GET", path, { headers: apiKey(f.masterB), params: { orgId: f.orgA.id } });
    expect(withB).toMatchObject({ status: anonymous.status, json: anonymous.json });
    expect(JSON.stringify(anonymous.json)).not.toMatch(/"d":/);
  });

  it("3: the revocation feed of an organisation is the same for every caller, and lists only its own revocations", async () => {
    const contract = WITH_PARAMS.find((c) => c.name === "GET /api/v1/organisations/{orgId}/revocations")!;
    const handler = await handlerFor(contract);
    const revokedB = await createPlaybackToken(systemActor(f.orgB.id), tokenFormSchema.parse({ target: "org" }), "api");
    await revokePlaybackToken(systemActor(f.orgB.id), revokedB.id);
    const path = fillPath(contract, { orgId: f.orgA.id });
    const anonymous = await callRoute(handler, "GET", path, { params: { orgId: f.orgA.id } });
    const withB = await callRoute(handler, "GET", path, { headers: apiKey(f.masterB), params: { orgId: f.orgA.id } });
    expect(anonymous.status).toBe(200);
    expect(withB).toMatchObject({ status: anonymous.status, json: anonymous.json });
    expect(JSON.stringify(anonymous.json)).not.toContain(revokedB.jti);
  });
});

type Action = (prev: undefined, input: FormData | Record<string, unknown>) => Promise<ActionState<unknown>>;
const ACTION_CASES: [string, Action, () => Record<string, string>][] = [
  ["tokens.revoke", tokenActions.revokeTokenAction, () => ({ id: a.token })],
  ["tokens.test", tokenActions.testTokenAction, () => ({ id: a.token, stream: "any" })],
  ["tokens.countByKey", tokenActions.countByKeyAction, () => ({ kid: a.kid })],
  ["streams.rename", streamActions.renameStreamAction, () => ({ id: a.stream, name: "Taken over" })],
  ["streams.tag", streamActions.setStreamTagsAction, () => ({ id: a.stream, tags: "b-tag" })],
  ["streams.delete", streamActions.deleteStreamAction, () => ({ id: a.stream })],
  ["user.changeRole", userActions.changeRoleAction, () => ({ userId: a.user, role: "admin" })],
  ["user.resetTokenKey", userActions.resetUserTokenAction, () => ({ userId: a.user })],
  ["user.delete", userActions.deleteUserAction, () => ({ userId: a.user })],
  ["invitation.revoke", userActions.revokeInvitationAction, () => ({ invitationId: a.invitation })],
  ["webhook.redeliver", overview.redeliverAction, () => ({ deliveryId: a.delivery })],
  ["signingKeys.revoke", signingKeys.revokeSigningKeyAction, () => ({ kid: a.kid })],
];

describe("3: cross-organisation ids in server actions (org B's admin session)", () => {
  beforeAll(async () => {
    vi.mocked(getCurrentUser).mockResolvedValue((await signedIn(f.adminB.user.id)).user);
  });

  it.each(ACTION_CASES)("3: %s with org A's id → not found like a missing id, A unchanged", async (_name, action, input) => {
    const before = await snapshotA();
    const cross = await action(undefined, input());
    const missing = await action(undefined, Object.fromEntries(Object.entries(input()).map(([k, v]) => [k, /id$|^kid$/i.test(k) ? "missing_0000" : v])));
    expect(cross, JSON.stringify(cross)).toMatchObject({ ok: false });
    expect(["not_found", "forbidden"]).toContain(cross?.ok === false ? cross.code : "ok");
    expect(cross?.ok === false && cross.code).toBe(missing?.ok === false && missing.code);
    expect(await snapshotA()).toBe(before);
  });

  it("3: tokens.create for org A's stream group is refused, and no token names that group", async () => {
    const before = await db.playbackToken.count({ where: { groupId: a.stream } });
    const result = await tokenActions.createTokenAction(undefined, { target: "group", groupid: a.stream });
    expect(result).toMatchObject({ ok: false });
    expect(await db.playbackToken.count({ where: { groupId: a.stream } })).toBe(before);
  });
});
