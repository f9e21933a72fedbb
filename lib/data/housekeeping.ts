import "server-only";
// Keeps the tables from growing without bound: expired sessions, invitations, password reset links and rate-limit
// windows go, viewer sightings an hour old, and finished webhook deliveries (their attempts cascade) and audit events older
// than their retention (getConfig().retention) too. Run from the webhook worker's loop; one
// instance at a time: on PostgreSQL a transaction-scoped advisory lock (an instance that does not
// get it skips the pass), on SQLite the one write transaction of the process.
import { dbProvider } from "@/lib/db";
import { getConfig } from "@/lib/config";
import { inTransaction } from "@/lib/data/transaction";
import { pruneViewerSightings } from "@/lib/data/viewers";
import { pruneUsage } from "@/lib/data/usage";

/** A viewer sighting older than this counts for nothing ("viewers now" looks back 30 s). */
const SIGHTINGS_KEPT_MS = 60 * 60 * 1000;

const DAY_MS = 24 * 60 * 60 * 1000;
/** An expired link still says "expired" (not "not valid") on the invitation or reset page for this long. */
export const EXPIRED_INVITATION_KEPT_DAYS = 7;

export interface HousekeepingCounts {
  sessions: number;
  invitations: number;
  passwordResets: number;
  rateLimits: number;
  deliveries: number;
  auditEvents: number;
  viewerSightings: number;
  /** Token usage rows (with their outcome counts) and per-minute stream rows past retention.usageDays. */
  usage: number;
}

/** One pass; null when another instance holds the housekeeping lock. */
export async function runHousekeeping(now = new Date()): Promise<HousekeepingCounts | null> {
  const { deliveriesDays, auditDays, usageDays } = getConfig().retention;
  const before = (days: number) => new Date(now.getTime() - days * DAY_MS);
  return inTransaction(async (tx) => {
    if (dbProvider() === "postgresql") {
      // Any fixed number names the lock; released with the transaction, so a crash never keeps it.
      const [{ locked }] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(7267106110) AS "locked"`;
      if (!locked) return null;
    }
    const sessions = await tx.apiSession.deleteMany({ where: { expiresAt: { lte: now } } });
    const invitations = await tx.invitation.deleteMany({ where: { expiresAt: { lt: before(EXPIRED_INVITATION_KEPT_DAYS) } } });
    const passwordResets = await tx.passwordReset.deleteMany({ where: { expiresAt: { lt: before(EXPIRED_INVITATION_KEPT_DAYS) } } });
    // A window that has ended counts as empty already (lib/data/rate-limits.ts): its row is dead weight.
    const rateLimits = await tx.rateLimit.deleteMany({ where: { resetAt: { lte: now } } });
    const deliveries = await tx.webhookDelivery.deleteMany({ where: { status: { not: "pending" }, createdAt: { lt: before(deliveriesDays) } } });
    const auditEvents = await tx.auditEvent.deleteMany({ where: { createdAt: { lt: before(auditDays) } } });
    const viewerSightings = await pruneViewerSightings(tx, new Date(now.getTime() - SIGHTINGS_KEPT_MS));
    const usage = await pruneUsage(tx, before(usageDays));
    return { sessions: sessions.count, invitations: invitations.count, passwordResets: passwordResets.count, rateLimits: rateLimits.count, deliveries: deliveries.count, auditEvents: auditEvents.count, viewerSightings, usage };
  });
}

