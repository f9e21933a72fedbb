import "server-only";
import { db, dbProvider } from "@/lib/db";
import { hashSecret, maskSecret, randomSecret, SECRET_PREFIX } from "@/lib/crypto";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/data/audit";
import { inTransaction } from "@/lib/data/transaction";

/** The organisation a master API key belongs to, or null (unknown, rotated or revoked). */
export async function resolveMasterKey(key: string) {
  if (!key.startsWith(SECRET_PREFIX.apiKey)) return null;
  const row = await db.apiKey.findUnique({ where: { keyHash: hashSecret(key) }, select: { id: true, orgId: true, maskedKey: true, revokedAt: true, lastUsedAt: true } });
  if (!row || row.revokedAt) return null;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  return row;
}

/** What the overview shows an admin: never the key, only its masked form and dates. */
export async function getMasterKeyInfo(orgId: string) {
  return db.apiKey.findFirst({
    where: { orgId, revokedAt: null },
    orderBy: { createdAt: "desc" },
    select: { id: true, maskedKey: true, createdAt: true, lastUsedAt: true, createdByEmail: true },
  });
}

/**
 * Replaces the organisation's master key: every active key is revoked in the same transaction
 * as the new one is created, so the old key stops working on its very next request. With no
 * active key (an organisation from /signup) this creates the first one.
 * The new key is returned once and never stored in a usable form.
 */
export async function rotateMasterKey(actor: Actor): Promise<{ key: string; maskedKey: string; replaced: boolean }> {
  const key = randomSecret(SECRET_PREFIX.apiKey, 32);
  const maskedKey = maskSecret(key, SECRET_PREFIX.apiKey);
  const outcome = await inTransaction(async (tx) => {
    // Two rotations at once must not both keep their new key: PostgreSQL runs them one after the
    // other on the organisation's row (SQLite writes one transaction at a time anyway).
    if (dbProvider() === "postgresql") await tx.$queryRaw`SELECT "id" FROM "Organisation" WHERE "id" = ${actor.orgId} FOR UPDATE`;
    const now = new Date();
    const revoked = await tx.apiKey.updateMany({ where: { orgId: actor.orgId, revokedAt: null }, data: { revokedAt: now } });
    await tx.apiKey.create({ data: { orgId: actor.orgId, keyHash: hashSecret(key), maskedKey, createdByEmail: actor.email } });
    // Links the old key made stop with it: a leaked key must not leave a way in behind it. Pending
    // links without a creating user are the key's (a deleted user's pending links were revoked
    // with them, lib/data/users.ts).
    const links = await tx.invitation.updateMany({ where: { orgId: actor.orgId, createdById: null, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } }, data: { revokedAt: now } });
    const replaced = revoked.count > 0;
    await recordAudit(tx, actor, {
      action: replaced ? "apiKey.rotated" : "apiKey.created",
      target: { type: "apiKey", label: maskedKey },
      ...(links.count ? { details: { invitationsRevoked: links.count } } : {}),
    });
    return { replaced };
  });
  return { key, maskedKey, replaced: outcome.replaced };
}
