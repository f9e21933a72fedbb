// The caller's address for rate limits and audit. Only the HTTP server sees the socket, so
// server.ts hands the address to Next in one header of its own (PEER_HEADER), stamped with a
// nonce made at start (PEER_NONCE_ENV): a client cannot forge it, because server.ts removes any
// copy a client sent and the client cannot know the nonce. Behind a reverse proxy
// (PLAYGATE_TRUST_PROXY=1) server.ts puts the first X-Forwarded-For address there instead.
// Without the header (route handlers called directly in tests, or `next start` without
// server.ts) the address is unknown ("local") unless a trusted proxy's X-Forwarded-For says it.
type HeaderBag = { get(name: string): string | null } | Record<string, string | string[] | undefined>;

/** Set by server.ts on every request: "<nonce> <address>". */
export const PEER_HEADER = "x-playgate-peer";
/** Environment variable holding the nonce of this process (set by server.ts before Next loads). */
export const PEER_NONCE_ENV = "PLAYGATE_PEER_NONCE";

function read(headers: HeaderBag, name: string): string | undefined {
  if (typeof (headers as { get?: unknown }).get === "function") return (headers as { get(n: string): string | null }).get(name) ?? undefined;
  const value = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Set by server.ts on every request for the edge check: "<nonce> <socket address> <X-Real-IP>
 * <X-Forwarded-For>" (the last two percent-encoded, empty when absent), as the client sent them
 * before server.ts replaced its own forwarding headers. The check decides itself whether to believe
 * them (PLAYGATE_EDGE_TRUSTED_PROXIES).
 */
export const EDGE_PEER_HEADER = "x-playgate-edge-peer";

export function edgePeerHeaderValue(socket: string, realIp: string | undefined, forwardedFor: string | undefined, nonce = process.env[PEER_NONCE_ENV] ?? ""): string {
  return `${nonce} ${socket} ${encodeURIComponent(realIp ?? "")} ${encodeURIComponent(forwardedFor ?? "")}`;
}

export interface EdgePeer {
  socket: string;
  realIp?: string;
  forwardedFor?: string;
}

/** What server.ts vouched for about the connection, or null when the header is missing or forged. */
export function edgePeer(headers: HeaderBag): EdgePeer | null {
  const nonce = process.env[PEER_NONCE_ENV];
  const value = read(headers, EDGE_PEER_HEADER);
  if (!nonce || !value) return null;
  const [sent, socket, realIp, forwardedFor] = value.split(" ");
  if (sent !== nonce || !socket) return null;
  const decode = (v: string | undefined) => {
    try {
      return v ? decodeURIComponent(v) : undefined;
    } catch {
      return undefined;
    }
  };
  return { socket, realIp: decode(realIp), forwardedFor: decode(forwardedFor) };
}

/** The value server.ts sets for `address` (also what tests send to act as a given client). */
export function peerHeaderValue(address: string, nonce = process.env[PEER_NONCE_ENV] ?? ""): string {
  return `${nonce} ${address}`;
}

/** The peer address server.ts vouched for, or undefined when the header is missing or forged. */
function vouchedAddress(headers: HeaderBag): string | undefined {
  const nonce = process.env[PEER_NONCE_ENV];
  const value = read(headers, PEER_HEADER);
  if (!nonce || !value) return undefined;
  const space = value.indexOf(" ");
  if (space < 0 || value.slice(0, space) !== nonce) return undefined;
  return value.slice(space + 1).trim() || undefined;
}

export function clientIp(headers: HeaderBag): string {
  const vouched = vouchedAddress(headers);
  if (vouched) return vouched;
  if (process.env.PLAYGATE_TRUST_PROXY === "1") {
    const forwarded = read(headers, "x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
    const real = read(headers, "x-real-ip");
    if (real) return real.trim();
  }
  return "local";
}

/**
 * A per-address rate-limit key, or null when the address is unknown: one shared "unknown"
 * bucket would let a single client lock everyone else out.
 */
export function addressKey(prefix: string, ip: string): string | null {
  return ip === "local" ? null : `${prefix}:ip:${ip}`;
}
