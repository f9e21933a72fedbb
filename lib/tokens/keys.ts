// ES256 signing keys: generation as JWK, and import caches so a key is decrypted and imported
// once per process (re-importing per call halves jose's throughput, PERF.md P1/P2).
import { randomBytes } from "node:crypto";
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from "jose";
import { TOKEN_ALG } from "@/lib/tokens/claims";

export interface GeneratedKey {
  kid: string;
  publicJwk: JWK;
  privateJwk: JWK;
}

export function newKid(): string {
  return `pgk_${randomBytes(12).toString("base64url")}`;
}

export async function generateSigningKey(): Promise<GeneratedKey> {
  const kid = newKid();
  const { publicKey, privateKey } = await generateKeyPair(TOKEN_ALG, { extractable: true });
  const pub = await exportJWK(publicKey);
  const priv = await exportJWK(privateKey);
  return {
    kid,
    publicJwk: { kty: pub.kty, crv: pub.crv, x: pub.x, y: pub.y, kid, alg: TOKEN_ALG, use: "sig" },
    privateJwk: { ...priv, kid, alg: TOKEN_ALG },
  };
}

/** Only the public members: whatever was stored, a JWKS never carries `d`. */
export function publicMembers(jwk: JWK): JWK {
  return { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y, kid: jwk.kid, alg: TOKEN_ALG, use: "sig" };
}

// Keys never change under a kid, so these caches need no expiry; they are bounded by the
// number of keys an installation has (a few per organisation).
const privateKeys = new Map<string, Promise<CryptoKey>>();
const publicKeys = new Map<string, Promise<CryptoKey>>();

function cached(map: Map<string, Promise<CryptoKey>>, kid: string, load: () => Promise<CryptoKey>): Promise<CryptoKey> {
  let hit = map.get(kid);
  if (!hit) {
    hit = load();
    map.set(kid, hit);
    hit.catch(() => map.delete(kid));
  }
  return hit;
}

/** `decrypt` is only called on a cache miss (it turns the at-rest ciphertext into the JWK JSON). */
export function privateKeyFor(kid: string, decrypt: () => string): Promise<CryptoKey> {
  return cached(privateKeys, kid, async () => (await importJWK(JSON.parse(decrypt()) as JWK, TOKEN_ALG)) as CryptoKey);
}

export function publicKeyFor(kid: string, publicJwk: string | JWK): Promise<CryptoKey> {
  return cached(publicKeys, kid, async () => {
    const jwk = typeof publicJwk === "string" ? (JSON.parse(publicJwk) as JWK) : publicJwk;
    return (await importJWK(publicMembers(jwk), TOKEN_ALG)) as CryptoKey;
  });
}

/** A revoked key must never sign again in this process. */
export function forgetPrivateKey(kid: string): void {
  privateKeys.delete(kid);
}
