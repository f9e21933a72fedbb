import "server-only";
import { db } from "@/lib/db";
import { hashSecret, SECRET_PREFIX } from "@/lib/crypto";

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
