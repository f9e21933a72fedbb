import "server-only";
// Organisation settings an admin changes on the overview: player key and VOD visibility.
import { db } from "@/lib/db";
import { randomSecret, SECRET_PREFIX } from "@/lib/crypto";
import { NotFoundError } from "@/lib/errors";
import { hasPackage } from "@/lib/packages";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/data/audit";
import { inTransaction } from "@/lib/data/transaction";

/** A new public player key: every player snippet that embeds the old one must be updated. */
export async function rotatePlayerKey(actor: Actor): Promise<{ playerKey: string }> {
  const playerKey = randomSecret(SECRET_PREFIX.playerKey, 16);
  await inTransaction(async (tx) => {
    await tx.organisation.update({ where: { id: actor.orgId }, data: { playerKey } });
    await recordAudit(tx, actor, { action: "playerKey.rotated", target: { type: "organisation", id: actor.orgId } });
  });
  return { playerKey };
}

export async function setVodPublic(actor: Actor, vodPublic: boolean): Promise<void> {
  await inTransaction(async (tx) => {
    await tx.organisation.update({ where: { id: actor.orgId }, data: { vodPublic } });
    await recordAudit(tx, actor, { action: vodPublic ? "vod.made_public" : "vod.made_private", target: { type: "organisation", id: actor.orgId } });
  });
}

/**
 * The VOD list of an organisation for the API. Without the VOD package the list does not exist
 * (404, same as an unknown organisation); callers decide about authentication first.
 */
export async function getVodAccess(orgId: string) {
  const org = await db.organisation.findUnique({ where: { id: orgId }, select: { id: true, vodPublic: true, packages: true } });
  if (!org || !hasPackage(org.packages, "vod")) throw new NotFoundError("VOD list not found");
  return { orgId: org.id, vodPublic: org.vodPublic };
}

export async function listVodItems(orgId: string, limit = 100) {
  return db.vodItem.findMany({
    where: { orgId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: { id: true, title: true, url: true, durationSec: true, streamId: true, createdAt: true },
  });
}

/** Every tag in use, with how many streams and playback tokens carry it. */
export async function listTagsInUse(orgId: string) {
  const [streamTags, tokenTags] = await Promise.all([
    db.streamTag.groupBy({ by: ["tag"], where: { orgId }, _count: { _all: true } }),
    db.playbackToken.groupBy({ by: ["tag"], where: { orgId, tag: { not: null } }, _count: { _all: true } }),
  ]);
  const tags = new Map<string, { tag: string; streams: number; tokens: number }>();
  for (const row of streamTags) tags.set(row.tag, { tag: row.tag, streams: row._count._all, tokens: 0 });
  for (const row of tokenTags) {
    if (!row.tag) continue;
    const entry = tags.get(row.tag) ?? { tag: row.tag, streams: 0, tokens: 0 };
    entry.tokens = row._count._all;
    tags.set(row.tag, entry);
  }
  return [...tags.values()].sort((a, b) => a.tag.localeCompare(b.tag));
}
