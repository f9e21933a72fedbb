// The caller's IP for rate limits and audit. Behind a reverse proxy, set PLAYGATE_TRUST_PROXY=1
// so X-Forwarded-For is believed; otherwise a client could pick its own rate-limit bucket.
type HeaderBag = { get(name: string): string | null } | Record<string, string | string[] | undefined>;

function read(headers: HeaderBag, name: string): string | undefined {
  if (typeof (headers as { get?: unknown }).get === "function") return (headers as { get(n: string): string | null }).get(name) ?? undefined;
  const value = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? value[0] : value;
}

export function clientIp(headers: HeaderBag): string {
  if (process.env.PLAYGATE_TRUST_PROXY === "1") {
    const forwarded = read(headers, "x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
    const real = read(headers, "x-real-ip");
    if (real) return real.trim();
  }
  return "local";
}

/**
 * A per-address rate-limit key, or null when the address is unknown (no trusted proxy): one
 * shared "unknown" bucket would let a single client lock everyone else out.
 */
export function addressKey(prefix: string, ip: string): string | null {
  return ip === "local" ? null : `${prefix}:ip:${ip}`;
}
