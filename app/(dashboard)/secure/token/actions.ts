"use server";
// No revalidatePath: the client islands call router.refresh() after a success, and these
// actions stay callable outside a Next request (tests call them directly).
import { defineAction } from "@/lib/actions";
import { authorizePlayback, createPlaybackToken, getPlaybackToken, revokePlaybackToken, revokeTokensByTag, revokeTokensByUser } from "@/lib/data/playback-tokens";
import { tokenFormSchema } from "@/lib/validation/tokens";
import { revokeByTagSchema, revokeByUserSchema, revokeTokenSchema, testTokenSchema } from "@/lib/validation/token-actions";

/** The one creation action: /secure/token and the inline token dialog both submit here. The data
 * layer refuses it without the Secure Playback package and for streams of other organisations. */
export const createTokenAction = defineAction({ name: "tokens.create", permission: "token:create", schema: tokenFormSchema }, async (input, { actor }) => {
  const created = await createPlaybackToken(actor, input, "ui");
  return { message: "Token created.", data: { id: created.id, token: created.token, expiresAt: created.expiresAt.toISOString() } };
});

export const revokeTokenAction = defineAction({ name: "tokens.revoke", permission: "token:revoke", schema: revokeTokenSchema }, async (input, { actor }) => {
  await revokePlaybackToken(actor, input.id);
  return { message: "Token revoked. Players using it are refused from their next check." };
});

export const revokeByTagAction = defineAction({ name: "tokens.revokeByTag", permission: "token:revoke", schema: revokeByTagSchema }, async (input, { actor }) => {
  const { count } = await revokeTokensByTag(actor, input.tag);
  return { message: `${count} token${count === 1 ? "" : "s"} tagged "${input.tag}" revoked.`, data: { count } };
});

export const revokeByUserAction = defineAction({ name: "tokens.revokeByUser", permission: "token:revoke", schema: revokeByUserSchema }, async (input, { actor }) => {
  const { count } = await revokeTokensByUser(actor, input.user);
  return { message: `${count} token${count === 1 ? "" : "s"} for UserID "${input.user}" revoked.`, data: { count } };
});

/** "Why would this fail?": the same decision the authorize endpoint gives an edge. */
export const testTokenAction = defineAction({ name: "tokens.test", permission: "token:read", schema: testTokenSchema }, async (input, { actor }) => {
  // An id is looked up in the caller's own organisation only (another org's id is "not found").
  const token = input.id ? (await getPlaybackToken(actor.orgId, input.id)).token : (input.token as string);
  const result = await authorizePlayback({ token, stream: input.stream, ip: input.ip, origin: input.origin });
  return { data: result };
});
