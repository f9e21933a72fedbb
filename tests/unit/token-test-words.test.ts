// "Test this token" in words: its inputs are checked (a typo is a field error, not a denial), every
// reason the authorize endpoint can give has a sentence for people, and tokens are named by what
// the registry shows.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { DENY_REASONS } from "@/lib/tokens/verify";
import { denialSentence } from "@/lib/tokens/denial-text";
import { tokenName } from "@/lib/tokens/token-text";
import { testTokenSchema } from "@/lib/validation/token-actions";

const fieldErrors = (input: Record<string, string>) => {
  const result = testTokenSchema.safeParse({ id: "tok_1", stream: "main-hd", ...input });
  return result.success ? {} : z.flattenError(result.error).fieldErrors;
};

describe("testTokenSchema", () => {
  it.each(["203.0.113.7", "2001:db8::7", "::ffff:203.0.113.7", " 198.51.100.1 "])("accepts the client IP %s", (ip) => {
    expect(fieldErrors({ ip })).toEqual({});
  });

  it.each(["300.1.1.1", "203.0.113.0/24", "nope", "203.0.113", "010.0.0.1"])("refuses the client IP %s next to the field", (ip) => {
    expect(fieldErrors({ ip }).ip?.[0]).toMatch(/IPv4 or IPv6 address/);
  });

  it.each(["https://player.example.com", "http://localhost:3000", "https://a.example.com:8443", "player.example.com", "https://[2001:db8::1]", "203.0.113.7"])("accepts the origin %s", (origin) => {
    expect(fieldErrors({ origin })).toEqual({});
  });

  it.each(["nope", "https://nope", "ftp://player.example.com", "not a host", "300.1.1.1", "https://*.example.com", "://"])("refuses the origin %s next to the field", (origin) => {
    expect(fieldErrors({ origin }).origin?.[0]).toMatch(/origin/);
  });

  it("treats blank optional fields as absent and still needs a stream", () => {
    expect(fieldErrors({ ip: " ", origin: "" })).toEqual({});
    expect(fieldErrors({ stream: " " }).stream?.[0]).toBe("Enter the stream name a player would ask for.");
  });
});

describe("denialSentence", () => {
  const request = { stream: "main-hd", ip: "198.51.100.1", origin: "https://evil.test" };

  it("has a sentence for every reason, none of them a code", () => {
    for (const reason of DENY_REASONS) {
      const sentence = denialSentence(reason, {}, request);
      expect(sentence, reason).toMatch(/^[A-Z"].+\.$/);
      expect(sentence, reason).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
    }
  });

  it("names the token's IP restriction and the address tested", () => {
    expect(denialSentence("ip_not_allowed", { ip: "203.0.113.0/24" }, request)).toBe("This token only plays from 203.0.113.0/24; 198.51.100.1 is outside it.");
    expect(denialSentence("ip_not_allowed", { ip: "203.0.113.7" }, request)).toBe("This token only plays from 203.0.113.7; 198.51.100.1 is a different address.");
    expect(denialSentence("ip_required", { ip: "203.0.113.0/24" }, { stream: "main-hd" })).toBe(
      "This token only plays from 203.0.113.0/24, and no client IP was given: enter the viewer's IP address to test it.",
    );
  });

  it("names the token's domain and the origin's host", () => {
    expect(denialSentence("domain_not_allowed", { domain: "player.example.com" }, request)).toBe("This token only plays on pages at player.example.com, not at evil.test.");
    expect(denialSentence("domain_not_allowed", { domain: "*.example.com" }, { ...request, origin: "https://example.com" })).toBe(
      "This token only plays on pages on any subdomain of example.com, not at example.com itself.",
    );
    expect(denialSentence("domain_required", { domain: "player.example.com" }, { stream: "main-hd" })).toMatch(/no origin was given/);
  });

  it("says when, in UTC, for time and revocation", () => {
    expect(denialSentence("expired", { expiresAt: new Date("2026-11-22T18:27:00Z") }, request)).toBe("This token expired 2026-11-22 18:27 UTC.");
    expect(denialSentence("not_yet_valid", { notBefore: new Date("2026-12-01T08:00:00Z") }, request)).toBe("This token is not valid until 2026-12-01 08:00 UTC.");
    expect(denialSentence("revoked", { revokedAt: new Date("2026-11-23T10:00:00Z"), revokedReason: "revoked_by_tag" }, request)).toBe(
      "This token was revoked 2026-11-23 10:00 UTC with every token of its tag.",
    );
  });

  it("names the streams a token plays", () => {
    expect(denialSentence("stream_not_allowed", { targetType: "group", groupId: "grp_1" }, request)).toBe('This token only plays the streams of stream group grp_1; "main-hd" is not one of them.');
    expect(denialSentence("stream_not_allowed", { targetType: "streams", streamNames: ["a", "b", "c", "d", "e"] }, request)).toBe(
      'This token only plays the streams a, b, c and 2 more; "main-hd" is not one of them.',
    );
    expect(denialSentence("stream_not_allowed", { targetType: "org" }, request)).toMatch(/belongs to another organisation/);
  });
});

describe("tokenName", () => {
  it("names a token by when it was issued (UTC) and its tag or UserID, else its target", () => {
    const issuedAt = new Date("2026-11-22T18:27:41Z");
    expect(tokenName({ issuedAt, tag: "keynote", targetType: "org" })).toBe("2026-11-22 18:27 UTC (tag keynote)");
    expect(tokenName({ issuedAt, tag: "keynote", userClaim: "viewer-7", targetType: "org" })).toBe("2026-11-22 18:27 UTC (tag keynote, UserID viewer-7)");
    expect(tokenName({ issuedAt, targetType: "group", groupId: "grp_1" })).toBe("2026-11-22 18:27 UTC (Stream group grp_1)");
    // By the stream's name once it is known, the id beside it; a deleted stream says so.
    expect(tokenName({ issuedAt, targetType: "group", groupId: "grp_1", groupName: "Main Stage" })).toBe("2026-11-22 18:27 UTC (Stream Main Stage (grp_1))");
    expect(tokenName({ issuedAt, targetType: "group", groupId: "grp_1", groupName: null })).toBe("2026-11-22 18:27 UTC (Deleted stream (grp_1))");
    expect(tokenName({ issuedAt, targetType: "streams", streamNames: ["a-hd", "a-sd"] })).toBe("2026-11-22 18:27 UTC (Streams a-hd, a-sd)");
  });
});
