import "server-only";
import { namedCache } from "@/lib/caches";
import { db, dbProvider } from "@/lib/db";
import { getConfig } from "@/lib/config";
import { decryptWithAppSecret, encryptWithAppSecret } from "@/lib/crypto";
import { NotFoundError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/data/audit";
import { inTransaction, type Tx } from "@/lib/data/transaction";
import { enqueueWebhook } from "@/lib/data/webhooks";
import { recordRevocations } from "@/lib/data/revocations";
import { forgetRevoked } from "@/lib/data/registry-view";
import { forgetPrivateKey, generateSigningKey, privateKeyFor, publicKeyFor } from "@/lib/tokens/keys";
import { toJwks, type Jwks } from "@/lib/tokens/jwks";
import type { ResolvedKey } from "@/lib/tokens/verify";
import type { CryptoKey } from "jose";

// Which key signs for an organisation, cached briefly so signing needs no query per token
// (docs/performance.md#p2). Rotation/revocation in this process clear it at once; another instance re-reads it
// within the cache's 500 ms TTL (lib/caches.ts), so no instance signs with a revoked key later
// than that (SECURITY 26). Exactness comes from confirmSigningKey: a token is only answered if
// its key was still unrevoked after its registry row was written. Cross-instance invalidation:
// the TTL. Verifying needs no invalidation: authorize reads the key's status on every call.
const activeByOrg = namedCache<string, { kid: string; privateKey: CryptoKey }>("signing-keys.active");

export interface SigningKeyInfo {
  kid: string;
  status: "active" | "retiring" | "revoked";
  createdAt: Date;
  retiredAt: Date | null;
  publishUntil: Date | null;
  revokedAt: Date | null;
}

/** A new key's row, generated and encrypted before any transaction opens. */
async function newKeyRow(orgId: string) {
  const key = await generateSigningKey();
  return {
    orgId,
    kid: key.kid,
    publicJwk: JSON.stringify(key.publicJwk),
    privateKeyEnc: encryptWithAppSecret(JSON.stringify(key.privateJwk), getConfig().appSecret),
  };
}
type KeyRow = Awaited<ReturnType<typeof newKeyRow>>;

async function createKey(orgId: string) {
  return db.signingKey.create({ data: await newKeyRow(orgId), select: { kid: true, privateKeyEnc: true } });
}

/**
 * The first key of an organisation, created once even when many requests sign at the same time:
 * one creation per process (single flight: the cache holds it only while it runs), and across app
 * instances the oldest active key wins while a losing, never-used key is deleted again. Every
 * reader picks the oldest active key.
 */
const creatingFirstKey = namedCache<string, { kid: string; privateKeyEnc: string }>("signing-keys.first-key", async (orgId) => {
  const mine = await createKey(orgId);
  const winner = await db.signingKey.findFirst({ where: { orgId, status: "active" }, orderBy: [{ createdAt: "asc" }, { kid: "asc" }], select: { kid: true, privateKeyEnc: true } });
  if (winner && winner.kid !== mine.kid) {
    await db.signingKey.deleteMany({ where: { kid: mine.kid } });
    return winner;
  }
  return mine;
});

function createFirstKey(orgId: string) {
  const pending = creatingFirstKey.forceFetch(orgId);
  // Forgotten once settled (a rejected creation is dropped by the cache itself).
  pending.then(() => creatingFirstKey.delete(orgId), () => undefined);
  return pending;
}

/** The organisation's signing key; its first key is created lazily on first use. */
export async function ensureActiveSigningKey(orgId: string): Promise<{ kid: string; privateKey: CryptoKey }> {
  const hit = activeByOrg.get(orgId);
  if (hit) return hit;
  let row = await db.signingKey.findFirst({
    where: { orgId, status: "active" },
    orderBy: [{ createdAt: "asc" }, { kid: "asc" }],
    select: { kid: true, privateKeyEnc: true },
  });
  row ??= await createFirstKey(orgId);
  const { kid, privateKeyEnc } = row;
  // Decrypted and imported once per process; later calls reuse the CryptoKey.
  const privateKey = await privateKeyFor(kid, () => decryptWithAppSecret(privateKeyEnc, getConfig().appSecret));
  const entry = { kid, privateKey };
  activeByOrg.set(orgId, entry);
  return entry;
}

/**
 * Called right after the registry row of a token signed with `kid` was written: is the key still
 * unrevoked? If so, a revocation committed later marks that row revoked with the key's other
 * tokens (revokeSigningKey sweeps after it sets the key's status), so the token can be answered.
 * If not, the caller removes the row and signs again with the current key. On PostgreSQL the
 * read takes a share lock, so it waits for a revocation in flight (even one inside a transaction)
 * instead of reading the status from before it. A retiring key is kept published until this
 * token expires.
 */
export async function confirmSigningKey(orgId: string, kid: string, expiresAt: Date, client: Tx = db): Promise<boolean> {
  // Inside the token's transaction, FOR SHARE holds a revoke's status update until the token row
  // has committed, so the revoke's marking of its tokens then sees it.
  const rows =
    dbProvider() === "postgresql"
      ? await client.$queryRaw<{ status: string }[]>`SELECT "status" FROM "SigningKey" WHERE "kid" = ${kid} FOR SHARE`
      : await client.$queryRaw<{ status: string }[]>`SELECT "status" FROM "SigningKey" WHERE "kid" = ${kid}`;
  const status = rows[0]?.status;
  if (status === "retiring") {
    // A key rotated by another instance a moment ago may still have signed this token.
    await client.signingKey.updateMany({ where: { kid, status: "retiring", publishUntil: { lt: expiresAt } }, data: { publishUntil: expiresAt } });
  }
  if (status === "active" || status === "retiring") return true;
  if (activeByOrg.get(orgId)?.kid === kid) activeByOrg.delete(orgId);
  forgetPrivateKey(kid);
  return false;
}

/** For the verifier: the key by kid with its CURRENT status (one indexed query per call). */
// What each key was when last read, for checks that run while the database is unreachable.
const lastKnownKeys = namedCache<string, { orgId: string; status: string; publicJwk: string }>("signing-keys.last-known");

export async function resolveVerificationKey(kid: string): Promise<ResolvedKey | null> {
  const row = await db.signingKey.findUnique({ where: { kid }, select: { orgId: true, status: true, publicJwk: true } });
  if (!row) return null;
  lastKnownKeys.set(kid, row);
  return { orgId: row.orgId, status: row.status, publicKey: await publicKeyFor(kid, row.publicJwk) };
}

/** The key as it was last read from the database (degraded edge checks), or null if never. */
export async function lastKnownVerificationKey(kid: string): Promise<ResolvedKey | null> {
  const row = lastKnownKeys.get(kid);
  if (!row) return null;
  return { orgId: row.orgId, status: row.status, publicKey: await publicKeyFor(kid, row.publicJwk) };
}

export async function listSigningKeys(orgId: string): Promise<SigningKeyInfo[]> {
  const rows = await db.signingKey.findMany({
    where: { orgId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { kid: true, status: true, createdAt: true, retiredAt: true, publishUntil: true, revokedAt: true },
  });
  return rows as SigningKeyInfo[];
}

/** New key signs from now on; the old one is published until the last token it signed expires. */
export async function rotateSigningKey(actor: Actor): Promise<{ kid: string; retired: string[] }> {
  const fresh = await newKeyRow(actor.orgId);
  const rotated = await inTransaction((tx) => rotateTo(tx, actor, fresh));
  activeByOrg.delete(actor.orgId);
  return rotated;
}

async function rotateTo(tx: Tx, actor: Actor, fresh: KeyRow): Promise<{ kid: string; retired: string[] }> {
  const now = new Date();
  const active = await tx.signingKey.findMany({ where: { orgId: actor.orgId, status: "active" }, select: { kid: true } });
  for (const { kid } of active) {
    const last = await tx.playbackToken.aggregate({ where: { kid }, _max: { expiresAt: true } });
    const latest = last._max.expiresAt;
    await tx.signingKey.update({
      where: { kid },
      data: { status: "retiring", retiredAt: now, publishUntil: latest && latest > now ? latest : now },
    });
  }
  await tx.signingKey.create({ data: fresh, select: { kid: true } });
  const retired = active.map((k) => k.kid);
  await recordAudit(tx, actor, { action: "signingKey.rotated", target: { type: "signingKey", id: fresh.kid, label: fresh.kid }, details: { retired } });
  return { kid: fresh.kid, retired };
}

// The tokens revoking a key marks revoked; its count for the confirmation uses the same clause.
const keyTokensWhere = (orgId: string, kid: string) => ({ orgId, kid, revokedAt: null });

/** How many tokens revoking this key would mark revoked now (read-only); another org's kid is "not found". */
export async function countSigningKeyTokens(orgId: string, kid: string): Promise<number> {
  const key = await db.signingKey.findFirst({ where: { kid, orgId }, select: { status: true } });
  if (!key) throw new NotFoundError("Signing key not found");
  // An already revoked key is left alone by revokeSigningKey: nothing more would be marked.
  if (key.status === "revoked") return 0;
  return db.playbackToken.count({ where: keyTokensWhere(orgId, kid) });
}

/**
 * Emergency revocation: every token the key signed is refused from the next authorize call, and
 * the key leaves the JWKS. Revoking the only active key rotates first (in the same transaction),
 * so the organisation can keep issuing tokens. Its tokens are also marked revoked in the registry
 * (reason "key_revoked").
 */
export async function revokeSigningKey(actor: Actor, kid: string): Promise<{ kid: string; rotatedTo: string | null; tokens: number }> {
  const key = await db.signingKey.findFirst({ where: { kid, orgId: actor.orgId }, select: { kid: true, status: true } });
  if (!key) throw new NotFoundError("Signing key not found");
  if (key.status === "revoked") return { kid, rotatedTo: null, tokens: 0 };
  // Made in case it is the only active key: generating inside the transaction would hold it open.
  const fresh = key.status === "active" ? await newKeyRow(actor.orgId) : null;
  const outcome = await inTransaction(async (tx) => {
    let rotatedTo: string | null = null;
    if (fresh) {
      const others = await tx.signingKey.count({ where: { orgId: actor.orgId, status: "active", kid: { not: kid } } });
      if (others === 0) rotatedTo = (await rotateTo(tx, actor, fresh)).kid;
    }
    const now = new Date();
    await tx.signingKey.update({ where: { kid }, data: { status: "revoked", revokedAt: now } });
    const marked = await tx.playbackToken.updateMany({ where: keyTokensWhere(actor.orgId, kid), data: { revokedAt: now, revokedReason: "key_revoked" } });
    // One feed row for the key, not one per token: a verifier refuses every token with this kid.
    // Its exp lets the verifier forget the kid once the last token the key signed has expired.
    const latest = await tx.playbackToken.aggregate({ where: { kid }, _max: { expiresAt: true } });
    await recordRevocations(tx, [{ orgId: actor.orgId, kind: "key", kid, exp: latest._max.expiresAt }]);
    await recordAudit(tx, actor, { action: "signingKey.revoked", target: { type: "signingKey", id: kid, label: kid }, details: { rotatedTo, tokens: marked.count } });
    // One event for the batch, as bulk revocation by tag or user sends.
    if (marked.count > 0) await enqueueWebhook(tx, actor.orgId, "token.revoked", { kid, count: marked.count, revokedAt: now.toISOString() });
    return { rotatedTo, tokens: marked.count };
  });
  activeByOrg.delete(actor.orgId);
  forgetPrivateKey(kid);
  forgetRevoked({ kids: [kid] }); // committed: this instance's next check reads those rows
  return { kid, ...outcome };
}

/** Active and still-published retiring keys; one organisation's (404 if unknown) or all. */
export async function publicJwks(orgId?: string): Promise<Jwks> {
  if (orgId !== undefined) {
    const org = await db.organisation.findUnique({ where: { id: orgId }, select: { id: true } });
    if (!org) throw new NotFoundError("Organisation not found");
  }
  const rows = await db.signingKey.findMany({
    where: {
      ...(orgId !== undefined ? { orgId } : {}),
      OR: [{ status: "active" }, { status: "retiring", publishUntil: { gt: new Date() } }],
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { publicJwk: true },
  });
  return toJwks(rows.map((r) => r.publicJwk));
}
