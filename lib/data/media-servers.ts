import "server-only";
// What an organisation's media servers share with Playgate beyond tokens and ingest keys: the
// OvenMediaEngine AdmissionWebhooks secret (HMAC-SHA1 of every request body, X-OME-Signature).
// OME signs with the secret itself, so it cannot be stored as a hash: it is derived from the
// app secret and a stored nonce (as the webhook signing secret), shown once, and rotatable.
import { db } from "@/lib/db";
import { getConfig } from "@/lib/config";
import { deriveSecret, randomSecret, SECRET_PREFIX } from "@/lib/crypto";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/data/audit";
import { inTransaction } from "@/lib/data/transaction";

function omeSecret(nonce: string): string {
  return SECRET_PREFIX.omeSecret + deriveSecret(getConfig().appSecret, "ome-admission", nonce).toString("base64url");
}

/** Create or replace the organisation's OME secret; the old one stops verifying at once. */
export async function rotateOmeSecret(actor: Actor): Promise<{ secret: string; replaced: boolean }> {
  const nonce = randomSecret("", 16);
  const replaced = await inTransaction(async (tx) => {
    const before = await tx.organisation.findUniqueOrThrow({ where: { id: actor.orgId }, select: { omeSecretNonce: true } });
    await tx.organisation.update({ where: { id: actor.orgId }, data: { omeSecretNonce: nonce, omeSecretCreatedAt: new Date() } });
    await recordAudit(tx, actor, { action: before.omeSecretNonce ? "mediaServer.ome_secret_rotated" : "mediaServer.ome_secret_created", target: { type: "organisation", id: actor.orgId } });
    return Boolean(before.omeSecretNonce);
  });
  return { secret: omeSecret(nonce), replaced };
}

/** For the OME hook only: the secret it verifies X-OME-Signature with, or null (none created, or no such organisation). */
export async function omeSecretFor(orgId: string): Promise<string | null> {
  const org = await db.organisation.findUnique({ where: { id: orgId }, select: { omeSecretNonce: true } });
  return org?.omeSecretNonce ? omeSecret(org.omeSecretNonce) : null;
}

/** What the console shows: whether a secret exists and since when, never the secret. */
export async function getOmeSecretInfo(orgId: string): Promise<{ createdAt: Date | null }> {
  const org = await db.organisation.findUniqueOrThrow({ where: { id: orgId }, select: { omeSecretCreatedAt: true } });
  return { createdAt: org.omeSecretCreatedAt };
}
