// Every in-process cache of Playgate, by name, in one table: what it holds, its key, its TTL, its
// bound and how another app instance learns of a change (docs/caches.md is the same table for
// readers). Modules create their cache with namedCache(name); nothing else keeps a Map as a cache
// (tests/unit/caches.test.ts checks both directions).
import { LRUCache } from "lru-cache";

export interface CacheRule {
  holds: string;
  key: string;
  /** Milliseconds after it was stored that an entry is forgotten; null: never (only the bound evicts). */
  ttlMs: number | null;
  /** Entries at most; the least recently used goes first. */
  max: number;
  crossInstance: string;
  /** Expired entries stay readable with peek(k, { allowStale: true }) until evicted (degraded edge checks). */
  keepStale?: true;
}

export const CACHES = {
  "authorize.streams": {
    holds: "stream name → its stream group, organisation and whether playback needs a token (or that there is none)",
    key: "stream name",
    ttlMs: 10_000,
    max: 50_000,
    crossInstance: "≤ 10 s stale after a rename, delete or \"requires a token\" switch elsewhere (this instance forgets its own at once); revocation is never cached; expired entries serve degraded checks",
    keepStale: true,
  },
  "authorize.last-known-registry": {
    holds: "each token's registry row (organisation, key, revocation, key status) as last read",
    key: "jti",
    ttlMs: null,
    max: 50_000,
    crossInstance: "only read while the database is unreachable (degraded checks); overwritten by every fresh read",
  },
  "authorize.refs": {
    holds: "a token's short reference → the token text",
    key: "short reference",
    ttlMs: null,
    max: 50_000,
    crossInstance: "none needed: a reference names one token for ever; revocation is read from the registry on every use",
  },
  "authorize.verified-tokens": {
    holds: "tokens whose signature and fixed claims verified",
    key: "exact token text",
    ttlMs: null,
    max: 10_000,
    crossInstance: "none needed: times are re-checked and revocation and key status re-read from the database on every use",
  },
  "tokens.header-checks": {
    holds: "the result of checking a token's header segment (accept with its kid, or the denial)",
    key: "exact header segment text, ≤ 256 characters",
    ttlMs: null,
    max: 512,
    crossInstance: "none needed: the result depends on the text alone",
  },
  "tokens.ip-ranges": {
    holds: "a token's ip claim parsed into a node:net BlockList (or that it does not parse)",
    key: "the claim's exact text, ≤ 64 characters",
    ttlMs: null,
    max: 1_024,
    crossInstance: "none needed: the result depends on the text alone",
  },
  "tokens.private-keys": {
    holds: "imported ES256 private keys (one import per kid, however many callers wait)",
    key: "kid",
    ttlMs: null,
    max: 10_000,
    crossInstance: "none needed: a kid never changes key; a revoked key is dropped here and refused by confirmSigningKey",
  },
  "signing-keys.last-known": {
    holds: "each verifying key's organisation, status and public JWK as last read",
    key: "kid",
    ttlMs: null,
    max: 10_000,
    crossInstance: "only read while the database is unreachable (degraded checks); overwritten by every fresh read",
  },
  "tokens.public-keys": {
    holds: "imported ES256 public keys (one import per kid, however many callers wait)",
    key: "kid",
    ttlMs: null,
    max: 10_000,
    crossInstance: "none needed: a kid never changes key; its status is read from the database on every verify",
  },
  "signing-keys.active": {
    holds: "the key that signs for an organisation (kid and private key)",
    key: "organisation id",
    ttlMs: 500,
    max: 10_000,
    crossInstance: "≤ 500 ms stale after a rotation or revocation elsewhere; exact via confirmSigningKey after the token insert",
  },
  "signing-keys.first-key": {
    holds: "the creation of an organisation's first key, only while it runs (single flight)",
    key: "organisation id",
    ttlMs: null,
    max: 10_000,
    crossInstance: "none needed: across instances the oldest active key wins and a losing key is deleted",
  },
  "users.role-counts": {
    holds: "users per role of an organisation (one query serves concurrent pages)",
    key: "organisation id",
    ttlMs: 5_000,
    max: 1_000,
    crossInstance: "≤ 5 s stale after a change elsewhere; this instance forgets an organisation's counts on its own writes",
  },
  "session.cookie-keys": {
    holds: "the AES-GCM key derived from the next-auth secret for the session cookie (promise)",
    key: "salt and secret",
    ttlMs: null,
    max: 8,
    crossInstance: "none needed: the key is a pure function of the secret",
  },
} as const satisfies Record<string, CacheRule>;

export type CacheName = keyof typeof CACHES;

/** Any value but null and undefined: lru-cache keeps neither (a missing row is stored wrapped). */
type Present = NonNullable<unknown>;

// TTLs follow Date.now(), read on every check, as the hand-written caches did (tests move the
// clock with fake Date timers; lru-cache's default is performance.now() cached for 1 ms).
const wallClock = { now: () => Date.now() };

/**
 * The cache `name` of the table above. With `load`, `cache.forceFetch(key)` answers from the
 * cache or runs one load per key however many callers wait (a rejected load is not kept).
 * Deleting a key while its load runs lets the waiting callers have the result but does not store it.
 */
export function namedCache<K extends Present, V extends Present, C = unknown>(name: CacheName, load?: LRUCache.Fetcher<K, V, C>): LRUCache<K, V, C> {
  const rule: CacheRule = CACHES[name];
  return new LRUCache<K, V, C>({
    max: rule.max,
    ...(rule.ttlMs === null ? {} : { ttl: rule.ttlMs, ttlResolution: 0, perf: wallClock }),
    ...(load ? { fetchMethod: load, ignoreFetchAbort: true } : {}),
    ...("keepStale" in rule && rule.keepStale ? { noDeleteOnStaleGet: true } : {}),
  });
}
