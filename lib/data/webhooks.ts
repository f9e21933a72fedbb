import "server-only";
// The organisation's one webhook endpoint and its delivery log. The signing secret is derived
// from the app secret and `secretNonce` (lib/webhooks/sign.ts); only a masked form is stored.
import { db } from "@/lib/db";
import { getConfig } from "@/lib/config";
import { forgetBlockingWebhook } from "@/lib/data/blocking-webhook";
import { randomSecret } from "@/lib/crypto";
import { NotFoundError, RuleError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/data/audit";
import { inTransaction, type Tx } from "@/lib/data/transaction";
import { firstSigningSecret, webhookRow } from "@/lib/data/webhook-secret";
import { maskWebhookSecret, newMessageId, webhookSecret } from "@/lib/webhooks/sign";
import { checkWebhookUrl, type Resolver } from "@/lib/webhooks/ssrf";
import { maskWebhookUrl } from "@/lib/webhooks/masked-url";
import { can, type Role } from "@/lib/permissions";
import { TEST_EVENT, WEBHOOK_EVENT_IDS, type WebhookEventType } from "@/lib/validation/organisation";

function parseEvents(stored: string): WebhookEventType[] {
  try {
    const list: unknown = JSON.parse(stored);
    return Array.isArray(list) ? list.filter((e): e is WebhookEventType => (WEBHOOK_EVENT_IDS as string[]).includes(e)) : [];
  } catch {
    return [];
  }
}

/**
 * What the overview and the API show `viewer`: never the secret, only its masked form, and the URL
 * in full only to those who manage the webhook (its path or query may be the receiver's secret).
 */
export async function getWebhookSettings(orgId: string, viewer: Role) {
  const row = await webhookRow(db, orgId);
  const url = can(viewer, "webhook:manage") ? row.url : maskWebhookUrl(row.url);
  return { url, events: parseEvents(row.events), enabled: row.enabled, secretMasked: row.secretMasked, updatedAt: row.updatedAt };
}

export interface WebhookSettingsInput {
  url: string;
  events: WebhookEventType[];
  enabled: boolean;
}

/** Saves the settings; `secret` is the signing secret when this save put it to use (shown once), else null. */
export async function saveWebhookSettings(actor: Actor, input: WebhookSettingsInput, resolver?: Resolver): Promise<{ secret: string | null }> {
  if (input.url) {
    const check = await checkWebhookUrl(input.url, { allowInsecure: getConfig().webhook.allowInsecure, resolver, dnsFailureOk: true });
    if (!check.ok) throw new RuleError(check.reason, "unsafe_url", "url");
  }
  return inTransaction(async (tx) => {
    // The first save puts the secret to use, so deliveries are always signed, and answers it once.
    const secret = await firstSigningSecret(tx, actor.orgId);
    await tx.webhook.update({
      where: { orgId: actor.orgId },
      data: { url: input.url, events: JSON.stringify([...new Set(input.events)]), enabled: input.enabled },
    });
    await recordAudit(tx, actor, { action: "webhook.updated", target: { type: "webhook", label: input.url || "(no URL)" }, details: { enabled: input.enabled, events: input.events } });
    return { secret };
  });
}

/** A new signing secret, returned once. The old one stops verifying at once. */
export async function rotateWebhookSecret(actor: Actor): Promise<{ secret: string }> {
  const secretNonce = randomSecret("", 16);
  const secret = webhookSecret(getConfig().appSecret, secretNonce);
  await inTransaction(async (tx) => {
    await webhookRow(tx, actor.orgId);
    await tx.webhook.update({ where: { orgId: actor.orgId }, data: { secretNonce, secretMasked: maskWebhookSecret(secret) } });
    await recordAudit(tx, actor, { action: "webhook.secret_rotated", target: { type: "webhook" } });
  });
  // The blocking webhook signs with this secret too (lib/data/blocking-webhook.ts).
  forgetBlockingWebhook(actor.orgId);
  return { secret };
}

/** For the worker only: the current signing secret of an organisation's webhook. */
export async function signingSecretFor(orgId: string): Promise<string> {
  const row = await webhookRow(db, orgId);
  return webhookSecret(getConfig().appSecret, row.secretNonce);
}

function payloadFor(type: string, data: Record<string, unknown>) {
  return JSON.stringify({ type, timestamp: new Date().toISOString(), data });
}

/**
 * The outbox: queues a delivery of `type` in the caller's transaction if the organisation's
 * webhook is enabled and subscribed to it, so the event commits with the change it announces (or
 * not at all). The worker only reads these rows. Returns the delivery id, or null when not sent.
 */
export async function enqueueWebhook(tx: Tx, orgId: string, type: WebhookEventType, data: Record<string, unknown>): Promise<string | null> {
  const row = await tx.webhook.findUnique({ where: { orgId } });
  if (!row || !row.enabled || !row.url || !parseEvents(row.events).includes(type)) return null;
  const delivery = await tx.webhookDelivery.create({ data: { orgId, messageId: newMessageId(), eventType: type, payload: payloadFor(type, data), url: row.url }, select: { id: true } });
  return delivery.id;
}

export async function sendTestEvent(actor: Actor) {
  return inTransaction(async (tx) => {
    const row = await webhookRow(tx, actor.orgId);
    if (!row.url) throw new RuleError("Save an endpoint URL first.", "no_url", "url");
    const delivery = await tx.webhookDelivery.create({
      data: { orgId: actor.orgId, messageId: newMessageId(), eventType: TEST_EVENT, url: row.url, payload: payloadFor(TEST_EVENT, { message: "Test event from Playgate", organisation: actor.orgId }) },
    });
    await recordAudit(tx, actor, { action: "webhook.test_sent", target: { type: "webhookDelivery", id: delivery.id } });
    return delivery;
  });
}

/** Queues the same message (same webhook-id, so receivers can de-duplicate) for one more attempt now. */
export async function redeliver(actor: Actor, deliveryId: string) {
  await inTransaction(async (tx) => {
    const { count } = await tx.webhookDelivery.updateMany({
      where: { id: deliveryId, orgId: actor.orgId, status: { not: "pending" } },
      data: { status: "pending", nextAttemptAt: new Date(), completedAt: null, lockedUntil: null, lockedBy: null },
    });
    if (count !== 1) {
      const exists = await tx.webhookDelivery.count({ where: { id: deliveryId, orgId: actor.orgId } });
      if (!exists) throw new NotFoundError("Delivery not found");
      throw new RuleError("This delivery is already queued.", "already_pending");
    }
    await recordAudit(tx, actor, { action: "webhook.redelivered", target: { type: "webhookDelivery", id: deliveryId } });
  });
}

export async function listDeliveries(orgId: string, limit = 20) {
  const rows = await db.webhookDelivery.findMany({
    where: { orgId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    omit: { payload: true },
    include: { attemptLog: { orderBy: { attempt: "desc" }, take: 1, select: { latencyMs: true, statusCode: true, at: true } } },
  });
  return rows.map(({ attemptLog, ...row }) => ({ ...row, lastAttempt: attemptLog[0] ?? null }));
}

/** One delivery of the organisation with its payload and every attempt (status, duration, error), for the delivery log's details. */
export async function getDelivery(orgId: string, id: string) {
  const row = await db.webhookDelivery.findFirst({ where: { id, orgId }, include: { attemptLog: { orderBy: { attempt: "asc" } } } });
  if (!row) throw new NotFoundError("Delivery not found");
  const { attemptLog, ...delivery } = row;
  return { ...delivery, log: attemptLog };
}

export async function listAttempts(orgId: string, deliveryId: string) {
  return db.webhookAttempt.findMany({ where: { deliveryId, delivery: { orgId } }, orderBy: { attempt: "asc" } });
}
