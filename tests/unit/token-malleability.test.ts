// SECURITY row 23: one token, one text. Every part of a playback token must be canonical
// base64url; decoders are forgiving (padding, whitespace, unused trailing bits), so each
// non-canonical spelling below is signed genuinely over its exact text and must still be refused.
// High-S signatures verify (WebCrypto never normalised s, so about half of the tokens issued
// before are high-S); every token we sign now is low-S.
import { randomBytes } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { importJWK, type CryptoKey } from "jose";
import { generateSigningKey } from "@/lib/tokens/keys";
import { signClaims } from "@/lib/tokens/sign";
import { issuerFor, TOKEN_ALG, TOKEN_AUDIENCE, type PlaybackClaims } from "@/lib/tokens/claims";
import { verifyPlaybackToken, type ResolvedKey } from "@/lib/tokens/verify";

const appUrl = "https://playgate.test";
const orgId = "org_canonical";
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
/** Order of the P-256 group (SEC 2 §2.4.2). */
const N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

async function key() {
  const gen = await generateSigningKey();
  const privateKey = (await importJWK(gen.privateJwk, TOKEN_ALG)) as CryptoKey;
  const resolved: ResolvedKey = { orgId, status: "active", publicKey: (await importJWK(gen.publicJwk, TOKEN_ALG)) as CryptoKey };
  return { kid: gen.kid, privateKey, resolveKey: vi.fn(async () => resolved) };
}

function claims(tag = "t"): PlaybackClaims {
  const now = Math.floor(Date.now() / 1000);
  return { orgawide: true, iss: issuerFor(appUrl, orgId), aud: TOKEN_AUDIENCE, org: orgId, jti: randomBytes(16).toString("base64url"), iat: now, exp: now + 3600, tag };
}

/** A genuine ES256 signature over exactly `header.payload`, however they are spelled. */
async function signText(header: string, payload: string, privateKey: CryptoKey): Promise<string> {
  const sig = await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, privateKey, new TextEncoder().encode(`${header}.${payload}`));
  return `${header}.${payload}.${Buffer.from(sig).toString("base64url")}`;
}

/** The same bytes with the unused low bits of the last character set; null if it has none. */
function withTrailingBits(segment: string): string | null {
  if (segment.length % 4 === 0) return null;
  const last = ALPHABET.indexOf(segment.at(-1)!);
  return segment.slice(0, -1) + ALPHABET[last + 1];
}

const sParts = (token: string) => {
  const [h, p, sig] = token.split(".");
  const bytes = Buffer.from(sig, "base64url");
  return { h, p, r: bytes.subarray(0, 32), s: BigInt(`0x${bytes.subarray(32).toString("hex")}`) };
};

/** The ECDSA twin (r, n − s) of a token: a different text with a valid signature. */
function twin(token: string): string {
  const { h, p, r, s } = sParts(token);
  const sig = Buffer.concat([r, Buffer.from((N - s).toString(16).padStart(64, "0"), "hex")]);
  return `${h}.${p}.${sig.toString("base64url")}`;
}

describe("23: token malleability", () => {
  it("23: a padded signature (== appended) is refused", async () => {
    const k = await key();
    const { token } = await signClaims(claims(), k.kid, k.privateKey);
    expect(await verifyPlaybackToken(token, { appUrl, resolveKey: k.resolveKey })).toMatchObject({ ok: true });
    for (const padded of [`${token}==`, `${token}=`]) {
      expect(await verifyPlaybackToken(padded, { appUrl, resolveKey: k.resolveKey })).toMatchObject({ ok: false, reason: "malformed" });
    }
  });

  it("23: a character outside the base64url alphabet in the header, payload or signature is refused", async () => {
    const k = await key();
    const { token } = await signClaims(claims(), k.kid, k.privateKey);
    const [h, p, sig] = token.split(".");
    const insert = (text: string, c: string) => text.slice(0, 8) + c + text.slice(8);
    for (const c of [" ", "\n", "\t", "=", "+", "/", "é"]) {
      // The signature part keeps its bytes (a forgiving decoder skips the character) …
      expect(await verifyPlaybackToken(`${h}.${p}.${insert(sig, c)}`, { appUrl, resolveKey: k.resolveKey }), `signature with ${JSON.stringify(c)}`).toMatchObject({ ok: false, reason: "malformed" });
      // … and a header or payload spelled so is signed over its exact text.
      const badHeader = await signText(insert(h, c), p, k.privateKey);
      const badPayload = await signText(h, insert(p, c), k.privateKey);
      expect(await verifyPlaybackToken(badHeader, { appUrl, resolveKey: k.resolveKey }), `header with ${JSON.stringify(c)}`).toMatchObject({ ok: false, reason: "malformed" });
      expect(await verifyPlaybackToken(badPayload, { appUrl, resolveKey: k.resolveKey }), `payload with ${JSON.stringify(c)}`).toMatchObject({ ok: false, reason: "malformed" });
    }
  });

  it("23: unused trailing bits set in the header, payload or signature are refused", async () => {
    const k = await key();
    // A payload whose last character has unused bits (one more byte of tag moves the length on).
    let token = "";
    for (const tag of ["t", "tt", "ttt"]) {
      token = (await signClaims(claims(tag), k.kid, k.privateKey)).token;
      if (token.split(".")[1].length % 4 !== 0) break;
    }
    expect(token.split(".").map((part) => part.length % 4)).not.toContain(0);
    const [h, p, sig] = token.split(".");
    const spelled = [
      await signText(withTrailingBits(h)!, p, k.privateKey),
      await signText(h, withTrailingBits(p)!, k.privateKey),
      `${h}.${p}.${withTrailingBits(sig)!}`,
    ];
    for (const [i, variant] of spelled.entries()) {
      const part = variant.split(".")[i];
      expect(Buffer.from(part, "base64url").equals(Buffer.from(token.split(".")[i], "base64url")), `part ${i} decodes to the same bytes`).toBe(true);
      expect(await verifyPlaybackToken(variant, { appUrl, resolveKey: k.resolveKey }), `part ${i}`).toMatchObject({ ok: false, reason: "malformed" });
    }
  });

  it("23: signs every new token low-S, and still accepts the high-S twin of one (older tokens are high-S)", async () => {
    const k = await key();
    const tokens = await Promise.all(Array.from({ length: 200 }, () => signClaims(claims(), k.kid, k.privateKey)));
    const highS = tokens.filter(({ token }) => sParts(token).s > N / 2n);
    expect(highS).toEqual([]);
    // Normalised signatures still verify (about half of them were turned from high-S).
    for (const { token } of tokens) expect(await verifyPlaybackToken(token, { appUrl, resolveKey: k.resolveKey })).toMatchObject({ ok: true });
    for (const { token } of tokens.slice(0, 5)) {
      const high = twin(token);
      expect(sParts(high).s > N / 2n).toBe(true);
      const [a, b] = [await verifyPlaybackToken(token, { appUrl, resolveKey: k.resolveKey }), await verifyPlaybackToken(high, { appUrl, resolveKey: k.resolveKey })];
      expect(b).toMatchObject({ ok: true });
      // The twin is the same token: same claims, so the same jti the registry and revocation key on.
      expect(a.ok && b.ok && b.payload).toEqual(a.ok && a.payload);
    }
  });
});
