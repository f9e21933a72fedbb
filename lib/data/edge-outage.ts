import "server-only";
// When this instance first failed to reach the database for the edge's checks; null while it
// reaches it. Both the checks (lib/data/playback-check.ts) and the registry view's feed reads
// (lib/data/registry-view.ts) note a failure, so an outage is seen at the first failed feed read
// even while checks are still answered from the view. Process-wide, like the caches
// (lib/caches.ts): Next's copy of this module and server.ts's agree.
const outage = ((globalThis as Record<symbol, unknown>)[Symbol.for("playgate.edge-outage")] ??= { since: null, feedFailing: false }) as {
  since: number | null;
  /** The registry view's last feed read failed. */
  feedFailing: boolean;
};

/** Notes a failure to reach the database; returns when the outage began. Logs its start once. */
export function noteEdgeOutage(error: unknown, now = Date.now()): number {
  if (outage.since === null) {
    outage.since = now;
    console.error(`[playgate] edge checks are degraded: ${error instanceof Error ? error.message : String(error)}`);
  }
  return outage.since;
}

/** The feed read failed (true) or succeeded (false); a success also ends an outage. */
export function noteFeedRead(ok: boolean, error?: unknown): void {
  outage.feedFailing = !ok;
  if (ok) outage.since = null;
  else noteEdgeOutage(error);
}

/** A check read the database: the outage is over, unless the feed's last read failed since. */
export function noteDatabaseAnswered(): void {
  if (!outage.feedFailing) outage.since = null;
}

/** For tests: forget an outage this process saw. */
export function resetEdgeOutage(): void {
  outage.since = null;
  outage.feedFailing = false;
}
