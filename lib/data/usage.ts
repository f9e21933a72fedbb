import "server-only";
// Usage of tokens and streams (issue 21): every online check — the forward-auth check, authorize and
// every media-server hook — is counted without a database write per check. Counts gather in this
// process's memory and are flushed every PLAYGATE_USAGE_FLUSH_SECONDS (default 5) in one
// transaction of additive upserts (count = count + this batch), so totals from any number of
// instances add up exactly on one database. A batch leaves memory only when its transaction
// committed, and a failed flush puts it back for the next one, so nothing is counted twice; a crash
// (SIGKILL) loses at most the checks since the last flush; a clean stop (SIGTERM) flushes first.
//
// Counted per token (by jti, only when its signature verified, so a forged token cannot add to a
// real one's counts): first and last seen, checks by outcome ("allowed" or the refusal reason), and
// the client addresses and origins it was checked from, exact up to SIGHTINGS_KEPT each. Per stream
// and minute: checks allowed and refused.
import { LRUCache } from "lru-cache";
import { db, joinSql, sql } from "@/lib/db";
import { inTransaction, type Tx } from "@/lib/data/transaction";
import { getConfig } from "@/lib/config";
import { evaluateMisuse } from "@/lib/data/misuse";
import { VIEWER_WINDOW_MS } from "@/lib/data/viewers";

/** Distinct addresses (and origins) stored per token; beyond, further ones are counted, not stored. */
export const SIGHTINGS_KEPT = 100;

export interface CheckUsage {
  orgId: string;
  /** Present only when the token's signature verified. */
  jti?: string;
  streamId?: string;
  /** "allowed", or why the check was refused. */
  outcome: string;
  ip?: string;
  origin?: string;
  at?: number;
}

type TokenDelta = { orgId: string; first: number; last: number; outcomes: Map<string, number>; sightings: Map<string, { kind: "ip" | "origin"; value: string; first: number; last: number; checks: number }> };
type StreamDelta = { orgId: string; streamId: string; minute: number; allowed: number; refused: number };
type Batch = { tokens: Map<string, TokenDelta>; streams: Map<string, StreamDelta> };

const emptyBatch = (): Batch => ({ tokens: new Map(), streams: new Map() });

// One pending batch per process, shared by both copies of lib/ in it (docs/decisions.md: server.ts's
// bundle and Next's), like the named caches.
// `stored` remembers which sightings this process knows to be in the database, and how many of each
// kind a token has, so a steady flush writes without reading them first (a miss reads them).
type State = { pending: Batch; timer: NodeJS.Timeout | null; flushing: Promise<void> | null; stored: LRUCache<string, true>; kept: LRUCache<string, number> };
const KEY = Symbol.for("playgate.usage");
const state: State =
  ((globalThis as Record<symbol, unknown>)[KEY] as State | undefined) ??
  ((globalThis as Record<symbol, unknown>)[KEY] = { pending: emptyBatch(), timer: null, flushing: null, stored: new LRUCache({ max: 200_000 }), kept: new LRUCache({ max: 100_000 }) } as State);

const MINUTE_MS = 60_000;
/** Sighting values longer than this are cut (an origin is a scheme, host and port). */
const VALUE_MAX = 200;

/** Counts one check. Costs a few map updates; never throws, never waits. */
export function countCheck(usage: CheckUsage): void {
  if (!getConfig().usage.enabled) return; // PLAYGATE_USAGE_COUNTING=off: nothing counted, nothing stored
  const at = usage.at ?? Date.now();
  const batch = state.pending;
  if (usage.jti) {
    let token = batch.tokens.get(usage.jti);
    if (!token) batch.tokens.set(usage.jti, (token = { orgId: usage.orgId, first: at, last: at, outcomes: new Map(), sightings: new Map() }));
    token.first = Math.min(token.first, at);
    token.last = Math.max(token.last, at);
    token.outcomes.set(usage.outcome, (token.outcomes.get(usage.outcome) ?? 0) + 1);
    for (const [kind, raw] of [["ip", usage.ip], ["origin", usage.origin]] as const) {
      if (!raw) continue;
      const value = raw.slice(0, VALUE_MAX);
      const key = `${kind}\n${value}`;
      const seen = token.sightings.get(key);
      if (seen) {
        seen.last = Math.max(seen.last, at);
        seen.checks++;
      } else if (token.sightings.size < SIGHTINGS_KEPT * 2) token.sightings.set(key, { kind, value, first: at, last: at, checks: 1 });
    }
  }
  if (usage.streamId) {
    const minute = Math.floor(at / MINUTE_MS) * MINUTE_MS;
    const key = `${usage.streamId}\n${minute}`;
    let stream = batch.streams.get(key);
    if (!stream) batch.streams.set(key, (stream = { orgId: usage.orgId, streamId: usage.streamId, minute, allowed: 0, refused: 0 }));
    if (usage.outcome === "allowed") stream.allowed++;
    else stream.refused++;
  }
  startTimer();
}

