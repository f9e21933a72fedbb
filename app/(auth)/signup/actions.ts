"use server";
import { headers } from "next/headers";
import { definePublicAction } from "@/lib/actions";
import { getConfig } from "@/lib/config";
import { RateLimitError, RuleError } from "@/lib/errors";
import { createOrganisationWithoutKey } from "@/lib/data/organisations";
import { addressKey, clientIp } from "@/lib/auth/request-info";
import { addressBudgetKey, countAttempt } from "@/lib/auth/login-limit";
import { signupSchema } from "@/lib/validation/auth";

/** Public on purpose (allow-listed): creates a new organisation and its first admin. */
export const signupAction = definePublicAction({ name: "auth.signup", schema: signupSchema }, async (input) => {
  const config = getConfig();
  if (!config.signupEnabled) throw new RuleError("Sign-up is turned off on this Playgate. Ask an administrator for an invitation link.");
  const ip = clientIp(await headers());
  // Sign-ups per client address when it is known, otherwise per email (no shared "unknown"
  // bucket); and every sign-up spends the address's budget shared with failed sign-ins, so the
  // "already exists" answer (which names accounts of any organisation) costs the same as a guess.
  const { retryAfterSec } = await countAttempt(
    [addressKey("signup", ip) ?? `signup:email:${input.email}`, config.limits.signup],
    [addressBudgetKey(ip), config.limits.address],
  );
  if (retryAfterSec !== null) throw new RateLimitError(retryAfterSec);
  const { org } = await createOrganisationWithoutKey({
    name: input.organisation,
    admin: { email: input.email, name: input.name, password: input.password },
    packages: config.signupPackages,
  });
  return { message: `Organisation ${org.name} created.` };
});
