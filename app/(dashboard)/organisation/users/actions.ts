"use server";
import { defineAction } from "@/lib/actions";
import { getConfig } from "@/lib/config";
import { RateLimitError, RuleError } from "@/lib/errors";
import { hitRateLimit } from "@/lib/data/rate-limits";
import { changeUserRole, deleteUser, resetTokenKey } from "@/lib/data/users";
import { createInvitation, revokeInvitation } from "@/lib/data/invitations";
import { createPasswordReset } from "@/lib/data/password-resets";
import { reissueOwnSession } from "@/lib/auth/reissue-session";
import { ROLE_LABELS } from "@/lib/permissions";
import { changeRoleSchema, createInvitationSchema, invitationIdSchema, userIdSchema } from "@/lib/validation/users";

/** The link is in the answer exactly once; only its hash is stored. */
export const createInvitationAction = defineAction(
  { name: "invitation.create", permission: "invitation:manage", schema: createInvitationSchema },
  async (input, { actor }) => {
    const { invitation, url } = await createInvitation(actor, input);
    return { message: "Invitation link created.", data: { url, role: input.role, expiresAt: invitation.expiresAt.toISOString() } };
  },
);

export const revokeInvitationAction = defineAction(
  { name: "invitation.revoke", permission: "invitation:manage", schema: invitationIdSchema },
  async ({ invitationId }, { actor }) => {
    await revokeInvitation(actor, invitationId);
    return { message: "Invitation revoked. The link no longer works." };
  },
);

export const resetUserTokenAction = defineAction(
  { name: "user.resetTokenKey", permission: "user:manage", schema: userIdSchema },
  async ({ userId }, { actor }) => {
    const limit = await hitRateLimit(`token-reset:user:${actor.userId}`, getConfig().limits.tokenReset);
    if (limit.limited) throw new RateLimitError(limit.retryAfterSec);
    const user = await resetTokenKey(actor, userId);
    // Resetting your own key from the table: keep this browser signed in with a fresh session.
    if (userId === actor.userId) {
      await reissueOwnSession(userId);
      return { message: "Your token key was reset. Your other sessions have ended and your session API token was replaced." };
    }
    return { message: `Token key of ${user.email} reset. Their sessions and session API tokens have ended.` };
  },
);

/** The link is in the answer exactly once; only its hash is stored. Limited per user (createPasswordReset). */
export const createPasswordResetAction = defineAction(
  { name: "user.createPasswordReset", permission: "user:manage", schema: userIdSchema },
  async ({ userId }, { actor }) => {
    if (userId === actor.userId) throw new RuleError("Change your own password on your Account page.", "own_account");
    const link = await createPasswordReset(actor, userId);
    return { message: `Password reset link for ${link.email} created.`, data: { url: link.url, email: link.email, expiresAt: link.expiresAt.toISOString() } };
  },
);

export const changeRoleAction = defineAction(
  { name: "user.changeRole", permission: "user:manage", schema: changeRoleSchema },
  async ({ userId, role }, { actor }) => {
    const user = await changeUserRole(actor, userId, role);
    return { message: `${user.email} is now ${ROLE_LABELS[role]}. Their sessions have ended.` };
  },
);

export const deleteUserAction = defineAction(
  { name: "user.delete", permission: "user:manage", schema: userIdSchema },
  async ({ userId }, { actor }) => {
    const user = await deleteUser(actor, userId);
    return { message: `${user.email} was deleted.` };
  },
);
