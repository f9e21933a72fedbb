import "server-only";
// The organisation's webhook signing secret, shared by its notifications (lib/data/webhooks.ts)
// and its blocking webhook (lib/data/blocking-webhook.ts). It is derived from the app secret and
// the row's nonce (lib/webhooks/sign.ts); `secretMasked` is empty until a first save puts it to
// use, and that save is the one answer that shows it (issue 19: shown once, like the master key).
import { getConfig } from "@/lib/config";
import { randomSecret } from "@/lib/crypto";
import type { Tx } from "@/lib/data/transaction";
import { maskWebhookSecret, webhookSecret } from "@/lib/webhooks/sign";

/** The organisation's webhook row, created on first use (organisations made before webhooks existed have none). */
export function webhookRow(client: Tx, orgId: string) {
  return client.webhook.upsert({ where: { orgId }, update: {}, create: { orgId, secretNonce: randomSecret("", 16), secretMasked: "" } });
}

/**
 * Puts the signing secret to use if nothing was signed with it yet, inside the caller's
 * transaction: the secret when this call did (to be shown once), null when it was in use already.
 */
export async function firstSigningSecret(tx: Tx, orgId: string): Promise<string | null> {
  const row = await webhookRow(tx, orgId);
  if (row.secretMasked) return null;
  const secret = webhookSecret(getConfig().appSecret, row.secretNonce);
  // Only one of two concurrent first saves marks it; both answer the same secret (one nonce).
  await tx.webhook.updateMany({ where: { orgId, secretMasked: "" }, data: { secretMasked: maskWebhookSecret(secret) } });
  return secret;
}
