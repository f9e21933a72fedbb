// Secrets and hashes. Account secrets (API keys, token keys, session API tokens, invitation
// tokens) are high-entropy random values, so a plain SHA-256 is the right hash for lookup
// (as GitHub and dub do); passwords are low-entropy and get scrypt.
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, scrypt, timingSafeEqual } from "node:crypto";
import { passwordHashSetting } from "@/lib/config";
import { RateLimitError } from "@/lib/errors";

export const SECRET_PREFIX = {
  apiKey: "pg_live_",
  sessionToken: "pg_st_",
  tokenKey: "pg_tk_",
  invitation: "pg_inv_",
  passwordReset: "pg_pwr_",
  webhookSecret: "whsec_",
  playerKey: "pg_pk_",
  omeSecret: "pg_ome_",
} as const;

/** A prefixed random secret: 24 bytes = 192 bits unless asked otherwise. */
export function randomSecret(prefix: string, bytes = 24): string {
  return prefix + randomBytes(bytes).toString("base64url");
}

export function hashSecret(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("hex");
}

/** "pg_live_AbCd…wXyZ": enough to recognise a key, useless to an attacker. */
export function maskSecret(value: string, prefix = ""): string {
  const body = value.slice(prefix.length);
  return `${prefix}${body.slice(0, 4)}…${body.slice(-4)}`;
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function subKey(appSecret: string, label: string): Buffer {
  return createHmac("sha256", appSecret).update(label).digest();
}

/** AES-256-GCM with a key derived from the app secret; output "v1.<iv>.<tag>.<ciphertext>". */
export function encryptWithAppSecret(plaintext: string, appSecret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", subKey(appSecret, "playgate:encrypt:v1"), iv);
  const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), data.toString("base64url")].join(".");
}

export function decryptWithAppSecret(sealed: string, appSecret: string): string {
  const [version, iv, tag, data] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || !data) throw new Error("Unrecognised encrypted value");
  const decipher = createDecipheriv("aes-256-gcm", subKey(appSecret, "playgate:encrypt:v1"), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
}

/** A secret derived from the app secret and a stored nonce: nothing usable sits in the database. */
export function deriveSecret(appSecret: string, label: string, nonce: string): Buffer {
  return createHmac("sha256", subKey(appSecret, `playgate:derive:${label}`)).update(nonce).digest();
}

// scrypt parameters: N=2^15, r=8, p=3 (OWASP's scrypt minimum for this memory size).
const SCRYPT = { N: 32768, r: 8, p: 3, keylen: 32, maxmem: 64 * 1024 * 1024 };

/**
 * The cost a new hash gets. Test files that do not test hashing set a lower N
 * (PLAYGATE_TEST_SCRYPT_N, tests/support/env.ts), read only when NODE_ENV is "test" — vitest sets
 * it, `next build`/`npm start` never run with it — so several hundred sign-ins and sign-ups do not
 * spend minutes of CI on scrypt. The tests of the hash queue and the sign-in limits run at the
 * real cost (tests/integration/sign-in-hardening.test.ts). Verifying reads the cost from the
 * stored hash, so hashes of either cost verify.
 */
function newHashParams(): typeof SCRYPT {
  if (process.env.NODE_ENV !== "test") return SCRYPT;
  const N = Number(process.env.PLAYGATE_TEST_SCRYPT_N);
  return Number.isInteger(N) && N >= 1024 && N < SCRYPT.N ? { ...SCRYPT, N } : SCRYPT;
}

/** Seconds a caller refused by a full hash queue is told to wait: about what a full queue takes to drain. */
const HASH_BUSY_RETRY_SEC = 5;

/** Every slot of the password-hash queue is taken; answered like a rate limit (429/503, `rate_limited`). */
export class PasswordHashBusyError extends RateLimitError {
  constructor() {
    super(HASH_BUSY_RETRY_SEC);
    this.name = "PasswordHashBusyError";
    this.message = `Too many sign-ins at once. Try again in ${HASH_BUSY_RETRY_SEC} seconds.`;
  }
}

// One scrypt holds a core for a few hundred milliseconds and takes 32 MiB, and anyone can make
// the server hash (a sign-in with any email verifies against a hash). So every hash — verify,
// new password, the dummy — runs at most `concurrency` at once with at most `queue` waiting
// (PLAYGATE_PASSWORD_HASH_*); beyond that the caller is refused at once instead of waiting, and
// the rest of the server keeps its CPU.
const gate = { running: 0, waiting: [] as Array<() => void>, started: 0, peakRunning: 0, peakWaiting: 0 };

/** Hashes running and waiting now, how many ever started, and the most at once (tests read it). */
export function passwordHashGauge() {
  const { running, started, peakRunning, peakWaiting } = gate;
  return { running, waiting: gate.waiting.length, started, peakRunning, peakWaiting };
}

/** True when a hash asked for now would be refused: lets callers refuse before other work. */
export function passwordHashBusy(): boolean {
  const { concurrency, queue } = passwordHashSetting();
  return gate.running >= concurrency && gate.waiting.length >= queue;
}

async function withHashSlot<T>(work: () => Promise<T>): Promise<T> {
  const { concurrency, queue } = passwordHashSetting();
  if (gate.running < concurrency) gate.running++;
  else if (gate.waiting.length >= queue) throw new PasswordHashBusyError();
  else {
    const handedOver = new Promise<void>((resolve) => gate.waiting.push(resolve));
    gate.peakWaiting = Math.max(gate.peakWaiting, gate.waiting.length);
    await handedOver; // a finishing hash hands its slot over: `running` stays the same
  }
  gate.started++;
  gate.peakRunning = Math.max(gate.peakRunning, gate.running);
  try {
    return await work();
  } finally {
    const next = gate.waiting.shift();
    if (next) next();
    else gate.running--;
  }
}

function scryptAsync(password: string, salt: Buffer, params: typeof SCRYPT): Promise<Buffer> {
  return withHashSlot(
    () =>
      new Promise((resolve, reject) =>
        scrypt(password, salt, params.keylen, { N: params.N, r: params.r, p: params.p, maxmem: params.maxmem }, (err, key) =>
          err ? reject(err) : resolve(key),
        ),
      ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const params = newHashParams();
  const key = await scryptAsync(password, salt, params);
  return `scrypt$${params.N}$${params.r}$${params.p}$${salt.toString("base64url")}$${key.toString("base64url")}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !hash) return false;
  const params = { ...SCRYPT, N: Number(n), r: Number(r), p: Number(p) };
  const key = await scryptAsync(password, Buffer.from(salt, "base64url"), params);
  const expected = Buffer.from(hash, "base64url");
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A fixed hash to verify against when the email is unknown, so timing does not reveal accounts. */
let dummyHash: Promise<string> | null = null;
export function dummyPasswordHash(): Promise<string> {
  // A refused first hash (queue full) must not stay cached as the answer for every later caller.
  dummyHash ??= hashPassword(randomBytes(16).toString("hex")).catch((error: unknown) => {
    dummyHash = null;
    throw error;
  });
  return dummyHash;
}
