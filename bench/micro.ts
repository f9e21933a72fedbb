// P1 (verify) and P2 (sign) in-process: our code and its references in interleaved rounds, each
// round a fixed time slice of sequential awaited calls; the figure is the median of rounds.
// Run pinned to one core: taskset -c N tsx --conditions=react-server bench/micro.ts (benchEnv()).
import { createPublicKey, verify as rawVerify } from "node:crypto";
import { readFileSync } from "node:fs";
import { importJWK, jwtVerify, SignJWT, type CryptoKey } from "jose";
import { getConfig } from "@/lib/config";
import { disconnectDb } from "@/lib/db";
import { ensureActiveSigningKey } from "@/lib/data/signing-keys";
import { domainMatches, issuerFor, TOKEN_ALG, TOKEN_AUDIENCE, type PlaybackClaims } from "@/lib/tokens/claims";
import { ipMatches } from "@/lib/tokens/ip";
import { generateSigningKey } from "@/lib/tokens/keys";
import { signClaims } from "@/lib/tokens/sign";
import { verifyPlaybackToken, type ResolvedKey } from "@/lib/tokens/verify";
import { SEED_FILE, type SeedInfo } from "./env";

const ROUNDS = Number(process.env.BENCH_MICRO_ROUNDS ?? 7);
const SLICE_MS = Number(process.env.BENCH_MICRO_SLICE_MS ?? 300);

type Op = () => Promise<unknown> | unknown;

async function slice(op: Op): Promise<number> {
  let n = 0;
  const start = performance.now();
  let now = start;
  while (now - start < SLICE_MS) {
    for (let i = 0; i < 16; i++) await op();
    n += 16;
    now = performance.now();
  }
  return (n * 1000) / (now - start);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Interleaved rounds: A, B, C, A, B, C, … (the order rotates so no variant always goes first). */
async function compare(ops: Record<string, Op>): Promise<Record<string, number>> {
  const names = Object.keys(ops);
  for (const name of names) await slice(ops[name]); // warm-up (JIT, key caches)
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < ROUNDS; r++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(k + r) % names.length];
      samples[name].push(await slice(ops[name]));
    }
  }
  return Object.fromEntries(names.map((n) => [n, median(samples[n])]));
}

async function main() {
  const seed = JSON.parse(readFileSync(SEED_FILE, "utf8")) as SeedInfo;
  const appUrl = getConfig().appUrl;
  const orgId = seed.big.orgId;

  // P1: one key, imported once for every variant.
  const gen = await generateSigningKey();
  const privateKey = (await importJWK(gen.privateJwk, TOKEN_ALG)) as CryptoKey;
  const publicKey = (await importJWK(gen.publicJwk, TOKEN_ALG)) as CryptoKey;
  const rawKey = createPublicKey({ key: gen.publicJwk as import("node:crypto").JsonWebKey, format: "jwk" });
  const now = Math.floor(Date.now() / 1000);
  const claims: PlaybackClaims = {
    streams: ["bench-a", "bench-b", "bench-c"], iss: issuerFor(appUrl, orgId), aud: TOKEN_AUDIENCE, org: orgId,
    jti: "bench-jti-0001", iat: now, exp: now + 86_400, ip: "203.0.113.0/24", domain: "*.example.com",
  };
  const { token } = await signClaims(claims, gen.kid, privateKey);
  const resolved: ResolvedKey = { orgId, status: "active", publicKey };
  const revokedJtis = new Set(Array.from({ length: 100_000 }, (_, i) => `revoked-${i}`));
  const [headerB64, payloadB64, sigB64] = token.split(".");

  const p1 = await compare({
    ours: async () => {
      const v = await verifyPlaybackToken(token, { appUrl, resolveKey: async () => resolved });
      if (!v.ok) throw new Error(`ours refused: ${v.reason}`);
      const p = v.payload as PlaybackClaims & { streams: string[] };
      if (revokedJtis.has(p.jti) || !p.streams.includes("bench-b") || !ipMatches(p.ip!, "203.0.113.7") || !domainMatches(p.domain!, "https://player.example.com")) throw new Error("claim checks refused");
    },
    jose: () => jwtVerify(token, publicKey, { algorithms: [TOKEN_ALG] }),
    raw: () => {
      const ok = rawVerify("sha256", Buffer.from(`${headerB64}.${payloadB64}`), { key: rawKey, dsaEncoding: "ieee-p1363" }, Buffer.from(sigB64, "base64url"));
      if (!ok) throw new Error("raw refused");
      return JSON.parse(Buffer.from(payloadB64, "base64url").toString());
    },
  });

  // P2: our signer finds the organisation's key (cached CryptoKey) and signs; the reference
  // signs the same claims with a key imported beforehand.
  const active = await ensureActiveSigningKey(orgId);
  const header = { alg: TOKEN_ALG, typ: "playback+jwt", kid: active.kid };
  const p2 = await compare({
    ours: async () => {
      const key = await ensureActiveSigningKey(orgId);
      return signClaims(claims, key.kid, key.privateKey);
    },
    jose: () => new SignJWT({ ...claims }).setProtectedHeader(header).sign(active.privateKey),
  });

  process.stdout.write(JSON.stringify({ p1, p2, rounds: ROUNDS, sliceMs: SLICE_MS }) + "\n");
  await disconnectDb();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
