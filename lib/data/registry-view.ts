import "server-only";
// This instance's view of the token registry, so a check of a token it has seen costs no query
// (issue 18). Each token's registry row (organisation, key, revocation, key status) is kept once
// read, and kept current by the revocation feed (lib/data/revocations.ts): an installation-wide
// sequence that every revoke appends to in its own transaction, in commit order. The feed is read
// at most every FEED_POLL_MS, only while checks arrive; a revocation it brings forgets the rows it
// names. A kept row is used only while the feed was read within FEED_FRESH_MS, so another
// instance's revoke is refused here at most about FEED_FRESH_MS after it was answered; a revoke on
// this instance forgets its rows before it answers (forgetRevoked), so the very next check reads them.
// Without a fresh feed (idle, or the database down) every check reads its row, as before.
import { db } from "@/lib/db";
import { namedCache } from "@/lib/caches";
import { noteFeedRead } from "@/lib/data/edge-outage";

export type RegistryRow = { orgId: string; kid: string; revokedAt: unknown; revokedReason: string | null; keyStatus: string | null };

/** A kept row is trusted while the feed's last completed read started at most this long ago. */
export const FEED_FRESH_MS = 300;
/** A check starts a feed read when the last one started at least this long ago. */
export const FEED_POLL_MS = 50;
const FEED_PAGE = 1_000;

const rows = namedCache<string, { row: RegistryRow | null }>("registry.rows");

interface FeedState {
  /** The last feed seq applied; null until the first read. */
  seq: number | null;
  /** When the last completed read (all pages) started; a row is trusted while this is recent. */
  readStartedAt: number;
  /** When the running (or last) read started. */
  lastStartedAt: number;
  running: Promise<void> | null;
  /** Bumped by every forgetting: a row read across a bump is used but not kept. */
  generation: number;
}
// Process-wide, like the caches (lib/caches.ts): Next's copy of this module and server.ts's agree.
const feed = ((globalThis as Record<symbol, unknown>)[Symbol.for("playgate.registry-feed")] ??= {
  seq: null,
  readStartedAt: 0,
  lastStartedAt: 0,
  running: null,
  generation: 0,
} satisfies FeedState) as FeedState;

async function readFeed(): Promise<void> {
  const startedAt = Date.now();
  feed.lastStartedAt = startedAt;
  if (feed.seq === null) {
    // Rows are kept only from now on, so nothing before this seq can be stale in the view.
    const last = await db.revocation.findFirst({ orderBy: { seq: "desc" }, select: { seq: true } });
    feed.seq = last?.seq ?? 0;
    feed.readStartedAt = startedAt;
    return;
  }
  for (;;) {
    const since: number = feed.seq;
    const page: { seq: number; kind: string; jti: string | null; kid: string | null }[] = await db.revocation.findMany({ where: { seq: { gt: since } }, orderBy: { seq: "asc" }, take: FEED_PAGE, select: { seq: true, kind: true, jti: true, kid: true } });
    if (page.length) {
      forget(page.flatMap((r) => (r.kind === "token" && r.jti ? [r.jti] : [])), page.flatMap((r) => (r.kind === "key" && r.kid ? [r.kid] : [])));
      feed.seq = page[page.length - 1].seq;
    }
    if (page.length < FEED_PAGE) break;
  }
  feed.readStartedAt = startedAt;
}

function forget(jtis: string[], kids: string[]): void {
  if (!jtis.length && !kids.length) return;
  feed.generation++;
  for (const jti of jtis) rows.delete(jti);
  if (kids.length) {
    const gone = new Set(kids);
    const signed = [...rows.entries()].filter(([, kept]) => kept.row && gone.has(kept.row.kid)).map(([jti]) => jti);
    for (const jti of signed) rows.delete(jti);
  }
}

/** Starts a feed read when one is due; never waits for it, never throws. */
function pollIfDue(now: number): void {
  if (feed.running || now - feed.lastStartedAt < FEED_POLL_MS) return;
  feed.running = readFeed()
    .then(() => noteFeedRead(true))
    .catch((error: unknown) => noteFeedRead(false, error)) // the view goes stale: checks read their rows (and degrade); checks read their rows until a read succeeds
    .finally(() => (feed.running = null));
}

async function readRow(jti: string): Promise<RegistryRow | null> {
  // The registry row and its signing key's current status in one statement (SQLite and PostgreSQL).
  const found = await db.$queryRaw<RegistryRow[]>`SELECT t."orgId", t."kid", t."revokedAt", t."revokedReason", k."status" AS "keyStatus"
    FROM "PlaybackToken" t LEFT JOIN "SigningKey" k ON k."kid" = t."kid" WHERE t."jti" = ${jti}`;
  return found[0] ?? null;
}

/**
 * The registry row of `jti` (null: not in the registry), from the view while the feed is fresh,
 * else from the database. Throws when the database does not answer (the caller degrades).
 */
export async function registryRowOf(jti: string): Promise<RegistryRow | null> {
  const now = Date.now();
  pollIfDue(now);
  if (feed.seq !== null && now - feed.readStartedAt <= FEED_FRESH_MS) {
    const kept = rows.get(jti);
    if (kept) return kept.row;
  }
  const keep = feed.seq !== null;
  const generation = feed.generation;
  const row = await readRow(jti);
  if (keep && generation === feed.generation) rows.set(jti, { row });
  return row;
}

/** This instance revoked these tokens or keys (committed): the next check reads their rows. */
export function forgetRevoked({ jtis = [], kids = [] }: { jtis?: string[]; kids?: string[] }): void {
  forget(jtis, kids);
}

/** For tests: the feed state and how many rows the view keeps. */
export function registryViewForTests() {
  return { seq: feed.seq, readStartedAt: feed.readStartedAt, kept: rows.size };
}
