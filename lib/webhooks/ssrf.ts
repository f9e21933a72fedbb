// SSRF guard for webhook URLs (SECURITY.md row 13). Checked when the URL is saved and again at
// every send, where the socket connects only to an address checked at that send
// (lib/webhooks/deliver.ts passes `checkedLookup` to the request: one DNS answer, judged whole,
// then replayed), so DNS rebinding between check and connect is impossible. The WHATWG URL
// parser already turns decimal, hex, octal and short IPv4 forms (2130706433, 0x7f000001,
// 0177.0.0.1, 127.1) into dotted quads.
import { BlockList, isIP } from "node:net";
import { lookup as dnsLookup } from "node:dns";

export type AddressClass = "public" | "loopback" | "blocked";

const loopback = new BlockList();
loopback.addSubnet("127.0.0.0", 8, "ipv4");
loopback.addAddress("::1", "ipv6");

// Every entry of the IANA IPv4 Special-Purpose Address Registry (iana-ipv4-special-registry),
// whatever its "globally reachable" column says, plus multicast 224/4. 240/4 holds
// 255.255.255.255/32; 0/8 holds 0.0.0.0/32; 192.0.0/24 holds its /29 and /32 entries.
const specialV4 = [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16],
  ["172.16.0.0", 12], ["192.0.0.0", 24], ["192.0.2.0", 24], ["192.31.196.0", 24], ["192.52.193.0", 24],
  ["192.88.99.0", 24], ["192.168.0.0", 16], ["192.175.48.0", 24], ["198.18.0.0", 15], ["198.51.100.0", 24],
  ["203.0.113.0", 24], ["224.0.0.0", 4], ["240.0.0.0", 4],
] as const;

// Every entry of the IANA IPv6 Special-Purpose Address Registry (iana-ipv6-special-registry),
// plus deprecated site-local fec0::/10, multicast ff00::/8 and SIIT's IPv4-translated
// ::ffff:0:a.b.c.d. ::/96 covers ::/128, ::1/128 and the deprecated IPv4-compatible ::a.b.c.d;
// 2001::/23 covers Teredo 2001::/32 (both ends' IPv4 hidden inside), 2001:10::/28, 2001:20::/28.
// IPv4-mapped ::ffff:0:0/96 is not listed: BlockList judges ::ffff:a.b.c.d by the IPv4 rules
// itself (a ::ffff:0:0/96 rule would match every IPv4 address).
const specialV6 = [
  ["::", 96], ["::ffff:0:0:0", 96], ["64:ff9b:1::", 48], ["100::", 64], ["100:0:0:1::", 64],
  ["2001::", 23], ["2001:db8::", 32], ["2620:4f:8000::", 48], ["3fff::", 20], ["5f00::", 16],
  ["fc00::", 7], ["fe80::", 10], ["fec0::", 10], ["ff00::", 8],
] as const;

const blocked = new BlockList();
for (const [net, bits] of specialV6) blocked.addSubnet(net, bits, "ipv6");
for (const [net, bits] of specialV4) {
  const [a, b, c, d] = net.split(".").map(Number);
  blocked.addSubnet(net, bits, "ipv4");
  // NAT64 64:ff9b::/96 and 6to4 2002::/16 carry an IPv4 address: judged by it, so an IPv6-only
  // host behind DNS64 still reaches public receivers but never 64:ff9b::127.0.0.1.
  blocked.addSubnet(`64:ff9b::${net}`, 96 + bits, "ipv6");
  blocked.addSubnet(`2002:${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}::`, 16 + bits, "ipv6");
}

// Special-use domain names (IANA registry, RFC 6761 and successors) and ICANN's .internal: they
// name nothing a receiver on the internet could own. Every .arpa name is infrastructure.
const specialNames = ["localhost", "local", "internal", "invalid", "test", "example", "onion", "alt", "arpa"];
const isSpecialName = (host: string) => specialNames.some((n) => host === n || host.endsWith(`.${n}`));

function family(address: string): "ipv4" | "ipv6" | null {
  const v = isIP(address);
  return v === 4 ? "ipv4" : v === 6 ? "ipv6" : null;
}

