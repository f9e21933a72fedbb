// SSRF guard (SECURITY.md row 13): every class of internal target is refused, whether written as
// a literal in any IP notation or reached through a hostname; a public https host is accepted.
// No real network: the address classifier and URL parser are pure, and DNS is injected.
import { describe, expect, it } from "vitest";
import { checkWebhookUrl, checkedLookup, classifyAddress, parseWebhookUrl, resolveAllowed, type Resolver } from "@/lib/webhooks/ssrf";

const refusedLiterals = [
  ["loopback", "https://127.0.0.1/"],
  ["loopback, other address", "https://127.53.1.9/"],
  ["10/8", "https://10.0.0.1/"],
  ["172.16/12", "https://172.16.5.4/"],
  ["172.31 edge", "https://172.31.255.255/"],
  ["192.168/16", "https://192.168.1.1/"],
  ["link-local", "https://169.254.10.10/"],
  ["cloud metadata", "https://169.254.169.254/latest/meta-data/"],
  ["CGNAT 100.64/10", "https://100.64.0.1/"],
  ["0.0.0.0/8", "https://0.0.0.0/"],
  ["0.1.2.3", "https://0.1.2.3/"],
  ["multicast", "https://224.0.0.251/"],
  ["broadcast", "https://255.255.255.255/"],
  ["IPv6 loopback", "https://[::1]/"],
  ["IPv6 unspecified", "https://[::]/"],
  ["IPv6 unique-local fc00::/7", "https://[fd12:3456::1]/"],
  ["IPv6 link-local fe80::/10", "https://[fe80::1]/"],
  ["IPv6 multicast", "https://[ff02::1]/"],
  ["IPv4-mapped loopback", "https://[::ffff:127.0.0.1]/"],
  ["IPv4-mapped private (hex)", "https://[::ffff:a00:1]/"],
  ["IPv4-mapped metadata", "https://[::ffff:169.254.169.254]/"],
  ["decimal 127.0.0.1", "https://2130706433/"],
  ["hex 127.0.0.1", "https://0x7f000001/"],
  ["dotted hex", "https://0x7f.0x0.0x0.0x1/"],
  ["octal 127.0.0.1", "https://0177.0.0.1/"],
  ["short 127.1", "https://127.1/"],
  ["decimal metadata", "https://2852039166/"],
  ["localhost", "https://localhost/"],
  ["sub.localhost", "https://evil.localhost/"],
  ["single-label host", "https://intranet/"],
] as const;

describe("parseWebhookUrl (at save and at send)", () => {
  it.each(refusedLiterals)("refuses %s (%s)", (_label, url) => {
    expect(parseWebhookUrl(url, false).ok).toBe(false);
  });

  it.each(["http://hooks.example.com/", "ftp://hooks.example.com/", "file:///etc/passwd", "gopher://x.example.com/", "javascript:alert(1)", "not a url", "https://user:pass@hooks.example.com/"])(
    "refuses non-https or malformed %s",
    (url) => expect(parseWebhookUrl(url, false).ok).toBe(false),
  );

  it("accepts a normal https public host and public IP literals", () => {
    expect(parseWebhookUrl("https://hooks.example.com/playgate?x=1", false).ok).toBe(true);
    expect(parseWebhookUrl("https://93.184.215.14/hook", false).ok).toBe(true);
    expect(parseWebhookUrl("https://[2606:4700:4700::1111]/", false).ok).toBe(true);
  });

  it("with allowInsecure (tests only) allows http and loopback, but still not private networks", () => {
    expect(parseWebhookUrl("http://127.0.0.1:8080/", true).ok).toBe(true);
    expect(parseWebhookUrl("http://localhost:8080/", true).ok).toBe(true);
    expect(parseWebhookUrl("http://10.0.0.1/", true).ok).toBe(false);
    expect(parseWebhookUrl("http://169.254.169.254/", true).ok).toBe(false);
  });
});

describe("classifyAddress", () => {
  it.each(["127.0.0.1", "::1", "::ffff:127.0.0.1", "::ffff:7f00:1"])("%s is loopback", (a) => expect(classifyAddress(a)).toBe("loopback"));
  it.each(["10.1.1.1", "172.20.0.1", "192.168.0.1", "169.254.169.254", "100.127.255.255", "0.0.0.0", "239.1.1.1", "fc00::1", "fdff::1", "fe80::abcd", "::ffff:10.0.0.1", "::", "garbage", ""])(
    "%s is blocked",
    (a) => expect(classifyAddress(a)).toBe("blocked"),
  );
  it.each(["8.8.8.8", "93.184.215.14", "100.128.0.1", "172.32.0.1", "2606:4700::1111", "::ffff:8.8.8.8"])("%s is public", (a) => expect(classifyAddress(a)).toBe("public"));
});

