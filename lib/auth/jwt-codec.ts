// next-auth's session cookie codec (a JWE: dir + A256GCM, key = HKDF-SHA256 of the secret), the same
// format as next-auth's own encode/decode, but the key is derived and imported once per secret.
// next-auth derives it again on every call — an async HKDF and key import on each request, twice
// per page (proxy and page): ~2 ms of every dashboard request on these machines.
import { hkdfSync, randomUUID, webcrypto } from "node:crypto";
import { EncryptJWT, jwtDecrypt } from "jose";
import type { JWT, JWTDecodeParams, JWTEncodeParams } from "next-auth/jwt";
import { namedCache } from "@/lib/caches";

const DEFAULT_MAX_AGE_SEC = 30 * 24 * 60 * 60;
// Keyed by salt and secret; a few entries (lib/caches.ts), as an installation has one secret.
const keys = namedCache<string, Promise<CryptoKey>>("session.cookie-keys");

function encryptionKey(secret: string | Buffer, salt: string): Promise<CryptoKey> {
  const id = `${salt}\u0000${secret.toString()}`;
  let key = keys.get(id);
  if (!key) {
    const raw = hkdfSync("sha256", secret, salt, `NextAuth.js Generated Encryption Key${salt ? ` (${salt})` : ""}`, 32);
    key = webcrypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]) as Promise<CryptoKey>;
    keys.set(id, key);
  }
  return key;
}

export async function encode({ token = {}, secret, maxAge = DEFAULT_MAX_AGE_SEC, salt = "" }: JWTEncodeParams): Promise<string> {
  return new EncryptJWT(token)
    .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + maxAge)
    .setJti(randomUUID())
    .encrypt(await encryptionKey(secret, salt));
}

export async function decode({ token, secret, salt = "" }: JWTDecodeParams): Promise<JWT | null> {
  if (!token) return null;
  const { payload } = await jwtDecrypt(token, await encryptionKey(secret, salt), { clockTolerance: 15 });
  return payload as JWT;
}
