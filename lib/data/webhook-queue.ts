import "server-only";
// The durable delivery queue (the outbox the data layer writes in each change's transaction) that
// the webhook worker drains. Several app instances may share one database: a row is claimed by one
// conditional update — still pending, due, and unlocked or its lock expired — and the claim counts
// only when exactly that one row changed, so no two workers send the same row, and none sends it
// before its due time (a row another worker just answered and rescheduled fails the "due" test).
import { db } from "@/lib/db";
import { inTransaction } from "@/lib/data/transaction";

export interface ClaimedDelivery {
  id: string;
  orgId: string;
  messageId: string;
  eventType: string;
  payload: string;
  url: string;
  attempts: number;
  lockedUntil: Date | null;
}

/** Candidates that are due and not locked by a live worker. */
async function dueIds(now: Date, limit: number) {
  const rows = await db.webhookDelivery.findMany({
    where: { status: "pending", nextAttemptAt: { lte: now }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
    orderBy: { nextAttemptAt: "asc" },
    take: limit,
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

export async function claimDueDeliveries(workerId: string, lockMs: number, limit = 10): Promise<ClaimedDelivery[]> {
  const claimed: ClaimedDelivery[] = [];
  for (const id of await dueIds(new Date(), limit)) {
    const now = new Date();
    const { count } = await db.webhookDelivery.updateMany({
      where: { id, status: "pending", nextAttemptAt: { lte: now }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
      data: { lockedUntil: new Date(now.getTime() + lockMs), lockedBy: workerId },
    });
    if (count !== 1) continue;
    const row = await db.webhookDelivery.findUnique({ where: { id } });
    if (row && row.lockedBy === workerId) claimed.push(row);
  }
  return claimed;
}

export interface AttemptOutcome {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  latencyMs: number;
}

/**
 * Records one attempt (answered at `at`) and decides what happens next: succeeded, retry at
 * `retryAt`, or failed for good (retryAt null). Only the worker holding the lock may write the
 * outcome; a lock taken over by another worker meanwhile leaves the delivery as that one has it.
 */
export async function recordAttempt(workerId: string, delivery: ClaimedDelivery, outcome: AttemptOutcome, retryAt: Date | null, at = new Date()) {
  const attempt = delivery.attempts + 1;
  const status = outcome.ok ? "succeeded" : retryAt ? "pending" : "failed";
  await inTransaction(async (tx) => {
    const { count } = await tx.webhookDelivery.updateMany({
      where: { id: delivery.id, lockedBy: workerId },
      data: {
        attempts: attempt,
        status,
        lastStatusCode: outcome.statusCode,
        lastError: outcome.error,
        nextAttemptAt: retryAt ?? at,
        completedAt: status === "pending" ? null : at,
        lockedUntil: null,
        lockedBy: null,
      },
    });
    // Written again after a failure that had in fact committed (the worker retries an outcome it
    // could not confirm), the attempt is logged once: the lock is gone and the row is there.
    if (count === 0 && (await tx.webhookAttempt.count({ where: { deliveryId: delivery.id, attempt } }))) return;
    await tx.webhookAttempt.create({ data: { deliveryId: delivery.id, attempt, statusCode: outcome.statusCode, error: outcome.error, latencyMs: outcome.latencyMs, at } });
  });
  return { attempt, status };
}