describe("hostnames are judged by every address they resolve to", () => {
  const dns = (table: Record<string, string[]>): Resolver => async (host) => {
    const list = table[host];
    if (!list) throw Object.assign(new Error("not found"), { code: "ENOTFOUND" });
    return list.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
  const resolver = dns({
    "hooks.example.com": ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"],
    "rebind.example.com": ["93.184.215.14", "127.0.0.1"],
    "metadata.example.com": ["169.254.169.254"],
    "v6-internal.example.com": ["fd00::5"],
    "mapped.example.com": ["::ffff:192.168.1.1"],
  });

  it("accepts a host whose addresses are all public", async () => {
    expect((await checkWebhookUrl("https://hooks.example.com/x", { allowInsecure: false, resolver })).ok).toBe(true);
  });

  it.each(["rebind.example.com", "metadata.example.com", "v6-internal.example.com", "mapped.example.com"])("refuses %s", async (host) => {
    expect((await checkWebhookUrl(`https://${host}/x`, { allowInsecure: false, resolver })).ok).toBe(false);
    expect(await resolveAllowed(host, false, resolver)).toBeNull();
  });

  it("refuses an unresolvable host at send time; a save may go through and is checked again at send", async () => {
    expect((await checkWebhookUrl("https://nowhere.example.com/", { allowInsecure: false, resolver })).ok).toBe(false);
    expect((await checkWebhookUrl("https://nowhere.example.com/", { allowInsecure: false, resolver, dnsFailureOk: true })).ok).toBe(true);
  });
});

// Every entry of the IANA IPv4 and IPv6 Special-Purpose Address Registries, plus multicast,
// site-local and SIIT's IPv4-translated range; IPv6 forms that carry an IPv4 address are judged
// by that address (NAT64, 6to4) or refused whole (translated, compatible, Teredo).
const specialPurpose = [
  ["0.0.0.0/8", "0.255.1.2"], ["10/8", "10.255.0.1"], ["100.64/10", "100.64.0.1"], ["127/8", "127.255.255.254"],
  ["169.254/16", "169.254.0.1"], ["172.16/12", "172.16.0.1"], ["192.0.0/24", "192.0.0.170"], ["192.0.2/24 TEST-NET-1", "192.0.2.1"],
  ["192.31.196/24 AS112", "192.31.196.1"], ["192.52.193/24 AMT", "192.52.193.1"], ["192.88.99/24 6to4 relay", "192.88.99.1"],
  ["192.168/16", "192.168.255.255"], ["192.175.48/24 AS112", "192.175.48.1"], ["198.18/15 benchmarking", "198.19.255.1"],
  ["198.51.100/24 TEST-NET-2", "198.51.100.1"], ["203.0.113/24 TEST-NET-3", "203.0.113.1"], ["224/4 multicast", "239.255.255.250"],
  ["240/4 reserved", "240.0.0.1"], ["255.255.255.255/32", "255.255.255.255"],
  ["::/128", "::"], ["::1/128", "::1"], ["::ffff:0:0/96 mapped private", "::ffff:192.168.0.1"], ["::ffff:0:0:0/96 translated loopback", "::ffff:0:7f00:1"],
  ["::ffff:0:0:0/96 translated public", "::ffff:0:808:808"], ["compatible ::a.b.c.d", "::7f00:1"], ["64:ff9b::/96 NAT64 loopback", "64:ff9b::7f00:1"],
  ["64:ff9b::/96 NAT64 metadata", "64:ff9b::169.254.169.254"], ["64:ff9b:1::/48 local NAT64", "64:ff9b:1::808:808"], ["100::/64 discard", "100::1"],
  ["100:0:0:1::/64 dummy", "100:0:0:1::1"], ["2001::/23 IETF", "2001:1::1"], ["2001::/32 Teredo", "2001:0:4136:e378:8000:63bf:3fff:fdd2"],
  ["2001:2::/48 benchmarking", "2001:2::1"], ["2001:10::/28 ORCHID", "2001:10::1"], ["2001:20::/28 ORCHIDv2", "2001:20::1"],
  ["2001:db8::/32 documentation", "2001:db8::1"], ["2002::/16 6to4 of loopback", "2002:7f00:1::1"], ["2002::/16 6to4 of 10/8", "2002:a00:1::1"],
  ["2620:4f:8000::/48 AS112", "2620:4f:8000::1"], ["3fff::/20 documentation", "3fff::1"], ["5f00::/16 SRv6 SIDs", "5f00::1"],
  ["fc00::/7 unique-local", "fc00::1"], ["fe80::/10 link-local", "febf::1"], ["fec0::/10 site-local", "fec0::1"], ["ff00::/8 multicast", "ff05::2"],
] as const;

describe("13: IANA special-purpose ranges", () => {
  it.each(specialPurpose)("13: refuses %s (%s) as a literal and as a DNS answer", async (_range, address) => {
    expect(classifyAddress(address)).not.toBe("public");
    const literal = address.includes(":") ? `[${address}]` : address;
    expect(parseWebhookUrl(`https://${literal}/`, false).ok).toBe(false);
    const resolver: Resolver = async () => [{ address, family: address.includes(":") ? 6 : 4 }];
    expect((await checkWebhookUrl("https://hooks.example.com/", { allowInsecure: false, resolver })).ok).toBe(false);
  });

  it("13: the IPv4-translated https://[::ffff:0:7f00:1]/ is refused even with allowInsecure", () => {
    expect(parseWebhookUrl("https://[::ffff:0:7f00:1]/", false).ok).toBe(false);
    expect(parseWebhookUrl("https://[::ffff:0:7f00:1]/", true).ok).toBe(false);
    expect(parseWebhookUrl("https://[64:ff9b::7f00:1]/", true).ok).toBe(false);
    expect(parseWebhookUrl("https://[2002:7f00:1::]/", true).ok).toBe(false);
  });

  it.each(["93.184.215.14", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1", "100.128.0.1", "192.0.1.1", "198.20.0.1", "3fff:1000::1"])(
    "13: allows the public address %s",
    (address) => expect(classifyAddress(address)).toBe("public"),
  );
});

describe("13: names that DNS would answer but no public receiver can own", () => {
  it.each(["https://localhost./", "https://example.com./", "https://hooks.example.com./x", "https://localhost../"])("13: refuses the trailing-dot name %s", (url) => {
    expect(parseWebhookUrl(url, false).ok).toBe(false);
    expect(parseWebhookUrl(url, true).ok).toBe(false);
  });

  it.each(["https://localhost/", "https://a.b.localhost/", "https://printer.local/", "https://db.internal/", "https://x.invalid/", "https://hooks.test/", "https://hooks.example/", "https://abc.onion/", "https://router.home.arpa/", "https://1.0.0.127.in-addr.arpa/", "https://x.alt/"])(
    "13: refuses the special-use name %s",
    (url) => expect(parseWebhookUrl(url, false).ok).toBe(false),
  );

  it("13: with allowInsecure (tests only) localhost and *.localhost are allowed, other special-use names are not", () => {
    expect(parseWebhookUrl("http://localhost:8080/", true).ok).toBe(true);
    expect(parseWebhookUrl("http://hooks.localhost:8080/", true).ok).toBe(true);
    expect(parseWebhookUrl("http://printer.local/", true).ok).toBe(false);
    expect(parseWebhookUrl("http://hooks.test/", true).ok).toBe(false);
  });
});

describe("13: the socket gets the checked answer, never a second one", () => {
  it("13: a lookup answered with a public address, then loopback, hands the socket the public address and asks DNS once", async () => {
    let calls = 0;
    const resolver: Resolver = async () => (calls++ === 0 ? [{ address: "93.184.215.14", family: 4 }] : [{ address: "127.0.0.1", family: 4 }]);
    const lookup = checkedLookup(false, resolver);
    const ask = (all: boolean) => new Promise<unknown>((resolve, reject) => lookup("hooks.example.com", { all }, (err, address) => (err ? reject(err) : resolve(address))));
    expect(await ask(true)).toEqual([{ address: "93.184.215.14", family: 4 }]);
    expect(await ask(false)).toBe("93.184.215.14");
    expect(calls).toBe(1);
  });
});
