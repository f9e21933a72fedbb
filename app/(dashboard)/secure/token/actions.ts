"use server";
// No revalidatePath: the client islands call router.refresh() after a success, and these
// actions stay callable outside a Next request (tests call them directly).
import { defineAction } from "@/lib/actions";
import { authorizePlayback, countTokensByTag, countTokensByUser, createPlaybackToken, getPlaybackToken, revokeFlaggedTokensByTag, revokePlaybackToken, revokeTokensByTag, revokeTokensByUser } from "@/lib/data/playback-tokens";
import { countSigningKeyTokens } from "@/lib/data/signing-keys";
import type { DenyReason } from "@/lib/tokens/verify";
import { revokeSigningKeySchema, tokenFormSchema } from "@/lib/validation/tokens";
import { revokeByTagSchema, revokeByUserSchema, revokeTokenSchema, testTokenSchema } from "@/lib/validation/token-actions";
import { denialSentence, type DeniedToken } from "@/lib/tokens/denial-text";
import { tokenCount } from "@/lib/tokens/token-text";

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

// A bulk revoke that matched nothing says so in a sentence; the client shows it as neutral, not success.
export const revokeByTagAction = defineAction({ name: "tokens.revokeByTag", permission: "token:revoke", schema: revokeByTagSchema }, async ({ tag = "" }, { actor }) => {
  const input = { tag };
  const { count } = await revokeTokensByTag(actor, input.tag);
  if (count === 0) return { message: `No active token is tagged "${input.tag}"; nothing was revoked.`, data: { count } };
  return { message: `${tokenCount(count)} tagged "${input.tag}" revoked.`, data: { count } };
});

export const revokeFlaggedByTagAction = defineAction({ name: "tokens.revokeFlaggedByTag", permission: "token:revoke", schema: revokeByTagSchema }, async ({ tag = "" }, { actor }) => {
  const { count } = await revokeFlaggedTokensByTag(actor, tag);
  if (count === 0) return { message: `No flagged token tagged "${tag}" still works; nothing was revoked.`, data: { count } };
  return { message: `${tokenCount(count)} flagged and tagged "${tag}" revoked.`, data: { count } };
});

export const revokeByUserAction = defineAction({ name: "tokens.revokeByUser", permission: "token:revoke", schema: revokeByUserSchema }, async ({ user = "" }, { actor }) => {
  const input = { user };
  const { count } = await revokeTokensByUser(actor, input.user);
  if (count === 0) return { message: `No active token for UserID "${input.user}"; nothing was revoked.`, data: { count } };
  return { message: `${tokenCount(count)} for UserID "${input.user}" revoked.`, data: { count } };
});

// What a confirmation says it will hit, counted when it opens: each checks the permission of the
// revoke it precedes and counts with that revoke's where-clause, in the caller's organisation only.
export const countByTagAction = defineAction({ name: "tokens.countByTag", permission: "token:revoke", schema: revokeByTagSchema }, async (input, { actor }) => ({
  data: { count: await countTokensByTag(actor.orgId, input.tag ?? "") },
}));

export const countByUserAction = defineAction({ name: "tokens.countByUser", permission: "token:revoke", schema: revokeByUserSchema }, async (input, { actor }) => ({
  data: { count: await countTokensByUser(actor.orgId, input.user ?? "") },
}));

/** Tokens a signing key's revocation marks revoked; another organisation's kid is "not found". */
export const countByKeyAction = defineAction({ name: "tokens.countByKey", permission: "signingKey:manage", schema: revokeSigningKeySchema }, async (input, { actor }) => ({
  data: { count: await countSigningKeyTokens(actor.orgId, input.kid) },
}));

/** What "Test this token" shows: allowed, or every reason it would be refused, each in a sentence with the endpoint's reason code. */
export type TokenTestResult = { allowed: true; stream: string } | { allowed: false; reasons: { reason: DenyReason; explanation: string }[] };

/** "Why would this fail?": the same decision the authorize endpoint gives an edge. */
export const testTokenAction = defineAction({ name: "tokens.test", permission: "token:read", schema: testTokenSchema }, async (input, { actor }): Promise<{ data: TokenTestResult }> => {
  // An id is looked up in the caller's own organisation only (another org's id is "not found").
  // A pasted token has no registry row to describe it: its denials are worded without its settings.
  const row: (DeniedToken & { token: string }) | null = input.id ? await getPlaybackToken(actor.orgId, input.id) : null;
  const request = { stream: input.stream, ip: input.ip, origin: input.origin };
  const result = await authorizePlayback({ token: row ? row.token : (input.token as string), ...request });
  if (result.allowed) return { data: { allowed: true, stream: result.stream } };
  return { data: { allowed: false, reasons: result.reasons.map((reason) => ({ reason, explanation: denialSentence(reason, row ?? {}, request) })) } };
});
