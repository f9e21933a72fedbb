// SSRF guard for webhook URLs (SECURITY.md row 13). Checked when the URL is saved and again
// right before each delivery, where the socket connects only to an address checked here
// (lib/webhooks/deliver.ts passes `checkedLookup` to the request), so DNS rebinding between
// check and connect is impossible. The WHATWG URL parser already turns decimal, hex, octal and
// short IPv4 forms (2130706433, 0x7f000001, 0177.0.0.1, 127.1) into dotted quads.
import { BlockList, isIP } from "node:net";
import { lookup as dnsLookup } from "node:dns";

export type AddressClass = "public" | "loopback" | "blocked";

const loopback = new BlockList();
loopback.addSubnet("127.0.0.0", 8, "ipv4");
loopback.addAddress("::1", "ipv6");

// Everything a webhook must never reach. IPv4-mapped IPv6 (::ffff:a.b.c.d) is checked against
// the IPv4 rules by BlockList itself.
const blocked = new BlockList();
for (const [net, bits] of [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["169.254.0.0", 16], ["172.16.0.0", 12],
  ["192.0.0.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15], ["224.0.0.0", 4], ["240.0.0.0", 4],
] as const) blocked.addSubnet(net, bits, "ipv4");
for (const [net, bits] of [
  ["::", 128], ["fc00::", 7], ["fe80::", 10], ["fec0::", 10], ["ff00::", 8],
  ["64:ff9b::", 96], ["64:ff9b:1::", 48], ["2002::", 16], ["::", 96],
] as const) blocked.addSubnet(net, bits, "ipv6");

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
  if (host === "localhost" || host.endsWith(".localhost") || host.endsWith(".internal") || host.endsWith(".local") || !host.includes(".")) {
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

/** A `lookup` for http(s).request that only ever hands the socket a checked address. */
export function checkedLookup(allowInsecure: boolean, resolver: Resolver = systemResolver) {
  return (hostname: string, options: { all?: boolean }, callback: LookupCallback) => {
    resolveAllowed(hostname, allowInsecure, resolver).then(
      (addresses) => {
        if (!addresses) return callback(Object.assign(new Error("Refused: the host resolves to a private, loopback or reserved address."), { code: "ESSRF" }), "");
        if (options?.all) return callback(null, addresses);
        callback(null, addresses[0].address, addresses[0].family);
      },
      (err: NodeJS.ErrnoException) => callback(err, ""),
    );
  };
}
