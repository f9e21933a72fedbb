// Failed sign-ins are counted per email, and per client address when one is known (behind a
// trusted proxy). Without a known address there is no shared "unknown" bucket: one attacker
// could otherwise lock every user out at once.
import { addressKey } from "@/lib/auth/request-info";

export function loginRateLimitKeys(email: string, ip: string): string[] {
  const address = addressKey("login", ip);
  return [`login:email:${email.trim().toLowerCase()}`, ...(address ? [address] : [])];
}
