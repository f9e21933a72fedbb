import "server-only";
// The revocation feed for offline verifiers (CDN edge workers, media servers that verify a JWT
// against the JWKS and know no revocation): an append-only list per organisation of revoked token
// jtis and signing-key kids, ordered by `seq`. Every revoke writes its rows in its own transaction
// (recordRevocations), so a revocation is in the feed exactly when it is in the registry.
import { db, dbProvider } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import type { Tx } from "@/lib/data/transaction";

export type RevocationRow = { orgId: string; kind: "token"; jti: string; exp: Date } | { orgId: string; kind: "key"; kid: string; exp: Date | null };

export type FeedItem = { seq: number; kind: "token"; jti: string; exp: number; revokedAt: Date } | { seq: number; kind: "key"; kid: string; exp: number | null; revokedAt: Date };

/**
 * A token row is left out of the feed once its token is past exp by more than this: no verifier
 * accepts it any more (verify.ts grants at most 60 s of clock tolerance). Its row stays.
 */
export const EXPIRED_KEPT_SEC = 60;

// Names the feed's writer lock on PostgreSQL (any fixed number; housekeeping uses 7267106110).
const FEED_LOCK = 7267106111;

/**
 * Appends revocations inside the revoke's transaction. On PostgreSQL a transaction-scoped advisory
 * lock is taken first, so seq values are handed out in commit order: without it, a transaction
 * holding seq 7 could commit after one holding seq 8, and a verifier that already read up to 8
 * would never see 7. SQLite has one writer at a time, which orders them already.
 */
export async function recordRevocations(tx: Tx, rows: RevocationRow[]): Promise<void> {
  if (rows.length === 0) return;
  if (dbProvider() === "postgresql") await tx.$queryRaw`SELECT 1 AS "locked" FROM pg_advisory_xact_lock(${FEED_LOCK})`;
  await tx.revocation.createMany({
    data: rows.map((r) => (r.kind === "token" ? { orgId: r.orgId, kind: r.kind, jti: r.jti, exp: r.exp } : { orgId: r.orgId, kind: r.kind, kid: r.kid, exp: r.exp })),
  });
}

/**
 * Revocations of one organisation after `since`, oldest first, at most `limit`. `next` is the seq
 * to ask from next time (the last one read, or `since` when nothing is new); `more` says another
 * page is waiting. Tokens past exp (and EXPIRED_KEPT_SEC) are left out: no verifier needs them. An unknown organisation is "not found", as its JWKS is: the JWKS
 * already tells whether an organisation exists, and a verifier configured with a mistyped id
 * should fail loudly rather than read an empty feed forever.
 */
export async function revocationFeed(orgId: string, since: number, limit: number, now = new Date()): Promise<{ items: FeedItem[]; next: number; more: boolean }> {
  const expiredBefore = new Date(now.getTime() - EXPIRED_KEPT_SEC * 1000);
  const [org, rows] = await Promise.all([
    db.organisation.findUnique({ where: { id: orgId }, select: { id: true } }),
    db.revocation.findMany({
      // Served by the (orgId, seq) index.
      where: { orgId, seq: { gt: since } },
      orderBy: { seq: "asc" },
      take: limit + 1,
      select: { seq: true, kind: true, jti: true, kid: true, exp: true, createdAt: true },
    }),
  ]);
  if (!org) throw new NotFoundError("Organisation not found");
  const page = rows.slice(0, limit);
  const seconds = (d: Date) => Math.floor(d.getTime() / 1000);
  // Expired tokens are skipped but still passed over: `next` moves beyond them, so a page may
  // be empty with `more` true, and no poll reads the same expired rows again.
  const fresh = page.filter((r) => r.kind === "key" || (r.exp !== null && r.exp > expiredBefore));
  const items = fresh.map((r): FeedItem =>
    r.kind === "key"
      ? { seq: r.seq, kind: "key", kid: r.kid ?? "", exp: r.exp ? seconds(r.exp) : null, revokedAt: r.createdAt }
      : { seq: r.seq, kind: "token", jti: r.jti ?? "", exp: seconds(r.exp ?? now), revokedAt: r.createdAt },
  );
  return { items, next: page.at(-1)?.seq ?? since, more: rows.length > limit };
}
