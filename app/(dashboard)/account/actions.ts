"use server";
import { defineAction } from "@/lib/actions";
import { getConfig } from "@/lib/config";
import { RateLimitError } from "@/lib/errors";
import { hitRateLimit } from "@/lib/data/rate-limits";
import { changeOwnPassword, resetTokenKey, updateOwnProfile } from "@/lib/data/users";
import { reissueOwnSession } from "@/lib/auth/reissue-session";
import { changePasswordSchema, emptySchema, updateProfileSchema } from "@/lib/validation/users";

export const updateProfileAction = defineAction(
  { name: "account.updateProfile", permission: "self:manage", schema: updateProfileSchema },
  async (input, { actor }) => {
    await updateOwnProfile(actor, input);
    return { message: "Name saved." };
  },
);

/** Ends every session of the user; this browser gets a fresh one (and a new session API token) and stays signed in. */
export const changePasswordAction = defineAction(
  { name: "account.changePassword", permission: "self:manage", schema: changePasswordSchema },
  async (input, { actor, user }) => {
    const limit = await hitRateLimit(`password-change:user:${user.id}`, getConfig().limits.login);
    if (limit.limited) throw new RateLimitError(limit.retryAfterSec);
    await changeOwnPassword(actor, input);
    await reissueOwnSession(user.id);
    return { message: "Password changed. Your other sessions have ended and your session API token was replaced." };
  },
);

export const resetOwnTokenAction = defineAction(
  { name: "account.resetTokenKey", permission: "self:manage", schema: emptySchema },
  async (_input, { actor, user }) => {
    const limit = await hitRateLimit(`token-reset:user:${user.id}`, getConfig().limits.tokenReset);
    if (limit.limited) throw new RateLimitError(limit.retryAfterSec);
    const updated = await resetTokenKey(actor, user.id);
    await reissueOwnSession(user.id);
    return { message: `Token key reset (now ${updated.tokenKeyId}). Your other sessions have ended and your session API token was replaced.` };
  },
);
