// The pure restriction helpers (IP/CIDR, domains) and the token form schema's field errors.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { domainMatches, isValidDomainClaim } from "@/lib/tokens/claims";
import { ipMatches, isValidIpOrCidr } from "@/lib/tokens/ip";
import { apiBodyToTokenInput, apiTokenBodySchema, authorizeRequestSchema, tokenFormSchema } from "@/lib/validation/tokens";

const DAY = 86_400_000;

describe("ipMatches", () => {
  it.each([
    ["203.0.113.7", "203.0.113.7", true],
    ["203.0.113.7", "203.0.113.8", false],
    ["203.0.113.0/24", "203.0.113.200", true],
    ["203.0.113.0/24", "203.0.114.1", false],
    ["10.0.0.0/8", "10.255.1.2", true],
    ["0.0.0.0/0", "198.51.100.1", true],
    ["192.168.1.128/25", "192.168.1.127", false],
    ["2001:db8::1", "2001:db8:0:0:0:0:0:1", true],
    ["2001:db8::1", "2001:db8::2", false],
    ["2001:db8::/32", "2001:db8:ffff::1", true],
    ["2001:db8::/32", "2001:db9::1", false],
    ["2001:db8:abcd:12::/63", "2001:db8:abcd:13::9", true],
    ["203.0.113.7", "::ffff:203.0.113.7", true],
    ["203.0.113.7", "2001:db8::1", false],
    ["2001:db8::1", "203.0.113.7", false],
    ["203.0.113.7", "not-an-ip", false],
  ])("claim %s vs client %s → %s", (claim, client, expected) => {
    expect(ipMatches(claim, client)).toBe(expected);
  });

  it("accepts addresses and ranges of both families and refuses malformed ones", () => {
    for (const ok of ["1.2.3.4", "1.2.3.0/24", "::1", "::", "fe80::/10", "2001:db8::/128", "::ffff:1.2.3.4"]) expect(isValidIpOrCidr(ok)).toBe(true);
    for (const bad of ["1.2.3", "1.2.3.256", "01.2.3.4", "1.2.3.4/33", "1.2.3.4/-1", "2001:db8::/129", "1:2:3:4:5:6:7:8:9", "1::2::3", "example.com", "1.2.3.4/24/1", "gggg::1"]) {
      expect(isValidIpOrCidr(bad)).toBe(false);
    }
  });
});

describe("domainMatches", () => {
  it.each([
    ["example.com", "https://example.com", true],
    ["example.com", "https://EXAMPLE.com:8443", true],
    ["example.com", "https://www.example.com", false],
    ["example.com", "https://example.com.evil.test", false],
    ["*.example.com", "https://sub.example.com", true],
    ["*.example.com", "https://a.b.example.com", true],
    ["*.example.com", "https://example.com", false],
    ["*.example.com", "https://badexample.com", false],
    ["player.example.com", "player.example.com", true],
    ["example.com", "", false],
  ])("claim %s vs origin %s → %s", (claim, origin, expected) => {
    expect(domainMatches(claim, origin)).toBe(expected);
  });

  it("validates host names and wildcards", () => {
    for (const ok of ["example.com", "a-b.example.co.uk", "*.example.com", "localhost"]) expect(isValidDomainClaim(ok)).toBe(true);
    for (const bad of ["*.com", "*example.com", "ex ample.com", "-bad.com", "a..b", "https://example.com", "*.*.example.com", "exa_mple.com"]) {
      expect(isValidDomainClaim(bad)).toBe(false);
    }
  });
});

function fieldErrors(input: Record<string, unknown>) {
  const result = tokenFormSchema.safeParse(input);
  return result.success ? {} : (z.flattenError(result.error).fieldErrors as Record<string, string[]>);
}