function startTimer(): void {
  if (state.timer) return;
  state.timer = setInterval(() => void flushUsage(), getConfig().usage.flushSeconds * 1000);
  state.timer.unref();
}

/** Puts a batch that could not be written back in front of what arrived since. */
function restore(batch: Batch): void {
  const now = state.pending;
  for (const [jti, delta] of batch.tokens) {
    const later = now.tokens.get(jti);
    if (!later) {
      now.tokens.set(jti, delta);
      continue;
    }
    later.first = Math.min(later.first, delta.first);
    later.last = Math.max(later.last, delta.last);
    for (const [outcome, n] of delta.outcomes) later.outcomes.set(outcome, (later.outcomes.get(outcome) ?? 0) + n);
    for (const [key, seen] of delta.sightings) {
      const other = later.sightings.get(key);
      if (!other) later.sightings.set(key, seen);
      else Object.assign(other, { first: Math.min(other.first, seen.first), last: Math.max(other.last, seen.last), checks: other.checks + seen.checks });
    }
  }
  for (const [key, delta] of batch.streams) {
    const later = now.streams.get(key);
    if (!later) now.streams.set(key, delta);
    else Object.assign(later, { allowed: later.allowed + delta.allowed, refused: later.refused + delta.refused });
  }
}

const CHUNK = 200;
const chunks = <T,>(rows: T[]) => Array.from({ length: Math.ceil(rows.length / CHUNK) }, (_, i) => rows.slice(i * CHUNK, (i + 1) * CHUNK));

/**
 * Writes what was counted since the last flush, in one transaction; resolves when it is written (or
 * put back after a failure). Flushes never overlap: a call during one waits for it.
 */
export async function flushUsage(): Promise<void> {
  while (state.flushing) await state.flushing;
  const batch = state.pending;
  if (batch.tokens.size === 0 && batch.streams.size === 0) return;
  state.pending = emptyBatch();
  state.flushing = writeBatch(batch)
    .then(
      // What was written may raise misuse signals (lib/data/misuse.ts); a failure there loses no count.
      (candidates) => evaluateMisuse(candidates).then(() => undefined, (error: unknown) => console.error("[usage] could not judge misuse signals:", error instanceof Error ? error.message : error)),
      (error: unknown) => {
        restore(batch);
        console.error("[usage] could not write usage counts; kept for the next flush:", error instanceof Error ? error.message : error);
      },
    )
    .finally(() => {
      state.flushing = null;
    });
  await state.flushing;
}

/** Outcomes that can raise a misuse signal by themselves (lib/data/misuse.ts). */
const SIGNAL_OUTCOMES = new Set(["expired", "revoked", "key_revoked", "domain_not_allowed", "domain_required"]);

/** Lets the checks waiting on the event loop through between two statements (better-sqlite3 is synchronous). */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Writes one batch in one transaction. Returns the tokens worth judging for misuse: those checked
 * from a new address, from two or more addresses in this batch, or refused in a way that is a signal.
 */
