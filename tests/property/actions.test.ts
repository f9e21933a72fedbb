// 17: every server action, called directly as a replayed POST would call it (as a real admin;
// only the session lookup, request headers/cookies and DNS are stand-ins), with generated and
// hostile objects and form data: never throws, always an ActionState — ok, or a known code
// with a message — and never the generic "error" answer that means an unhandled exception.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { z } from "zod";
import { setupTestDatabase } from "@/tests/support/db";
import { HOSTILE_STRINGS, PROPERTY_RUNS, expectNoPollution, hostileValue, inputFor, runCounter } from "@/tests/support/property";
import { addUser, newOrg, signedIn } from "@/tests/support/users";
import { getCurrentUser, actorFromUser } from "@/lib/auth/session";
import type { CurrentUser } from "@/lib/data/sessions";
import { ACTION_REGISTRY, type ActionState } from "@/lib/actions";
import { db } from "@/lib/db";
import { createStream } from "@/lib/data/streams";
import { createInvitation } from "@/lib/data/invitations";
import { createPlaybackToken } from "@/lib/data/playback-tokens";
import { ensureActiveSigningKey } from "@/lib/data/signing-keys";
import * as auth from "@/lib/validation/auth";
import * as org from "@/lib/validation/organisation";
import * as streams from "@/lib/validation/streams";
import * as tokenActions from "@/lib/validation/token-actions";
import * as tokens from "@/lib/validation/tokens";
import * as users from "@/lib/validation/users";
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
  headers: async () => new Headers({ "x-forwarded-for": "203.0.113.50" }),
  cookies: async () => ({ get: () => undefined, set: () => undefined, delete: () => undefined }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));
vi.mock("node:dns", () => {
  const lookup = (_host: string, _opts: unknown, cb: (e: null, a: { address: string; family: number }[]) => void) => cb(null, [{ address: "93.184.216.34", family: 4 }]);
  return { lookup, default: { lookup } };
});

setupTestDatabase();

const runs = runCounter();
afterAll(() => runs.report());

type Action = (prev: undefined, input: FormData | Record<string, unknown>) => Promise<ActionState<unknown>>;
const ACTIONS: [string, Action, z.ZodType][] = [
  ["auth.signup", signupAction, auth.signupSchema],
  ["invitation.accept", acceptInvitationAction, users.acceptInvitationSchema],
  ["password.reset", resetPasswordAction, users.resetPasswordSchema],
  ["account.updateProfile", account.updateProfileAction, users.updateProfileSchema],
  ["account.changePassword", account.changePasswordAction, users.changePasswordSchema],
  ["account.resetTokenKey", account.resetOwnTokenAction, users.emptySchema],
  ["streams.create", streamActions.createStreamAction, streams.createStreamSchema],
  ["streams.rename", streamActions.renameStreamAction, streams.renameStreamSchema],
  ["streams.tag", streamActions.setStreamTagsAction, streams.setStreamTagsSchema],
  ["streams.requireToken", streamActions.setStreamRequiresTokenAction, streams.setStreamRequiresTokenSchema],
  ["streams.rotateIngestKey", streamActions.rotateIngestKeyAction, streams.rotateIngestKeySchema],
  ["streams.delete", streamActions.deleteStreamAction, streams.deleteStreamSchema],
  ["organisation.rotateMasterKey", overview.rotateMasterKeyAction, org.emptySchema],
  ["organisation.rotatePlayerKey", overview.rotatePlayerKeyAction, org.emptySchema],
  ["webhook.save", overview.saveWebhookAction, org.webhookSettingsSchema],
  ["webhook.saveBlocking", overview.saveBlockingWebhookAction, org.blockingWebhookSchema],
  ["misuse.saveLines", overview.saveMisuseLinesAction, org.misuseLinesSchema],
  ["webhook.rotateSecret", overview.rotateWebhookSecretAction, org.emptySchema],
  ["mediaServer.rotateOmeSecret", overview.rotateOmeSecretAction, org.emptySchema],
  ["webhook.sendTest", overview.sendTestEventAction, org.emptySchema],
  ["webhook.redeliver", overview.redeliverAction, org.deliveryIdSchema],
  ["vod.setPublic", overview.setVodPublicAction, org.vodSettingsSchema],
  ["invitation.create", userActions.createInvitationAction, users.createInvitationSchema],
  ["invitation.revoke", userActions.revokeInvitationAction, users.invitationIdSchema],
  ["user.resetTokenKey", userActions.resetUserTokenAction, users.userIdSchema],
  ["user.createPasswordReset", userActions.createPasswordResetAction, users.userIdSchema],
  ["user.changeRole", userActions.changeRoleAction, users.changeRoleSchema],
  ["user.delete", userActions.deleteUserAction, users.userIdSchema],
  ["tokens.create", tokenPage.createTokenAction, tokens.tokenFormSchema],
  ["tokens.revoke", tokenPage.revokeTokenAction, tokenActions.revokeTokenSchema],
  ["tokens.revokeByTag", tokenPage.revokeByTagAction, tokenActions.revokeByTagSchema],
  ["tokens.revokeFlaggedByTag", tokenPage.revokeFlaggedByTagAction, tokenActions.revokeByTagSchema],
  ["tokens.revokeByUser", tokenPage.revokeByUserAction, tokenActions.revokeByUserSchema],
  ["tokens.test", tokenPage.testTokenAction, tokenActions.testTokenSchema],
  ["tokens.countByTag", tokenPage.countByTagAction, tokenActions.revokeByTagSchema],
  ["tokens.countByUser", tokenPage.countByUserAction, tokenActions.revokeByUserSchema],
  ["tokens.countByKey", tokenPage.countByKeyAction, tokens.revokeSigningKeySchema],
  ["signingKeys.rotate", signingKeys.rotateSigningKeyAction, tokens.rotateSigningKeySchema],
  ["signingKeys.revoke", signingKeys.revokeSigningKeyAction, tokens.revokeSigningKeySchema],
];

