// Standard Webhooks signing (https://www.standardwebhooks.com): the secret is "whsec_" + base64
// of the key bytes; the signature is "v1," + base64(HMAC-SHA256(key, "{id}.{timestamp}.{body}")).
// The key is derived from the app secret and the webhook's stored nonce, so the database holds
// nothing usable.
import { createHmac, randomBytes } from "node:crypto";
import { deriveSecret, SECRET_PREFIX } from "@/lib/crypto";

export function webhookSecret(appSecret: string, nonce: string): string {
  return SECRET_PREFIX.webhookSecret + deriveSecret(appSecret, "webhook", nonce).toString("base64");
}

/** "whsec_AbCd…wXyZ": recognisable, useless. */
export function maskWebhookSecret(secret: string): string {
  const body = secret.slice(SECRET_PREFIX.webhookSecret.length);
  return `${SECRET_PREFIX.webhookSecret}${body.slice(0, 4)}…${body.slice(-4)}`;
}

export function newMessageId(): string {
  return `msg_${randomBytes(16).toString("base64url")}`;
}

export function sign(secret: string, messageId: string, timestampSec: number, body: string): string {
  const key = Buffer.from(secret.startsWith(SECRET_PREFIX.webhookSecret) ? secret.slice(SECRET_PREFIX.webhookSecret.length) : secret, "base64");
  return "v1," + createHmac("sha256", key).update(`${messageId}.${timestampSec}.${body}`).digest("base64");
}

export function signedHeaders(secret: string, messageId: string, body: string, now = Date.now()): Record<string, string> {
  const timestamp = Math.floor(now / 1000);
  return {
    "webhook-id": messageId,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": sign(secret, messageId, timestamp, body),
  };
}
