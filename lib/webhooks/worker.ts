// The in-process webhook worker: every ~second it claims due deliveries from the outbox (rows the
// data layer wrote in the same transaction as the change they announce), sends each once, and
// records the attempt (retry per getConfig().webhook.retryScheduleSec). It only reads the outbox:
// nothing lives only in memory, so a restart loses no pending delivery. An outcome the database
// cannot take (an outage) is kept and written as soon as it can be, while this worker still holds
// the row's lock, so an answered delivery is not sent again. The same loop runs housekeeping
// (lib/data/housekeeping.ts) every HOUSEKEEPING_EVERY_MS. One worker per process (globalThis
// guard: `next dev` re-evaluates modules on every edit).
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { getConfig } from "@/lib/config";
import { claimDueDeliveries, recordAttempt, type ClaimedDelivery } from "@/lib/data/webhook-queue";
import { signingSecretFor } from "@/lib/data/webhooks";
import { runHousekeeping } from "@/lib/data/housekeeping";
import { deliverOnce } from "./deliver";
import type { Resolver } from "./ssrf";

export const WORKER_POLL_MS = Number.parseInt(process.env.PLAYGATE_WEBHOOK_POLL_MS ?? "1000", 10);
export const HOUSEKEEPING_EVERY_MS = 60 * 60 * 1000;
/** A claim outlives the send's time limit by this much: the time left to write its outcome. */
export const OUTCOME_WRITE_MARGIN_MS = 30_000;

export interface WebhookWorker {
  id: string;
  /** One pass over the queue; resolves when every claimed delivery has been attempted and recorded. */
  tick(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

/** When the attempt just made was number `attempt`, the next one is due (or null: give up). */
export function nextAttemptAt(attempt: number, schedule: number[], now = Date.now()): Date | null {
  const delaySec = schedule[attempt - 1];
  return delaySec === undefined ? null : new Date(now + delaySec * 1000);
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

export function createWebhookWorker(options: { pollMs?: number; resolver?: Resolver; housekeeping?: boolean } = {}): WebhookWorker {
  const id = `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
  const pollMs = options.pollMs ?? WORKER_POLL_MS;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<number> | null = null;
  let housekeeping: Promise<void> | null = null;
  let lastHousekeeping = 0;
  let stopped = true;

  /**
   * Writes an attempt's outcome, retrying while the database is unreachable. Until the lock
   * expires no other worker takes the row, so writing it in that time means no second send; past
   * the lock (plus one more lock's length) it gives up and the row is retried as a crashed one.
   */
  async function keepOutcome(write: () => Promise<unknown>, delivery: ClaimedDelivery) {
    const lockEnd = delivery.lockedUntil?.getTime() ?? Date.now();
    const giveUpAt = lockEnd + (lockEnd - Date.now());
    for (let wait = 200; ; wait = Math.min(wait * 2, 2_000)) {
      try {
        await write();
        return;
      } catch (err) {
        if (Date.now() > giveUpAt) throw err;
        console.error("[webhooks] outcome not recorded yet, retrying", delivery.id, message(err));
        await sleep(wait);
      }
    }
  }

  async function attempt(delivery: ClaimedDelivery) {
    const config = getConfig().webhook;
    const outcome = await deliverOnce({
      url: delivery.url,
      messageId: delivery.messageId,
      body: delivery.payload,
      secret: await signingSecretFor(delivery.orgId),
      timeoutMs: config.timeoutMs,
      allowInsecure: config.allowInsecure,
      resolver: options.resolver,
    });
    const answeredAt = new Date();
    const retryAt = outcome.ok ? null : nextAttemptAt(delivery.attempts + 1, config.retryScheduleSec, answeredAt.getTime());
    await keepOutcome(() => recordAttempt(id, delivery, outcome, retryAt, answeredAt), delivery);
  }

  function housekeep() {
    if (options.housekeeping === false || housekeeping || Date.now() - lastHousekeeping < HOUSEKEEPING_EVERY_MS) return;
    lastHousekeeping = Date.now();
    housekeeping = runHousekeeping()
      .then(() => undefined, (err) => console.error("[housekeeping] pass failed", message(err)))
      .finally(() => (housekeeping = null));
  }

  async function tick() {
    const lockMs = getConfig().webhook.timeoutMs + OUTCOME_WRITE_MARGIN_MS;
    const claimed = await claimDueDeliveries(id, lockMs);
    await Promise.all(claimed.map((d) => attempt(d).catch((err) => console.error("[webhooks] attempt failed", d.id, message(err)))));
    return claimed.length;
  }

  function schedule() {
    if (stopped) return;
    timer = setTimeout(() => {
      housekeep();
      running = tick().catch((err) => {
        console.error("[webhooks] worker pass failed", message(err));
        return 0;
      });
      void running.finally(() => {
        running = null;
        schedule();
      });
    }, pollMs);
    timer.unref?.();
  }

  return {
    id,
    tick: () => tick(),
    start() {
      if (!stopped) return;
      stopped = false;
      schedule();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await Promise.all([running, housekeeping]);
    },
  };
}

const holder = globalThis as unknown as { __playgateWebhookWorker?: WebhookWorker };

/** Starts this process's one worker (idempotent). */
export function startWebhookWorker(): WebhookWorker {
  if (!holder.__playgateWebhookWorker) {
    holder.__playgateWebhookWorker = createWebhookWorker();
    holder.__playgateWebhookWorker.start();
  }
  return holder.__playgateWebhookWorker;
}
