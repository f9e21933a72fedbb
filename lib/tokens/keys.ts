// ES256 signing keys: generation as JWK, and import caches so a key is decrypted and imported
// once per process (re-importing per call halves jose's throughput, docs/performance.md#p1, #p2).
import { randomBytes } from "node:crypto";
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from "jose";
import { namedCache } from "@/lib/caches";
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

// Keys never change under a kid, so these caches need no expiry; their bound (lib/caches.ts) is far
// above the number of keys an installation has (a few per organisation). The key's material is
// the load's context: it is only used on a miss, and one import runs however many callers wait.
const privateKeys = namedCache<string, CryptoKey, () => string>("tokens.private-keys", async (_kid, _stale, { context: decrypt }) => {
  return (await importJWK(JSON.parse(decrypt()) as JWK, TOKEN_ALG)) as CryptoKey;
});
const publicKeys = namedCache<string, CryptoKey, { publicJwk: string | JWK }>("tokens.public-keys", async (_kid, _stale, { context: { publicJwk } }) => {
  const jwk = typeof publicJwk === "string" ? (JSON.parse(publicJwk) as JWK) : publicJwk;
  return (await importJWK(publicMembers(jwk), TOKEN_ALG)) as CryptoKey;
});

/** `decrypt` is only called on a cache miss (it turns the at-rest ciphertext into the JWK JSON). */
export async function privateKeyFor(kid: string, decrypt: () => string): Promise<CryptoKey> {
  return privateKeys.get(kid) ?? privateKeys.forceFetch(kid, { context: decrypt });
}

export async function publicKeyFor(kid: string, publicJwk: string | JWK): Promise<CryptoKey> {
  return publicKeys.get(kid) ?? publicKeys.forceFetch(kid, { context: { publicJwk } });
}

/** A revoked key must never sign again in this process. */
export function forgetPrivateKey(kid: string): void {
  privateKeys.delete(kid);
}
