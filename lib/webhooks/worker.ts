// The in-process webhook worker: every ~second it claims due deliveries from the database queue,
// sends each once, and records the attempt (retry per getConfig().webhook.retryScheduleSec).
// Nothing lives only in memory, so a restart loses no pending delivery. One worker per process
// (globalThis guard: `next dev` re-evaluates modules on every edit).
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { getConfig } from "@/lib/config";
import { claimDueDeliveries, recordAttempt, type ClaimedDelivery } from "@/lib/data/webhook-queue";
import { signingSecretFor } from "@/lib/data/webhooks";
import { deliverOnce } from "./deliver";
// Loading the event module registers the token-event listener in this process.
import "./events";
import type { Resolver } from "./ssrf";

export const WORKER_POLL_MS = Number.parseInt(process.env.PLAYGATE_WEBHOOK_POLL_MS ?? "1000", 10);

export interface WebhookWorker {
  id: string;
  /** One pass over the queue; resolves when every claimed delivery has been attempted. */
  tick(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

/** When the attempt just made was number `attempt`, the next one is due (or null: give up). */
export function nextAttemptAt(attempt: number, schedule: number[], now = Date.now()): Date | null {
  const delaySec = schedule[attempt - 1];
  return delaySec === undefined ? null : new Date(now + delaySec * 1000);
}

export function createWebhookWorker(options: { pollMs?: number; resolver?: Resolver } = {}): WebhookWorker {
  const id = `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
  const pollMs = options.pollMs ?? WORKER_POLL_MS;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<number> | null = null;
  let stopped = true;

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
    const retryAt = outcome.ok ? null : nextAttemptAt(delivery.attempts + 1, config.retryScheduleSec);
    await recordAttempt(id, delivery, outcome, retryAt);
  }

  async function tick() {
    const lockMs = getConfig().webhook.timeoutMs + 30_000;
    const claimed = await claimDueDeliveries(id, lockMs);
    await Promise.all(claimed.map((d) => attempt(d).catch((err) => console.error("[webhooks] attempt failed", d.id, err instanceof Error ? err.message : err))));
    return claimed.length;
  }

  function schedule() {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick().catch((err) => {
        console.error("[webhooks] worker pass failed", err instanceof Error ? err.message : err);
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
      await running;
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