const CODES = ["unauthenticated", "forbidden", "invalid", "not_found", "conflict", "rate_limited", "refused"];
let admin: CurrentUser;
const ids: Record<string, string[]> = {};

beforeAll(async () => {
  const { org: o, admin: a } = await newOrg();
  await db.organisation.update({ where: { id: o.id }, data: { packages: JSON.stringify(["secure_playback", "vod"]) } });
  admin = (await signedIn(a.id)).user;
  vi.mocked(getCurrentUser).mockResolvedValue(admin);
  const actor = actorFromUser(admin);
  const stream = await createStream(actor, { name: "Prop stream", renditions: 1, tags: [] });
  const member = await addUser(o.id, "user");
  const { invitation } = await createInvitation(actor, { role: "user", expiresInDays: 7 });
  const token = await createPlaybackToken(actor, tokens.tokenFormSchema.parse({ target: "org" }), "ui");
  const key = await ensureActiveSigningKey(o.id);
  ids.id = [stream.id, token.id];
  ids.userId = [member.id, "no-such-user"];
  ids.invitationId = [invitation.id];
  ids.kid = [(key as { kid: string }).kid];
  ids.groupid = [stream.id];
  ids.deliveryId = ["no-such-delivery"];
  ids.token = [token.token];
});

/** Real ids of this organisation for id fields (so deep paths run), else hostile values. */
function valueFor(key: string): fc.Arbitrary<unknown> {
  const real = ids[key];
  if (key === "role") return fc.oneof(fc.constantFrom("admin", "user", "readonly", "owner"), hostileValue);
  if (key === "target") return fc.oneof(fc.constantFrom("group", "streams", "org"), hostileValue);
  if (key === "expiresAt" || key === "notBefore") return fc.oneof(fc.integer({ min: -400, max: 400 }).map((d) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 16)), hostileValue);
  return real ? fc.oneof(fc.constantFrom(...real), hostileValue) : hostileValue;
}

function asFormData(input: unknown): FormData {
  const fd = new FormData();
  if (input && typeof input === "object") {
    for (const [k, v] of Object.entries(input)) for (const x of Array.isArray(v) ? v : [v]) fd.append(k, typeof x === "string" ? x : String(JSON.stringify(x) ?? ""));
  }
  return fd;
}

describe("17: every server action", () => {
  it("covers every action in the registry", () => {
    expect(ACTIONS.map(([name]) => name).sort()).toEqual([...ACTION_REGISTRY.keys()].sort());
  });

  it.each(ACTIONS)("17: %s answers any object or form data with an ActionState, never an exception", async (_name, action, schema) => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      await fc.assert(
        fc.asyncProperty(inputFor(schema, valueFor), fc.boolean(), async (input, viaForm) => {
          runs.count();
          const state = await action(undefined, viaForm ? asFormData(input) : (input as Record<string, unknown>));
          expect(state && typeof state === "object" && typeof state.ok === "boolean", JSON.stringify(state)).toBe(true);
          if (state && !state.ok) {
            expect(CODES, `${state.code}: ${state.message}`).toContain(state.code);
            expect(state.message.length).toBeGreaterThan(0);
          }
          expectNoPollution();
        }),
        { numRuns: PROPERTY_RUNS },
      );
      for (const s of HOSTILE_STRINGS.slice(0, 5)) await action(undefined, s as never);
      expect(errors.mock.calls.filter((c) => String(c[0]).includes("unexpected"))).toEqual([]);
    } finally {
      errors.mockRestore();
    }
  });
});
