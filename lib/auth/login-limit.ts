// Failed sign-ins are counted per email, and per client address when one is known (behind a
// trusted proxy). Without a known address there is no shared "unknown" bucket: one attacker
// could otherwise lock every user out at once.
export function loginRateLimitKeys(email: string, ip: string): string[] {
  const keys = [`login:email:${email.trim().toLowerCase()}`];
  if (ip !== "local") keys.push(`login:ip:${ip}`);
  return keys;
}
