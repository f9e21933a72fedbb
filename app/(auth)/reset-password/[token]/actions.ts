"use server";
import { headers } from "next/headers";
import { definePublicAction } from "@/lib/actions";
import { getConfig } from "@/lib/config";
import { RateLimitError } from "@/lib/errors";
import { hashSecret } from "@/lib/crypto";
import { hitRateLimit } from "@/lib/data/rate-limits";
import { redeemPasswordReset } from "@/lib/data/password-resets";
import { addressKey, clientIp } from "@/lib/auth/request-info";
import { resetPasswordSchema } from "@/lib/validation/users";

/** Public on purpose (allow-listed): the reset link itself is the credential. Limited per address and per link. */
export const resetPasswordAction = definePublicAction({ name: "password.reset", schema: resetPasswordSchema }, async (input) => {
  const setting = getConfig().limits.passwordReset;
  const keys = [addressKey("password-reset", clientIp(await headers())), `password-reset:token:${hashSecret(input.token).slice(0, 32)}`].filter((k): k is string => k !== null);
  const hits = await Promise.all(keys.map((key) => hitRateLimit(key, setting)));
  const limited = hits.find((hit) => hit.limited);
  if (limited) throw new RateLimitError(limited.retryAfterSec);
  const { email } = await redeemPasswordReset(input);
  return { message: "Your password was changed. Every other session of your account was signed out.", data: { email } };
});
