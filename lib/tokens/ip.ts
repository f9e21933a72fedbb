// The `ip` restriction of a playback token: one address or a CIDR range, IPv4 or IPv6, judged
// with node:net (isIP, BlockList) rather than a parser of our own. IPv4-mapped IPv6 addresses
// (::ffff:a.b.c.d, as dual-stack sockets report IPv4 clients) are the IPv4 address they carry,
// on either side. Families never match across: an IPv6 range does not contain an IPv4 client.
import { BlockList, isIP } from "node:net";
import { namedCache } from "@/lib/caches";

type Family = "ipv4" | "ipv6";
export interface IpAddress {
  address: string;
  family: Family;
}
export interface IpRange extends IpAddress {
  prefix: number;
}

const MAPPED = new BlockList();
MAPPED.addSubnet("::ffff:0:0", 96, "ipv6");

/** An address as node:net reads it, or null. Zone ids (fe80::1%eth0) name an interface, not a client. */
export function parseIp(text: string): IpAddress | null {
  const value = text.trim();
  if (value.includes("%")) return null;
  const version = isIP(value);
  if (version === 4) return { address: value, family: "ipv4" };
  if (version !== 6) return null;
  if (!MAPPED.check(value, "ipv6")) return { address: value, family: "ipv6" };
  // The URL parser writes IPv6 in one canonical form, ending in the two groups of the IPv4 address.
  const [hi, lo] = new URL(`http://[${value}]`).hostname.slice(1, -1).split(":").slice(-2).map((g) => parseInt(g, 16));
  return { address: `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`, family: "ipv4" };
}

/** "203.0.113.7", "203.0.113.0/24", "2001:db8::1", "2001:db8::/32" → range; null if malformed. */
export function parseIpRange(text: string): IpRange | null {
  const [addressText, prefixText, extra] = text.trim().split("/");
  if (extra !== undefined) return null;
  const ip = parseIp(addressText);
  if (!ip) return null;
  const bits = ip.family === "ipv4" ? 32 : 128;
  if (prefixText === undefined) return { ...ip, prefix: bits };
  if (!/^\d{1,3}$/.test(prefixText)) return null;
  // A mapped IPv6 range became IPv4: its prefix shrinks by the 96 bits of the mapping.
  const prefix = Number(prefixText) - (ip.family === "ipv4" && addressText.includes(":") ? 96 : 0);
  if (prefix < 0 || prefix > bits) return null;
  return { ...ip, prefix };
}

export function isValidIpOrCidr(text: string): boolean {
  return parseIpRange(text) !== null;
}

// A claim's range, parsed once by the claim's text (docs/performance.md#p1: every authorize of an
// IP-locked token matches once; building a BlockList costs ~8 µs and checking one ~1.5 µs). IPv4
// ranges are compared as 32-bit numbers, IPv6 ones with node:net's BlockList. Claims are at most
// 64 characters; the bound keeps made-up ones from growing the cache.
const CLAIM_TEXT_MAX = 64;
type Parsed = { family: "ipv4"; base: number; mask: number } | { family: "ipv6"; list: BlockList } | { invalid: true };
const ranges = namedCache<string, Parsed>("tokens.ip-ranges");

/** A dotted-quad (already validated by isIP) as an unsigned 32-bit number. */
function ipv4Number(address: string): number {
  let n = 0;
  for (const part of address.split(".")) n = n * 256 + Number(part);
  return n >>> 0;
}

function parsedRange(claim: string): Parsed {
  const hit = ranges.get(claim);
  if (hit) return hit;
  const range = parseIpRange(claim);
  let parsed: Parsed = { invalid: true };
  if (range?.family === "ipv4") {
    const mask = range.prefix === 0 ? 0 : (0xffffffff << (32 - range.prefix)) >>> 0;
    parsed = { family: "ipv4", base: (ipv4Number(range.address) & mask) >>> 0, mask };
  } else if (range) {
    const list = new BlockList();
    list.addSubnet(range.address, range.prefix, "ipv6");
    parsed = { family: "ipv6", list };
  }
  if (claim.length <= CLAIM_TEXT_MAX) ranges.set(claim, parsed);
  return parsed;
}

/** Does the client address fall in the token's `ip` claim (an address or a CIDR range)? */
export function ipMatches(claim: string, clientIp: string): boolean {
  const range = parsedRange(claim);
  if ("invalid" in range) return false;
  const client = parseIp(clientIp);
  if (!client || client.family !== range.family) return false;
  if (range.family === "ipv4") return ((ipv4Number(client.address) & range.mask) >>> 0) === range.base;
  return range.list.check(client.address, "ipv6");
}