describe("tokenFormSchema", () => {
  const future = new Date(Date.now() + 7 * DAY).toISOString();

  it("accepts a good form with empty optional fields, defaulting the expiry to 14 days", () => {
    const parsed = tokenFormSchema.parse({ target: "org", expiresAt: "", notBefore: "", ip: "", domain: "", user: "", tag: "", groupid: "" });
    expect(parsed.ip).toBeUndefined();
    expect(parsed.notBefore).toBeUndefined();
    expect(parsed.groupid).toBeUndefined();
    expect(Math.abs(parsed.expiresAt.getTime() - (Date.now() + 14 * DAY))).toBeLessThan(5000);
  });

  it("accepts every restriction when well-formed", () => {
    const parsed = tokenFormSchema.parse({ target: "group", groupid: "grp_abc", expiresAt: future, ip: "2001:db8::/32", domain: "*.Example.com", user: "viewer-1", tag: "campaign:spring" });
    expect(parsed).toMatchObject({ groupid: "grp_abc", ip: "2001:db8::/32", domain: "*.example.com", tag: "campaign:spring" });
  });

  it("reads stream names from repeated fields, comma- or newline-separated text", () => {
    expect(tokenFormSchema.parse({ target: "streams", streams: ["a-1", "b-2"], expiresAt: future }).streams).toEqual(["a-1", "b-2"]);
    expect(tokenFormSchema.parse({ target: "streams", streams: "a-1, b-2\nc-3", expiresAt: future }).streams).toEqual(["a-1", "b-2", "c-3"]);
    expect(tokenFormSchema.parse({ target: "streams", streams: "a-1", expiresAt: future }).streams).toEqual(["a-1"]);
  });

  it("reads a datetime-local value as UTC", () => {
    const day = new Date(Date.now() + 30 * DAY).toISOString().slice(0, 10);
    expect(tokenFormSchema.parse({ target: "org", expiresAt: `${day}T03:04` }).expiresAt.toISOString()).toBe(`${day}T03:04:00.000Z`);
    // The form's own text: 24-hour, a space between date and time.
    expect(tokenFormSchema.parse({ target: "org", expiresAt: ` ${day} 23:04 ` }).expiresAt.toISOString()).toBe(`${day}T23:04:00.000Z`);
  });

  it.each([
    [{ target: "group" }, "groupid"],
    [{ target: "streams", streams: "" }, "streams"],
    [{ target: "org", expiresAt: new Date(Date.now() - DAY).toISOString() }, "expiresAt"],
    [{ target: "org", expiresAt: "not a date" }, "expiresAt"],
    [{ target: "org", expiresAt: new Date(Date.now() + 366 * DAY).toISOString() }, "expiresAt"],
    [{ target: "org", notBefore: new Date(Date.now() + 20 * DAY).toISOString() }, "notBefore"],
    [{ target: "org", ip: "300.1.1.1" }, "ip"],
    [{ target: "org", ip: "10.0.0.0/40" }, "ip"],
    [{ target: "org", ip: "2001:db8::/200" }, "ip"],
    [{ target: "org", domain: "*.com" }, "domain"],
    [{ target: "org", domain: "bad domain" }, "domain"],
    [{ target: "org", user: "u".repeat(129) }, "user"],
    [{ target: "org", tag: "has space" }, "tag"],
    [{ target: "org", tag: "t".repeat(65) }, "tag"],
  ])("gives a field error for %j on %s", (input, field) => {
    expect(fieldErrors(input)[field]?.length).toBeGreaterThan(0);
  });

  it("says 'Choose an expiry in the future' for a past expiry", () => {
    expect(fieldErrors({ target: "org", expiresAt: "2000-01-01T00:00:00Z" }).expiresAt).toContain("Choose an expiry in the future");
  });

  it("rejects unknown fields (mass assignment)", () => {
    expect(tokenFormSchema.safeParse({ target: "org", orgId: "someone-else" }).success).toBe(false);
  });
});

describe("API and authorize schemas", () => {
  it("needs exactly one target in the API body and maps it onto the form input", () => {
    expect(apiTokenBodySchema.safeParse({ groupid: "g", orgawide: true }).success).toBe(false);
    expect(apiTokenBodySchema.safeParse({}).success).toBe(false);
    const exp = Math.floor(Date.now() / 1000) + 3600;
    const input = apiBodyToTokenInput(apiTokenBodySchema.parse({ streams: ["a-1"], exp, ip: "1.2.3.4" }));
    expect(input).toMatchObject({ target: "streams", streams: ["a-1"], ip: "1.2.3.4" });
    expect(input.expiresAt.getTime()).toBe(exp * 1000);
    expect(() => apiBodyToTokenInput({ orgawide: true, ip: "nope" })).toThrow(expect.objectContaining({ code: "validation_failed", field: "ip" }));
    expect(() => apiBodyToTokenInput({ orgawide: true, exp: 1000 })).toThrow(expect.objectContaining({ field: "exp", message: "Choose an expiry in the future" }));
  });

  it("bounds the authorize request and rejects unknown fields", () => {
    expect(authorizeRequestSchema.safeParse({ token: "x", stream: "s" }).success).toBe(true);
    expect(authorizeRequestSchema.safeParse({ token: "x".repeat(8193), stream: "s" }).success).toBe(false);
    expect(authorizeRequestSchema.safeParse({ token: "x", stream: "s", extra: 1 }).success).toBe(false);
  });
});