async function writeBatch(batch: Batch): Promise<string[]> {
  const tokens = [...batch.tokens.entries()];
  const outcomes = tokens.flatMap(([jti, t]) => [...t.outcomes].map(([outcome, n]) => ({ jti, outcome, n })));
  const sightings = tokens.flatMap(([jti, t]) => [...t.sightings.values()].map((s) => ({ jti, ...s })));
  const streams = [...batch.streams.values()];
  const when = (ms: number) => new Date(ms);
  const candidates = new Set<string>();
  for (const [jti, t] of tokens) {
    if ([...t.outcomes.keys()].some((o) => SIGNAL_OUTCOMES.has(o))) candidates.add(jti);
    if ([...t.sightings.values()].filter((v) => v.kind === "ip").length >= 2) candidates.add(jti);
  }
  const added: string[] = [];
  // ON CONFLICT … DO UPDATE reads the same on SQLite and PostgreSQL.
  await inTransaction(async (tx) => {
    for (const part of chunks(tokens)) {
      const rows = part.map(([jti, t]) => sql`(${jti}, ${t.orgId}, ${when(t.first)}, ${when(t.last)})`);
      await tx.$executeRaw`INSERT INTO "TokenUsage" ("jti", "orgId", "firstSeenAt", "lastSeenAt") VALUES ${joinSql(rows)}
        ON CONFLICT ("jti") DO UPDATE SET "firstSeenAt" = CASE WHEN EXCLUDED."firstSeenAt" < "TokenUsage"."firstSeenAt" THEN EXCLUDED."firstSeenAt" ELSE "TokenUsage"."firstSeenAt" END,
        "lastSeenAt" = CASE WHEN EXCLUDED."lastSeenAt" > "TokenUsage"."lastSeenAt" THEN EXCLUDED."lastSeenAt" ELSE "TokenUsage"."lastSeenAt" END`;
      await breathe();
    }
    for (const part of chunks(outcomes)) {
      const rows = part.map((o) => sql`(${o.jti}, ${o.outcome}, ${o.n})`);
      await tx.$executeRaw`INSERT INTO "TokenUsageOutcome" ("jti", "outcome", "count") VALUES ${joinSql(rows)}
        ON CONFLICT ("jti", "outcome") DO UPDATE SET "count" = "TokenUsageOutcome"."count" + EXCLUDED."count"`;
      await breathe();
    }
    if (sightings.length) {
      // Known values are updated; new ones are stored while the token has fewer than SIGHTINGS_KEPT
      // of that kind, and counted in TokenUsage beyond it. What this process does not know yet it reads.
      const keyOf = (s: { jti: string; kind: string; value: string }) => `${s.jti}\n${s.kind}\n${s.value}`;
      const unknown = [...new Set(sightings.filter((s) => !state.stored.has(keyOf(s))).map((s) => s.jti))];
      for (const part of chunks(unknown)) {
        const rows = await tx.tokenSighting.findMany({ where: { jti: { in: part } }, select: { jti: true, kind: true, value: true } });
        const counts = new Map<string, number>();
        for (const row of rows) {
          state.stored.set(keyOf(row), true);
          counts.set(`${row.jti}\n${row.kind}`, (counts.get(`${row.jti}\n${row.kind}`) ?? 0) + 1);
        }
        for (const jti of part) for (const kind of ["ip", "origin"]) state.kept.set(`${jti}\n${kind}`, counts.get(`${jti}\n${kind}`) ?? 0);
      }
      const write: typeof sightings = [];
      const overflow = new Map<string, { ip: number; origin: number }>();
      for (const s of sightings) {
        if (state.stored.has(keyOf(s))) {
          write.push(s);
          continue;
        }
        const kindKey = `${s.jti}\n${s.kind}`;
        const count = state.kept.get(kindKey) ?? 0;
        if (count < SIGHTINGS_KEPT) {
          state.kept.set(kindKey, count + 1);
          write.push(s);
          added.push(keyOf(s));
          if (s.kind === "ip") candidates.add(s.jti);
        } else {
          const o = overflow.get(s.jti) ?? { ip: 0, origin: 0 };
          o[s.kind]++;
          overflow.set(s.jti, o);
        }
      }
      for (const part of chunks(write)) {
        const rows = part.map((s) => sql`(${s.jti}, ${s.kind}, ${s.value}, ${when(s.first)}, ${when(s.last)}, ${s.checks})`);
        await tx.$executeRaw`INSERT INTO "TokenSighting" ("jti", "kind", "value", "firstSeenAt", "lastSeenAt", "checks") VALUES ${joinSql(rows)}
          ON CONFLICT ("jti", "kind", "value") DO UPDATE SET "checks" = "TokenSighting"."checks" + EXCLUDED."checks",
          "lastSeenAt" = CASE WHEN EXCLUDED."lastSeenAt" > "TokenSighting"."lastSeenAt" THEN EXCLUDED."lastSeenAt" ELSE "TokenSighting"."lastSeenAt" END`;
        await breathe();
      }
      for (const [jti, o] of overflow) {
        await tx.tokenUsage.update({ where: { jti }, data: { ipsNotStored: { increment: o.ip }, originsNotStored: { increment: o.origin } } });
      }
    }
    for (const part of chunks(streams)) {
      const rows = part.map((s) => sql`(${s.streamId}, ${when(s.minute)}, ${s.orgId}, ${s.allowed}, ${s.refused})`);
      await tx.$executeRaw`INSERT INTO "StreamUsageMinute" ("streamId", "minute", "orgId", "allowed", "refused") VALUES ${joinSql(rows)}
        ON CONFLICT ("streamId", "minute") DO UPDATE SET "allowed" = "StreamUsageMinute"."allowed" + EXCLUDED."allowed", "refused" = "StreamUsageMinute"."refused" + EXCLUDED."refused"`;
    }
  }, { maxWait: 10_000, timeout: 30_000 }).catch((error: unknown) => {
    // Rolled back: what this flush counted as stored is not.
    for (const key of added) state.stored.delete(key);
    state.kept.clear();
    throw error;
  });
  for (const key of added) state.stored.set(key, true);
  return [...candidates];
}

