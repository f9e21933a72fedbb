import "server-only";
// nanoStream's organisation webhook, blocking: one URL the media-server hooks consult once per
// play or publish, after Playgate's own check allowed it and before it goes ahead (never per HTTP
// segment check). The body is nanoStream's form (call, name, app, addr, clientid, bytes_in,
// bytes_out, time, timestamp and the stream URL's query parameters but Playgate's token and key),
// signed with Standard Webhooks headers under the organisation's webhook signing secret. 2xx
// allows, 403 refuses; anything else, or no answer within the timeout, follows the fail-open
// setting (default: refuse). The URL passes the same SSRF guard as the other webhook, at save and
// at every send (lib/webhooks/deliver.ts).
import { db } from "@/lib/db";
import { getConfig } from "@/lib/config";
import { namedCache } from "@/lib/caches";
import { RuleError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/data/audit";
import { inTransaction } from "@/lib/data/transaction";
import { deliverOnce } from "@/lib/webhooks/deliver";
import { maskWebhookUrl } from "@/lib/webhooks/masked-url";
import { newMessageId, webhookSecret } from "@/lib/webhooks/sign";
import { firstSigningSecret } from "@/lib/data/webhook-secret";
import { checkWebhookUrl, type Resolver } from "@/lib/webhooks/ssrf";
import { can, type Role } from "@/lib/permissions";

export const BLOCKING_TIMEOUT_DEFAULT_MS = 2000;

interface Settings {
  url: string;
  failOpen: boolean;
  timeoutMs: number;
  secret: string;
}

const settingsCache = namedCache<string, { settings: Settings | null }>("blocking-webhook.settings", async (orgId) => {
  const row = await db.webhook.findUnique({ where: { orgId }, select: { blockingUrl: true, blockingFailOpen: true, blockingTimeoutMs: true, secretNonce: true } });
  if (!row?.blockingUrl) return { settings: null };
  return { settings: { url: row.blockingUrl, failOpen: row.blockingFailOpen, timeoutMs: row.blockingTimeoutMs, secret: webhookSecret(getConfig().appSecret, row.secretNonce) } };
});

/** What the overview and the API show `viewer`: the URL in full only with webhook:manage. */
export async function getBlockingWebhook(orgId: string, viewer: Role) {
  const row = await db.webhook.findUnique({ where: { orgId }, select: { blockingUrl: true, blockingFailOpen: true, blockingTimeoutMs: true } });
  const url = row?.blockingUrl ?? "";
  return {
    url: can(viewer, "webhook:manage") ? url : maskWebhookUrl(url),
    failOpen: row?.blockingFailOpen ?? false,
    timeoutMs: row?.blockingTimeoutMs ?? BLOCKING_TIMEOUT_DEFAULT_MS,
  };
}

export interface BlockingWebhookInput {
  url: string;
  failOpen: boolean;
  timeoutMs: number;
}

/** Saves it; `secret` is the webhook signing secret when this save put it to use (shown once), else null. */
export async function saveBlockingWebhook(actor: Actor, input: BlockingWebhookInput, resolver?: Resolver): Promise<{ secret: string | null }> {
  if (input.url) {
    const check = await checkWebhookUrl(input.url, { allowInsecure: getConfig().webhook.allowInsecure, resolver, dnsFailureOk: true });
    if (!check.ok) throw new RuleError(check.reason, "unsafe_url", "url");
  }
  const secret = await inTransaction(async (tx) => {
    // Its sends are signed from the first save, as the other webhook's are (the same secret).
    const secret = await firstSigningSecret(tx, actor.orgId);
    await tx.webhook.update({ where: { orgId: actor.orgId }, data: { blockingUrl: input.url, blockingFailOpen: input.failOpen, blockingTimeoutMs: input.timeoutMs } });
    await recordAudit(tx, actor, {
      action: "webhook.blocking_updated",
      target: { type: "webhook", label: input.url || "(off)" },
      details: { failOpen: input.failOpen, timeoutMs: input.timeoutMs },
    });
    return secret;
  });
  forgetBlockingWebhook(actor.orgId); // committed: this instance's next play or publish reads it
  return { secret };
}

/** This instance's own change (a save, a secret rotation): the next consult reads the row. */
export function forgetBlockingWebhook(orgId: string): void {
  settingsCache.delete(orgId);
}

/** A play or publish as the media server reported it; `query` is the stream URL's query. */
export interface StartEvent {
  call: "play" | "publish";
  name: string;
  app: string;
  addr: string;
  clientid: string;
  query?: URLSearchParams;
}

export type BlockingVerdict = { allowed: true } | { allowed: false; reason: "webhook_refused" | "webhook_unavailable"; message: string };

const ALLOWED: BlockingVerdict = { allowed: true };
// Playgate's own credentials in the stream URL stay with Playgate.
const WITHHELD = new Set(["token", "key"]);

/** The form nanoStream's webhook receives: its fields first, then the query's (never replacing one). */
export function blockingForm(event: StartEvent, now = Date.now()): string {
  const form = new URLSearchParams({
    call: event.call,
    name: event.name,
    app: event.app,
    addr: event.addr,
    clientid: event.clientid,
    bytes_in: "0",
    bytes_out: "0",
    time: "0",
    timestamp: String(Math.floor(now / 1000)),
  });
  const own = new Set(form.keys());
  for (const [k, v] of event.query ?? []) if (!own.has(k) && !WITHHELD.has(k)) form.append(k, v);
  return form.toString();
}

/** May this play or publish go ahead, says the organisation's blocking webhook (allowed when none is set)? */
export async function consultBlockingWebhook(orgId: string, event: StartEvent): Promise<BlockingVerdict> {
  const { settings } = (await settingsCache.forceFetch(orgId))!;
  if (!settings) return ALLOWED;
  const result = await deliverOnce({
    url: settings.url,
    messageId: newMessageId(),
    body: blockingForm(event),
    contentType: "application/x-www-form-urlencoded",
    secret: settings.secret,
    timeoutMs: settings.timeoutMs,
    allowInsecure: getConfig().webhook.allowInsecure,
  });
  if (result.ok) return ALLOWED;
  if (result.statusCode === 403) return { allowed: false, reason: "webhook_refused", message: `The organisation's webhook refused this ${event.call}.` };
  if (settings.failOpen) return ALLOWED;
  return { allowed: false, reason: "webhook_unavailable", message: `The organisation's webhook did not answer 200 or 403 (${result.error ?? `HTTP ${result.statusCode}`}); it is set to refuse then.` };
}
