"use server";
import { headers } from "next/headers";
import { definePublicAction } from "@/lib/actions";
import { getConfig } from "@/lib/config";
import { RateLimitError, RuleError } from "@/lib/errors";
import { createOrganisationWithoutKey } from "@/lib/data/organisations";
import { hitRateLimit } from "@/lib/data/rate-limits";
import { addressKey, clientIp } from "@/lib/auth/request-info";
import { signupSchema } from "@/lib/validation/auth";

/** Public on purpose (allow-listed): creates a new organisation and its first admin. */
export const signupAction = definePublicAction({ name: "auth.signup", schema: signupSchema }, async (input) => {
  const config = getConfig();
  if (!config.signupEnabled) throw new RuleError("Sign-up is turned off on this Playgate. Ask an administrator for an invitation link.");
  // Per client address behind a trusted proxy; otherwise per email (no shared "unknown" bucket).
  const key = addressKey("signup", clientIp(await headers())) ?? `signup:email:${input.email}`;
  const limit = await hitRateLimit(key, config.limits.signup);
  if (limit.limited) throw new RateLimitError(limit.retryAfterSec);
  const { org } = await createOrganisationWithoutKey({
    name: input.organisation,
    admin: { email: input.email, name: input.name, password: input.password },
    packages: config.signupPackages,
  });
  return { message: `Organisation ${org.name} created.` };
});
