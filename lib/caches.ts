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
    crossInstance: "≤ 10 s stale after a rename, delete or \"requires a token\" switch elsewhere (this instance forgets its own at once); revocation is the registry view's (registry.rows); expired entries serve degraded checks",
    keepStale: true,
  },
  "authorize.last-known-registry": {
    holds: "each token's registry row (organisation, key, revocation, key status) as last read",
    key: "jti",
    ttlMs: null,
    max: 50_000,
    crossInstance: "only read while the database is unreachable (degraded checks); overwritten by every fresh read",
  },
  "registry.rows": {
    holds: "each token's registry row (organisation, key, revocation, key status) as read for a check",
    key: "jti",
    ttlMs: 60_000,
    max: 50_000,
    crossInstance: "revocations elsewhere arrive by the revocation feed (lib/data/registry-view.ts): a row is used only while the feed was read within 300 ms (read at most every 50 ms while checks arrive), so ≤ ~0.3 s; this instance forgets its own revokes before answering; the TTL bounds any change made outside the feed",
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
    crossInstance: "none needed: times are re-checked on every use, and revocation and key status come from the registry view (registry.rows)",
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
  "blocking-webhook.settings": {
    holds: "an organisation's blocking webhook (URL, fail-open, timeout, signing secret), or that it has none",
    key: "organisation id",
    ttlMs: 5_000,
    max: 10_000,
    crossInstance: "≤ 5 s stale after a save elsewhere; this instance forgets its own saves at once",
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

// One process can hold two copies of lib/: Next's bundle, and server.ts's own, which answers the
// edge's routes in front of Next (lib/server/hot-path.ts). A cache must be one per process, or a
// write through one door (a rename in the console forgets the name) would not reach the other
// door's copy: so each named cache lives in a process-wide table, and the copy loaded second
// takes the first one's. Both copies are built from the same source, so their loads agree.
const PROCESS_CACHES = Symbol.for("playgate.named-caches");
const processCaches = ((globalThis as Record<symbol, unknown>)[PROCESS_CACHES] ??= new Map<CacheName, unknown>()) as Map<CacheName, unknown>;

/**
 * The cache `name` of the table above, one per process (however many copies of this module are
 * loaded). With `load`, `cache.forceFetch(key)` answers from the cache or runs one load per key
 * however many callers wait (a rejected load is not kept). Deleting a key while its load runs
 * lets the waiting callers have the result but does not store it.
 */
export function namedCache<K extends Present, V extends Present, C = unknown>(name: CacheName, load?: LRUCache.Fetcher<K, V, C>): LRUCache<K, V, C> {
  const existing = processCaches.get(name);
  if (existing) return existing as LRUCache<K, V, C>;
  const cache = createCache<K, V, C>(name, load);
  processCaches.set(name, cache);
  return cache;
}

/** A new cache with the rules of `name`, shared with nobody (namedCache's own, and tests'). */
export function createCache<K extends Present, V extends Present, C = unknown>(name: CacheName, load?: LRUCache.Fetcher<K, V, C>): LRUCache<K, V, C> {
  const rule: CacheRule = CACHES[name];
  return new LRUCache<K, V, C>({
    max: rule.max,
    ...(rule.ttlMs === null ? {} : { ttl: rule.ttlMs, ttlResolution: 0, perf: wallClock }),
    ...(load ? { fetchMethod: load, ignoreFetchAbort: true } : {}),
    ...("keepStale" in rule && rule.keepStale ? { noDeleteOnStaleGet: true } : {}),
  });
}