/** Classifies one IP address literal. Anything unparseable is "blocked". */
export function classifyAddress(raw: string): AddressClass {
  const address = raw.replace(/^\[|\]$/g, "").split("%")[0];
  const type = family(address);
  if (!type) return "blocked";
  if (loopback.check(address, type)) return "loopback";
  if (blocked.check(address, type)) return "blocked";
  return "public";
}

export function addressAllowed(address: string, allowInsecure: boolean): boolean {
  const cls = classifyAddress(address);
  return cls === "public" || (cls === "loopback" && allowInsecure);
}

export type UrlCheck = { ok: true; url: URL } | { ok: false; reason: string };

/** Scheme, credentials and literal-IP checks; hostnames are resolved separately. */
export function parseWebhookUrl(raw: string, allowInsecure: boolean): UrlCheck {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, reason: "Enter a full URL, like https://hooks.example.com/playgate." };
  }
  if (url.protocol !== "https:" && !(allowInsecure && url.protocol === "http:")) {
    return { ok: false, reason: "The webhook URL must use https://." };
  }
  if (url.username || url.password) return { ok: false, reason: "Put credentials in your receiver's checks, not in the URL." };
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (!host) return { ok: false, reason: "The URL has no host." };
  if (family(host)) {
    return addressAllowed(host, allowInsecure) ? { ok: true, url } : { ok: false, reason: "The webhook URL points to a private, loopback or reserved address." };
  }
  // A trailing dot ("localhost.") is the same name to DNS but slips past name comparisons.
  if (host.endsWith(".")) return { ok: false, reason: "Write the host name without a trailing dot." };
  if (isSpecialName(host) || !host.includes(".")) {
    if (allowInsecure && (host === "localhost" || host.endsWith(".localhost"))) return { ok: true, url };
    return { ok: false, reason: "The webhook URL must name a public host." };
  }
  return { ok: true, url };
}

export type Resolver = (host: string) => Promise<{ address: string; family: number }[]>;

export const systemResolver: Resolver = (host) =>
  new Promise((resolve, reject) => dnsLookup(host, { all: true, verbatim: true }, (err, addresses) => (err ? reject(err) : resolve(addresses))));

/** Every address the host resolves to must be allowed; one bad address refuses the host. */
export async function resolveAllowed(host: string, allowInsecure: boolean, resolver: Resolver = systemResolver) {
  const bare = host.replace(/^\[|\]$/g, "");
  if (family(bare)) return addressAllowed(bare, allowInsecure) ? [{ address: bare, family: isIP(bare) }] : null;
  const addresses = await resolver(bare);
  if (addresses.length === 0 || !addresses.every((a) => addressAllowed(a.address, allowInsecure))) return null;
  return addresses;
}

/** Full check: URL rules, then DNS. `dnsFailureOk` lets a save go through when DNS is down (send checks again). */
export async function checkWebhookUrl(raw: string, options: { allowInsecure: boolean; resolver?: Resolver; dnsFailureOk?: boolean }): Promise<UrlCheck> {
  const parsed = parseWebhookUrl(raw, options.allowInsecure);
  if (!parsed.ok) return parsed;
  try {
    const addresses = await resolveAllowed(parsed.url.hostname, options.allowInsecure, options.resolver);
    if (!addresses) return { ok: false, reason: "The webhook host resolves to a private, loopback or reserved address." };
  } catch {
    if (!options.dnsFailureOk) return { ok: false, reason: "The webhook host could not be resolved." };
  }
  return parsed;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | { address: string; family: number }[], family?: number) => void;

/**
 * The `lookup` for one send's http(s).request: resolves the host once, judges every address, and
 * replays that same checked answer to any later call, so the socket can only connect to an
 * address judged here. Make one per send (deliver.ts opens a fresh socket per send, too).
 */
export function checkedLookup(allowInsecure: boolean, resolver: Resolver = systemResolver) {
  let answer: ReturnType<typeof resolveAllowed> | null = null;
  return (hostname: string, options: { all?: boolean }, callback: LookupCallback) => {
    answer ??= resolveAllowed(hostname, allowInsecure, resolver);
    answer.then(
      (addresses) => {
        if (!addresses) return callback(Object.assign(new Error("Refused: the host resolves to a private, loopback or reserved address."), { code: "ESSRF" }), "");
        if (options?.all) return callback(null, addresses);
        callback(null, addresses[0].address, addresses[0].family);
      },
      (err: NodeJS.ErrnoException) => callback(err, ""),
    );
  };
}
