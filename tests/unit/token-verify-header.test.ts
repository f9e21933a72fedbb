// The verifier remembers header checks by the header's text (every token of one key shares it):
// each key's tokens still resolve their own key, a header with a key or critical parameter in it
// is refused every time, and a tampered payload under a remembered header still fails its signature.
import { describe, expect, it, vi } from "vitest";
import { importJWK, SignJWT, type CryptoKey } from "jose";
import { generateSigningKey } from "@/lib/tokens/keys";
import { signClaims } from "@/lib/tokens/sign";
import { issuerFor, TOKEN_ALG, TOKEN_AUDIENCE, type PlaybackClaims } from "@/lib/tokens/claims";
import { verifyPlaybackToken, type ResolvedKey } from "@/lib/tokens/verify";

const appUrl = "https://playgate.test";
const orgId = "org_header";

async function key() {
  const gen = await generateSigningKey();
  return {
    kid: gen.kid,
    privateKey: (await importJWK(gen.privateJwk, TOKEN_ALG)) as CryptoKey,
    resolved: { orgId, status: "active", publicKey: (await importJWK(gen.publicJwk, TOKEN_ALG)) as CryptoKey } satisfies ResolvedKey,
    publicJwk: gen.publicJwk,
  };
}

function claims(jti: string): PlaybackClaims {
  const now = Math.floor(Date.now() / 1000);
  return { orgawide: true, iss: issuerFor(appUrl, orgId), aud: TOKEN_AUDIENCE, org: orgId, jti, iat: now, exp: now + 3600 };
}

describe("verifyPlaybackToken's header checks", () => {
  it("resolves each token's own key, again and again, and refuses a tampered payload under a known header", async () => {
    const [a, b] = [await key(), await key()];
    const keys = new Map([[a.kid, a.resolved], [b.kid, b.resolved]]);
    const resolveKey = vi.fn(async (kid: string) => keys.get(kid) ?? null);
    const tokenA = (await signClaims(claims("a1"), a.kid, a.privateKey)).token;
    const tokenB = (await signClaims(claims("b1"), b.kid, b.privateKey)).token;
    for (let i = 0; i < 3; i++) {
      expect(await verifyPlaybackToken(tokenA, { appUrl, resolveKey })).toMatchObject({ ok: true, kid: a.kid });
      expect(await verifyPlaybackToken(tokenB, { appUrl, resolveKey })).toMatchObject({ ok: true, kid: b.kid });
    }
    expect(resolveKey.mock.calls.map(([kid]) => kid)).toEqual([a.kid, b.kid, a.kid, b.kid, a.kid, b.kid]);

    const [header, , signature] = tokenA.split(".");
    const forged = Buffer.from(JSON.stringify({ ...claims("a1"), orgawide: undefined, groupid: "grp_other" })).toString("base64url");
    expect(await verifyPlaybackToken(`${header}.${forged}.${signature}`, { appUrl, resolveKey })).toMatchObject({ ok: false, reason: "bad_signature" });
  });

  it("refuses a header carrying its own key every time, even with a known kid", async () => {
    const a = await key();
    const resolveKey = vi.fn(async () => a.resolved);
    const token = await new SignJWT({ ...claims("j1") }).setProtectedHeader({ alg: TOKEN_ALG, typ: "playback+jwt", kid: a.kid, jwk: a.publicJwk }).sign(a.privateKey);
    for (let i = 0; i < 2; i++) expect(await verifyPlaybackToken(token, { appUrl, resolveKey })).toMatchObject({ ok: false, reason: "malformed" });
    expect(resolveKey).not.toHaveBeenCalled();
  });
});
