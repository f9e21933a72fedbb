// Failed sign-ins are counted per email (limits.login) and per client address (limits.address,
// shared with sign-up). Counted and enforced inside the credentials check, on the email that is
// actually authenticated, however the request encoded it. Without a known address there is no
// shared "unknown" bucket: one attacker could otherwise lock every user out at once.
import "server-only";
import { getConfig, type RateLimitSetting } from "@/lib/config";
import { clearRateLimit, hitRateLimit, releaseRateLimit, type RateLimitState } from "@/lib/data/rate-limits";
import { addressKey } from "@/lib/auth/request-info";

/** The per-address budget's key: failed sign-ins and sign-ups from one address share it. */
export function addressBudgetKey(ip: string): string | null {
  return addressKey("auth", ip);
}

export interface CountedAttempt {
  /** Seconds until every window this attempt went over has passed; null when it is within all. */
  retryAfterSec: number | null;
}

/** Counts one attempt in each window (a window without a key — unknown address — is skipped). */
export async function countAttempt(...windows: Array<[key: string | null, setting: RateLimitSetting]>): Promise<CountedAttempt> {
  const states: RateLimitState[] = await Promise.all(windows.flatMap(([key, setting]) => (key ? [hitRateLimit(key, setting)] : [])));
  const over = states.filter((s) => s.limited);
  return { retryAfterSec: over.length ? Math.max(...over.map((s) => s.retryAfterSec)) : null };
}

/**
 * A sign-in attempt for `email` (already trimmed and lower-cased, as it is looked up) from `ip`.
 * Counted before the password is checked, so concurrent guesses cannot all slip under the limit;
 * a success takes its count back (and resets the email's failures), so only failures remain.
 * `lockStarted` is true for the one attempt that took the email over its limit in this window: the
 * audit log records that one, not every refusal after it.
 */
export async function countSignInAttempt(email: string, ip: string) {
  const { limits } = getConfig();
  const emailKey = `login:email:${email}`;
  const address = addressBudgetKey(ip);
  const [emailState, addressState] = await Promise.all([hitRateLimit(emailKey, limits.login), address ? hitRateLimit(address, limits.address) : null]);
  const over = [emailState, addressState].filter((s): s is RateLimitState => Boolean(s?.limited));
  return {
    retryAfterSec: over.length ? Math.max(...over.map((s) => s.retryAfterSec)) : null,
    lockStarted: emailState.count === limits.login.max + 1,
    succeeded: async () => {
      await Promise.all([clearRateLimit(emailKey), ...(address ? [releaseRateLimit(address)] : [])]);
    },
  };
}
