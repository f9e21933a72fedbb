// 9/17: the verifier's time rules as properties over generated exp, nbf, iat and clock
// tolerance (real jose, real ES256 keys): expired is expired past a tolerance of at most 60 s,
// nbf in the future beyond it is refused, lifetimes over 365 days never pass, and the cached
// re-check (recheckTimes) agrees with the full verifier.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateKeyPair, type CryptoKey } from "jose";
import { PROPERTY_RUNS, runCounter } from "@/tests/support/property";
import { issuerFor, TOKEN_AUDIENCE, type PlaybackClaims } from "@/lib/tokens/claims";
import { signClaims } from "@/lib/tokens/sign";
import { CLOCK_TOLERANCE_SEC, recheckTimes, verifyPlaybackToken } from "@/lib/tokens/verify";

const runs = runCounter();
afterAll(() => runs.report());

const APP = "https://playgate.test";
const ORG = "org_prop";
const KID = "kid_prop";
const NOW = 1_900_000_000; // a fixed clock: every property is exact to the second
const DAY = 86_400;
let keys: { publicKey: CryptoKey; privateKey: CryptoKey };

beforeAll(async () => {
  keys = await generateKeyPair("ES256");
});

async function verify(times: { iat: number; exp: number; nbf?: number }, clockTolerance?: number) {
  const claims = { iss: issuerFor(APP, ORG), aud: TOKEN_AUDIENCE, org: ORG, jti: "j1", orgawide: true, ...times } as PlaybackClaims;
  const { token } = await signClaims(claims, KID, keys.privateKey);
  const result = await verifyPlaybackToken(token, {
    appUrl: APP,
    resolveKey: async (kid) => (kid === KID ? { orgId: ORG, status: "active", publicKey: keys.publicKey } : null),
    clockTolerance,
    currentDate: new Date(NOW * 1000),
  });
  return { result, claims };
}

const reason = (r: Awaited<ReturnType<typeof verify>>["result"]) => (r.ok ? "ok" : r.reason);

describe("9: token time boundaries as properties", () => {
  it("9: exp — valid while exp > now − tolerance (default 30 s), expired from then on", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.integer({ min: -3 * DAY, max: 3 * DAY }), fc.integer({ min: -40, max: 40 })), async (expOffset) => {
        runs.count();
        const { result, claims } = await verify({ iat: NOW - 3 * DAY - 1, exp: NOW + expOffset });
        const expected = expOffset > -CLOCK_TOLERANCE_SEC ? "ok" : "expired";
        expect(reason(result), `exp offset ${expOffset}`).toBe(expected);
        expect(recheckTimes(claims, NOW)?.reason ?? "ok").toBe(expected);
      }),
      { numRuns: PROPERTY_RUNS },
    );
  });

  it("9: nbf — refused while nbf > now + tolerance, accepted otherwise", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.integer({ min: -DAY, max: DAY }), fc.integer({ min: -40, max: 40 })), async (nbfOffset) => {
        runs.count();
        const { result, claims } = await verify({ iat: NOW - 60, exp: NOW + 2 * DAY, nbf: NOW + nbfOffset });
        const expected = nbfOffset > CLOCK_TOLERANCE_SEC ? "not_yet_valid" : "ok";
        expect(reason(result), `nbf offset ${nbfOffset}`).toBe(expected);
        expect(recheckTimes(claims, NOW)?.reason ?? "ok").toBe(expected);
      }),
      { numRuns: PROPERTY_RUNS },
    );
  });

  it("9: whatever tolerance a caller asks for, at most 60 s is granted", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 10 * DAY }), fc.integer({ min: 1, max: 3600 }), async (tolerance, expiredAgo) => {
        runs.count();
        const { result } = await verify({ iat: NOW - DAY, exp: NOW - expiredAgo }, tolerance);
        const expected = expiredAgo < Math.min(tolerance, 60) ? "ok" : "expired";
        expect(reason(result), `tolerance ${tolerance}, expired ${expiredAgo}s ago`).toBe(expected);
      }),
      { numRuns: PROPERTY_RUNS },
    );
  });

  it("9: a lifetime (exp − iat) over 365 days never verifies, at or under it does", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.integer({ min: -DAY, max: DAY }), fc.constantFrom(-1, 0, 1)), async (overSec) => {
        runs.count();
        const iat = NOW - 10;
        const { result } = await verify({ iat, exp: iat + 365 * DAY + overSec });
        expect(reason(result), `lifetime 365d ${overSec >= 0 ? "+" : ""}${overSec}s`).toBe(overSec > 0 ? "lifetime_too_long" : "ok");
      }),
      { numRuns: PROPERTY_RUNS },
    );
  });

  it("9: an iat in the future beyond the tolerance is refused; epoch-0 and year-9999 times never pass", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 61, max: 400 * DAY }), async (ahead) => {
        runs.count();
        const { result } = await verify({ iat: NOW + ahead, exp: NOW + ahead + DAY });
        expect(result.ok).toBe(false);
      }),
      { numRuns: PROPERTY_RUNS },
    );
    for (const times of [{ iat: 0, exp: 1 }, { iat: NOW, exp: 253402300799 }, { iat: 0, exp: NOW + DAY }]) {
      runs.count();
      expect((await verify(times)).result.ok, JSON.stringify(times)).toBe(false);
    }
  });
});
