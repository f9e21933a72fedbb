// SSRF guard (SECURITY.md row 13): every class of internal target is refused, whether written as
// a literal in any IP notation or reached through a hostname; a public https host is accepted.
// No real network: the address classifier and URL parser are pure, and DNS is injected.
import { describe, expect, it } from "vitest";
import { checkWebhookUrl, classifyAddress, parseWebhookUrl, resolveAllowed, type Resolver } from "@/lib/webhooks/ssrf";

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
