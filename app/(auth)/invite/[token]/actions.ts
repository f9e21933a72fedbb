"use server";
import { headers } from "next/headers";
import { definePublicAction } from "@/lib/actions";
import { getConfig } from "@/lib/config";
import { RateLimitError } from "@/lib/errors";
import { hashSecret } from "@/lib/crypto";
import { hitRateLimit } from "@/lib/data/rate-limits";
import { acceptInvitation } from "@/lib/data/invitations";
import { addressKey, clientIp } from "@/lib/auth/request-info";
import { acceptInvitationSchema } from "@/lib/validation/users";

/** Public on purpose (allow-listed): the invitation link itself is the credential. */
export const acceptInvitationAction = definePublicAction({ name: "invitation.accept", schema: acceptInvitationSchema }, async (input) => {
  const setting = getConfig().limits.invitation;
  const keys = [addressKey("invitation", clientIp(await headers())), `invitation:token:${hashSecret(input.token).slice(0, 32)}`].filter((k): k is string => k !== null);
  const hits = await Promise.all(keys.map((key) => hitRateLimit(key, setting)));
  const limited = hits.find((hit) => hit.limited);
  if (limited) throw new RateLimitError(limited.retryAfterSec);
  const user = await acceptInvitation(input);
  return { message: `Welcome! Your account ${user.email} was created.`, data: { email: user.email } };
});