export interface TokenUsageView {
  firstSeenAt: Date;
  lastSeenAt: Date;
  allowed: number;
  refused: number;
  /** Refusals by reason, most first. */
  refusedBy: Array<{ reason: string; count: number }>;
  /** Addresses and origins, most recently seen first (exact up to SIGHTINGS_KEPT each). */
  ips: Array<{ value: string; firstSeenAt: Date; lastSeenAt: Date; checks: number }>;
  origins: Array<{ value: string; firstSeenAt: Date; lastSeenAt: Date; checks: number }>;
  /** Sightings of further addresses or origins beyond the stored ones (not distinct). */
  ipsNotStored: number;
  originsNotStored: number;
  /** Distinct addresses it was checked from in the last 30 s ("viewers now" of the HTTP check), as of the last flush. */
  viewersNow: number;
}

/** What was counted for a token of this organisation (as of the last flush); null when never checked. */
export async function tokenUsage(orgId: string, jti: string, now = Date.now()): Promise<TokenUsageView | null> {
  const [usage, outcomes, sightings] = await Promise.all([
    db.tokenUsage.findFirst({ where: { jti, orgId } }),
    db.tokenUsageOutcome.findMany({ where: { jti } }),
    db.tokenSighting.findMany({ where: { jti }, orderBy: [{ lastSeenAt: "desc" }, { value: "asc" }] }),
  ]);
  if (!usage) return null;
  const refusedBy = outcomes.filter((o) => o.outcome !== "allowed").map((o) => ({ reason: o.outcome, count: o.count })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
  const pick = (kind: string) => sightings.filter((s) => s.kind === kind).map(({ value, firstSeenAt, lastSeenAt, checks }) => ({ value, firstSeenAt, lastSeenAt, checks }));
  return {
    firstSeenAt: usage.firstSeenAt,
    lastSeenAt: usage.lastSeenAt,
    allowed: outcomes.find((o) => o.outcome === "allowed")?.count ?? 0,
    refused: refusedBy.reduce((sum, o) => sum + o.count, 0),
    refusedBy,
    ips: pick("ip"),
    origins: pick("origin"),
    ipsNotStored: usage.ipsNotStored,
    originsNotStored: usage.originsNotStored,
    viewersNow: sightings.filter((s) => s.kind === "ip" && s.lastSeenAt.getTime() >= now - VIEWER_WINDOW_MS).length,
  };
}

export interface UsageMinute {
  /** The minute's start, UTC. */
  minute: Date;
  allowed: number;
  refused: number;
}

/**
 * Checks per minute over the last hour (60 minutes, the current one last, empty ones as 0), of one
 * stream of the organisation or of all its streams. As of the last flush.
 */
export async function usageLastHour(orgId: string, streamId?: string, now = Date.now()): Promise<UsageMinute[]> {
  const last = Math.floor(now / MINUTE_MS) * MINUTE_MS;
  const first = last - 59 * MINUTE_MS;
  const rows = await db.streamUsageMinute.groupBy({
    by: ["minute"],
    where: { orgId, ...(streamId ? { streamId } : {}), minute: { gte: new Date(first) } },
    _sum: { allowed: true, refused: true },
  });
  const byMinute = new Map(rows.map((r) => [r.minute.getTime(), r._sum]));
  return Array.from({ length: 60 }, (_, i) => {
    const minute = first + i * MINUTE_MS;
    const sum = byMinute.get(minute);
    return { minute: new Date(minute), allowed: sum?.allowed ?? 0, refused: sum?.refused ?? 0 };
  });
}

/**
 * For housekeeping: tokens not checked since `before` lose their usage rows (outcomes, sightings),
 * and per-minute stream rows older than it go. Returns how many usage and minute rows were removed.
 */
export async function pruneUsage(tx: Tx, before: Date): Promise<number> {
  await tx.$executeRaw`DELETE FROM "TokenUsageOutcome" WHERE "jti" IN (SELECT "jti" FROM "TokenUsage" WHERE "lastSeenAt" < ${before})`;
  await tx.$executeRaw`DELETE FROM "TokenSighting" WHERE "lastSeenAt" < ${before}`;
  const tokens = await tx.tokenUsage.deleteMany({ where: { lastSeenAt: { lt: before } } });
  await tx.tokenFlag.deleteMany({ where: { updatedAt: { lt: before } } });
  const minutes = await tx.streamUsageMinute.deleteMany({ where: { minute: { lt: before } } });
  return tokens.count + minutes.count;
}

/** For tests: drop what this process counted and has not flushed. */
export function resetUsageForTests(): void {
  state.pending = emptyBatch();
  state.stored.clear();
  state.kept.clear();
}
