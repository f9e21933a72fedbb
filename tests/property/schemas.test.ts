// 17: every zod schema in lib/validation answers any input (generated, hostile, wrong types,
// polluted keys, boundary dates) with a parse result — never an exception — and every refusal
// carries field messages a form can show.
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import * as auth from "@/lib/validation/auth";
import * as organisation from "@/lib/validation/organisation";
import * as streams from "@/lib/validation/streams";
import * as tokenActions from "@/lib/validation/token-actions";
import * as tokens from "@/lib/validation/tokens";
import * as users from "@/lib/validation/users";
import { HOSTILE_STRINGS, PROPERTY_RUNS, boundaryDate, expectNoPollution, hostileValue, inputFor, runCounter, schemasOf } from "@/tests/support/property";

const runs = runCounter();
afterAll(() => runs.report());

const MODULES = { auth, organisation, streams, "token-actions": tokenActions, tokens, users };
const ALL = Object.entries(MODULES).flatMap(([file, mod]) => schemasOf(mod as Record<string, unknown>).map(([name, schema]) => [`${file}.${name}`, schema] as const));

/** Values that make sense for well-known field names, mixed with hostile ones. */
function fieldValue(key: string): fc.Arbitrary<unknown> {
  const hostile = hostileValue;
  if (/date|expires|notbefore|^exp$|^nbf$|from|to/i.test(key)) return fc.oneof(boundaryDate, boundaryDate.map((d) => (Number.isNaN(d.getTime()) ? "NaN" : d.toISOString())), fc.integer(), hostile);
  if (/^ip$/i.test(key)) return fc.oneof(fc.ipV4(), fc.ipV6(), fc.ipV4().map((ip) => `${ip}/${Math.floor(Math.random() * 40)}`), hostile);
  if (/domain|origin/i.test(key)) return fc.oneof(fc.domain(), fc.domain().map((d) => `*.${d}`), fc.webUrl(), hostile);
  if (/email/i.test(key)) return fc.oneof(fc.emailAddress(), hostile);
  if (/url/i.test(key)) return fc.oneof(fc.webUrl(), hostile);
  if (/role/i.test(key)) return fc.oneof(fc.constantFrom("admin", "user", "readonly", "owner", "ADMIN", " admin"), hostile);
  return hostile;
}

function check(schema: z.ZodType, input: unknown) {
  runs.count();
  const result = schema.safeParse(input);
  if (!result.success) {
    expect(result.error.issues.length).toBeGreaterThan(0);
    for (const issue of result.error.issues) expect(typeof issue.message === "string" && issue.message.length > 0, JSON.stringify(issue).slice(0, 300)).toBe(true);
    // What the action and API wrappers do with a refusal must not throw either.
    z.flattenError(result.error);
  }
  expectNoPollution();
}

describe("17: every validation schema", () => {
  it("finds the schemas (a module without any would be a gap in this test)", () => {
    expect(ALL.length).toBeGreaterThanOrEqual(25);
  });

  it.each(ALL)("17: %s never throws on generated and hostile input", (_name, schema) => {
    fc.assert(
      fc.property(inputFor(schema, fieldValue), (input) => check(schema, input)),
      { numRuns: PROPERTY_RUNS },
    );
    for (const s of HOSTILE_STRINGS) check(schema, s);
  });
});

describe("17: token expiry boundary (365 days ± 1 s)", () => {
  const DAY = 86_400;
  const base = { target: "org" };

  it("17: accepts expiries in the future up to 365 days and refuses past, now and beyond 365 days with a field message", () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -400 * DAY, max: 400 * DAY }), fc.constantFrom(-1, 0, 365 * DAY - 1, 365 * DAY + 1)), (offsetSec) => {
        runs.count();
        const expiresAt = new Date(Date.now() + offsetSec * 1000).toISOString();
        const result = tokens.tokenFormSchema.safeParse({ ...base, expiresAt });
        const valid = offsetSec > 0 && offsetSec < 365 * DAY;
        if (offsetSec === 0 || Math.abs(offsetSec - 365 * DAY) < 1) return; // the instant itself moves with the clock
        expect(result.success, `${offsetSec}s: ${JSON.stringify(result.error?.issues)}`).toBe(valid);
        if (!result.success) expect(z.flattenError(result.error).fieldErrors).toHaveProperty("expiresAt");
      }),
      { numRuns: PROPERTY_RUNS },
    );
  });

  it("17: the API body's exp in Unix seconds refuses 0, negatives, fractions and non-numbers", () => {
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom(0, -1, 1.5, Number.MAX_SAFE_INTEGER + 2, "1700000000", null), fc.double({ noInteger: true })), (exp) => {
        runs.count();
        expect(tokens.apiTokenBodySchema.safeParse({ orgawide: true, exp }).success).toBe(false);
      }),
      { numRuns: PROPERTY_RUNS },
    );
  });

  it("17: nbf at or after the expiry is a field error on notBefore", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 * DAY }), (afterSec) => {
        runs.count();
        const exp = Date.now() + 7 * DAY * 1000;
        const result = tokens.tokenFormSchema.safeParse({ ...base, expiresAt: new Date(exp).toISOString(), notBefore: new Date(exp + afterSec * 1000).toISOString() });
        expect(result.success).toBe(false);
        if (!result.success) expect(z.flattenError(result.error).fieldErrors).toHaveProperty("notBefore");
      }),
      { numRuns: PROPERTY_RUNS },
    );
  });
});

describe("17: malformed restrictions are field errors, never accepted", () => {
  const exp = () => new Date(Date.now() + 86_400_000).toISOString();
  it.each(["256.1.1.1", "1.2.3.4/33", "::ffff:999.1.1.1", "1:::2", "1.2.3", "01.2.3.4", "2001:db8::/129", "\u0000", "a".repeat(64)])("17: ip %s", (ip) => {
    runs.count();
    const result = tokens.tokenFormSchema.safeParse({ target: "org", expiresAt: exp(), ip });
    expect(result.success).toBe(false);
    if (!result.success) expect(z.flattenError(result.error).fieldErrors).toHaveProperty("ip");
  });

  it.each(["*.", "*.*.a", "a..b", `${"a".repeat(254)}.com`, `${"a".repeat(64)}.example.com`, "exa mple.com", "*", "-a.com"])("17: domain %s", (domain) => {
    runs.count();
    const result = tokens.tokenFormSchema.safeParse({ target: "org", expiresAt: exp(), domain });
    expect(result.success).toBe(false);
    if (!result.success) expect(z.flattenError(result.error).fieldErrors).toHaveProperty("domain");
  });
});
