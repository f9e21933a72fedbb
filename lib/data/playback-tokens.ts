import "server-only";
import { randomBytes } from "node:crypto";
import { decodeJwt, decodeProtectedHeader } from "jose";
import { db } from "@/lib/db";
import { getConfig } from "@/lib/config";
import { NotFoundError, RuleError } from "@/lib/errors";
import { hasPackage } from "@/lib/packages";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/data/audit";
import { inTransaction } from "@/lib/data/transaction";
import { enqueueWebhook } from "@/lib/data/webhooks";
import { recordRevocations } from "@/lib/data/revocations";
import { forgetRevoked } from "@/lib/data/registry-view";
import { confirmSigningKey, ensureActiveSigningKey } from "@/lib/data/signing-keys";
import { issuerFor, TOKEN_AUDIENCE, type PlaybackClaims } from "@/lib/tokens/claims";
import { signClaims, type TokenHeader } from "@/lib/tokens/sign";
import { MEDIAMTX_ORG_WIDE, type TokenInput } from "@/lib/validation/tokens";
import { newShortRef } from "@/lib/tokens/short-ref";
import { rowSelect, toTokenRow, type TokenRow, type TokenStatus } from "@/lib/data/playback-token-rows";

export { tokenStatus, type TokenRow, type TokenStatus } from "@/lib/data/playback-token-rows";
export { authorizePlayback, type AuthorizeResult } from "@/lib/data/playback-authorize";

export const SECURE_PLAYBACK_REQUIRED = "Secure Playback is not enabled for your organisation. Ask your operator to enable the package.";

/**
 * Checks the target is the caller's and answers the stream names the token covers now (a group's
 * renditions, in order; the listed names), or null for an organisation-wide token.
 */
async function assertTargetInOrg(orgId: string, input: TokenInput): Promise<string[] | null> {
  if (input.target === "group") {
    const stream = await db.stream.findFirst({
      where: { id: input.groupid!, orgId },
      select: { id: true, renditions: { orderBy: { position: "asc" }, select: { streamName: true } } },
    });
    if (!stream) throw new RuleError(`There is no stream "${input.groupid}" in your organisation.`, "unknown_stream", "groupid");
    return stream.renditions.map((r) => r.streamName);
  }
  if (input.target === "streams") {
    const names = input.streams!;
    const found = await db.streamRendition.findMany({ where: { orgId, streamName: { in: names } }, select: { streamName: true } });
    const known = new Set(found.map((r) => r.streamName));
    const missing = names.filter((n) => !known.has(n));
    if (missing.length) throw new RuleError(`Not a stream name in your organisation: ${missing.join(", ")}.`, "unknown_stream", "streams");
    return names;
  }
  return null;
}

/**
 * MediaMTX's claim for the `mediamtx` option: read on each stream name the token covers. A
 * group's names are those of its renditions at signing time (a rendition added later is not in
 * it). An organisation-wide token was refused by the schema (MEDIAMTX_ORG_WIDE); refused here too
 * for callers that build the input by hand.
 */
function mediamtxClaim(input: TokenInput, streamNames: string[] | null): Pick<PlaybackClaims, "mediamtx_permissions"> {
  if (!input.mediamtx) return {};
  if (streamNames === null) throw new RuleError(MEDIAMTX_ORG_WIDE, "validation_failed", "mediamtx");
  if (streamNames.length === 0) throw new RuleError("This stream has no stream names yet, so MediaMTX permissions would allow nothing.", "validation_failed", "mediamtx");
  return { mediamtx_permissions: streamNames.map((path) => ({ action: "read" as const, path })) };
}

function targetClaims(input: TokenInput) {
  if (input.target === "group") return { groupid: input.groupid! };
  if (input.target === "streams") return { streams: input.streams! };
  return { orgawide: true as const };
}

const MAX_SIGN_ATTEMPTS = 3;

/**
 * Signs the token and writes its registry row, with a key that was not revoked meanwhile, and in
 * the same transaction its audit event and webhook delivery.
 */
async function signAndStore(actor: Actor, input: TokenInput, via: "ui" | "api", streamNames: string[] | null, note?: Record<string, string | boolean>) {
  const orgId = actor.orgId;
  // The row keeps the exact moment (ms) so "revoke tokens issued before now" is precise; the
  // claim is in whole seconds as JWT requires.
  const issuedAt = new Date();
  const ref = newShortRef();
  const iat = Math.floor(issuedAt.getTime() / 1000);
  const claims: PlaybackClaims = {
    ...targetClaims(input),
    iss: issuerFor(getConfig().appUrl, orgId),
    aud: TOKEN_AUDIENCE,
    org: orgId,
    jti: randomBytes(16).toString("base64url"),
    iat,
    exp: Math.floor(input.expiresAt.getTime() / 1000),
    ...(input.notBefore ? { nbf: Math.floor(input.notBefore.getTime() / 1000) } : {}),
    ...(input.ip ? { ip: input.ip } : {}),
    ...(input.domain ? { domain: input.domain } : {}),
    ...(input.user ? { user: input.user } : {}),
    ...(input.tag ? { tag: input.tag } : {}),
    ...(input.cust ? { cust: input.cust } : {}),
    ...mediamtxClaim(input, streamNames),
  };
  const expiresAt = new Date(claims.exp * 1000);
  // A key revoked (on any instance) between reading the active key and writing the row is caught
  // by confirmSigningKey: that attempt's row is removed and the token signed again with the key
  // that replaced it, so no answered token carries a revoked kid unmarked.
  for (let attempt = 1; ; attempt++) {
    const key = await ensureActiveSigningKey(orgId);
    // Signed before the transaction opens, so it stays a few statements long.
    const { token, header } = await signClaims(claims, key.kid, key.privateKey);
    const details = { jti: claims.jti, kid: key.kid, target: input.target, via, expiresAt: expiresAt.toISOString(), tag: input.tag ?? null, ...note };
    const row = await inTransaction(async (tx) => {
      const row = await tx.playbackToken.create({
        data: {
          orgId,
          jti: claims.jti,
          kid: key.kid,
          targetType: input.target,
          groupId: input.target === "group" ? input.groupid! : null,
          streamNames: input.target === "streams" ? JSON.stringify(input.streams) : null,
          issuedAt,
          notBefore: claims.nbf ? new Date(claims.nbf * 1000) : null,
          expiresAt,
          ip: input.ip ?? null,
          domain: input.domain ?? null,
          userClaim: input.user ?? null,
          tag: input.tag ?? null,
          token,
          ref,
          createdById: actor.userId,
          createdByEmail: actor.email,
          createdVia: via,
        },
        select: { id: true },
      });
      if (!(await confirmSigningKey(orgId, key.kid, expiresAt, tx))) {
        await tx.playbackToken.delete({ where: { id: row.id } });
        return null;
      }
      await recordAudit(tx, actor, { action: "token.created", target: { type: "playbackToken", id: row.id, label: claims.jti }, details });
      await enqueueWebhook(tx, orgId, "token.created", { id: row.id, ...details });
      return row;
    });
    if (row) return { row, token, ref, header, kid: key.kid, claims, expiresAt };
    if (attempt === MAX_SIGN_ATTEMPTS) throw new Error(`Signing keys of organisation ${orgId} were revoked ${attempt} times while one token was signed`);
  }
}

/** `note`: what the caller asked beyond the input, kept in the audit event and webhook (e.g. splay's `revocable`). */
export async function createPlaybackToken(actor: Actor, input: TokenInput, via: "ui" | "api", note?: Record<string, string | boolean>) {
  const orgId = actor.orgId;
  const org = await db.organisation.findUnique({ where: { id: orgId }, select: { packages: true } });
  if (!org) throw new NotFoundError("Organisation not found");
  if (!hasPackage(org.packages, "secure_playback")) throw new RuleError(SECURE_PLAYBACK_REQUIRED, "package_required");
  const streamNames = await assertTargetInOrg(orgId, input);

  const { row, token, ref, header, kid, claims, expiresAt } = await signAndStore(actor, input, via, streamNames, note);
  return { id: row.id, token, ref, jti: claims.jti, kid, expiresAt, claims, header };
}

export interface TokenListFilter {
  status?: TokenStatus;
  /** Tokens whose target is this stream group (groupid). */
  group?: string;
  tag?: string;
  user?: string;
  limit: number;
  cursor?: string;
}

function statusWhere(status: TokenStatus | undefined, now: Date) {
  switch (status) {
    case "revoked":
      return { revokedAt: { not: null } };
    case "expired":
      return { revokedAt: null, expiresAt: { lte: now } };
    case "not_yet_valid":
      return { revokedAt: null, expiresAt: { gt: now }, notBefore: { gt: now } };
    case "active":
      return { revokedAt: null, expiresAt: { gt: now }, OR: [{ notBefore: null }, { notBefore: { lte: now } }] };
    default:
      return {};
  }
}

// Cursor = "<createdAt ms>.<id>" of the last row shown: no extra query to resume the keyset.
function parseCursor(cursor?: string): { createdAt: Date; id: string } | null {
  const match = cursor ? /^(\d{1,15})\.([A-Za-z0-9_-]{1,64})$/.exec(cursor) : null;
  return match ? { createdAt: new Date(Number(match[1])), id: match[2] } : null;
}

/**
 * Newest first, keyset-paginated by (createdAt desc, id desc) on the (orgId, createdAt, id) index.
 * `cursor` pages to older tokens; `before` pages back to newer ones.
 */
export async function listPlaybackTokens(orgId: string, filter: TokenListFilter & { before?: string }): Promise<{ items: TokenRow[]; nextCursor: string | null; newerCursor: string | null }> {
  const now = new Date();
  const before = parseCursor(filter.before);
  const after = before ? null : parseCursor(filter.cursor);
  const edge = before ?? after;
  const op = before ? "gt" : "lt";
  const rows = await db.playbackToken.findMany({
    where: {
      orgId,
      ...(filter.group ? { groupId: filter.group } : {}),
      ...(filter.tag ? { tag: filter.tag } : {}),
      ...(filter.user ? { userClaim: filter.user } : {}),
      AND: [
        statusWhere(filter.status, now),
        edge ? { OR: [{ createdAt: { [op]: edge.createdAt } }, { createdAt: edge.createdAt, id: { [op]: edge.id } }] } : {},
      ],
    },
    orderBy: before ? [{ createdAt: "asc" }, { id: "asc" }] : [{ createdAt: "desc" }, { id: "desc" }],
    take: filter.limit + 1,
    select: rowSelect,
  });
  const more = rows.length > filter.limit;
  const page = rows.slice(0, filter.limit);
  if (before) page.reverse();
  const items = page.map((r) => toTokenRow(r, now));
  const cursorOf = (t: TokenRow) => `${t.createdAt.getTime()}.${t.id}`;
  const first = items[0];
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: last && (before ? true : more) ? cursorOf(last) : null,
    newerCursor: first && (before ? more : Boolean(after)) ? cursorOf(first) : null,
  };
}

export async function getPlaybackToken(orgId: string, id: string): Promise<TokenRow & { token: string; header: TokenHeader; payload: PlaybackClaims }> {
  const row = await db.playbackToken.findFirst({ where: { id, orgId }, select: { ...rowSelect, token: true } });
  if (!row) throw new NotFoundError("Playback token not found");
  return {
    ...toTokenRow(row, new Date()),
    token: row.token,
    header: decodeProtectedHeader(row.token) as unknown as TokenHeader,
    payload: decodeJwt(row.token) as unknown as PlaybackClaims,
  };
}

export async function revokePlaybackToken(actor: Actor, id: string): Promise<{ id: string; revokedAt: Date; alreadyRevoked: boolean }> {
  const row = await db.playbackToken.findFirst({ where: { id, orgId: actor.orgId }, select: { id: true, jti: true, expiresAt: true, revokedAt: true } });
  if (!row) throw new NotFoundError("Playback token not found");
  if (row.revokedAt) return { id, revokedAt: row.revokedAt, alreadyRevoked: true };
  const revokedAt = new Date();
  const { count } = await inTransaction(async (tx) => {
    const marked = await tx.playbackToken.updateMany({ where: { id, orgId: actor.orgId, revokedAt: null }, data: { revokedAt, revokedReason: "revoked" } });
    // A concurrent revoke got there first: it wrote the audit event and the webhook.
    if (marked.count === 0) return marked;
    await recordRevocations(tx, [{ orgId: actor.orgId, kind: "token", jti: row.jti, exp: row.expiresAt }]);
    await recordAudit(tx, actor, { action: "token.revoked", target: { type: "playbackToken", id, label: row.jti }, details: { jti: row.jti } });
    await enqueueWebhook(tx, actor.orgId, "token.revoked", { id, jti: row.jti, revokedAt: revokedAt.toISOString() });
    return marked;
  });
  if (count === 0) return revokePlaybackToken(actor, id);
  forgetRevoked({ jtis: [row.jti] }); // committed: this instance's next check reads the row
  return { id, revokedAt, alreadyRevoked: false };
}

/**
 * What a bulk revoke hits: tokens of the organisation not revoked yet, issued by `now` (a token
 * created afterwards with the same tag/user is not affected). The revoke and its count both use
 * it, so a confirmation's number is what gets revoked. Served by the (orgId, tag) and
 * (orgId, userClaim) indexes.
 */
function bulkRevokeWhere(orgId: string, by: "tag" | "user", value: string, now: Date) {
  return { orgId, revokedAt: null, issuedAt: { lte: now }, ...(by === "tag" ? { tag: value } : { userClaim: value }) };
}

/** Bulk revokes: by tag, by UserID, or the tokens of a tag that raised a misuse signal (lib/data/misuse.ts). */
type RevokeBy = "tag" | "user" | "flagged_tag";

async function revokeWhere(actor: Actor, by: RevokeBy, value: string): Promise<{ count: number }> {
  const revokedAt = new Date();
  const flagged = by === "flagged_tag" ? (await db.tokenFlag.findMany({ where: { orgId: actor.orgId }, select: { jti: true }, distinct: ["jti"] })).map((f) => f.jti) : null;
  const where = flagged ? { ...bulkRevokeWhere(actor.orgId, "tag", value, revokedAt), jti: { in: flagged } } : bulkRevokeWhere(actor.orgId, by as "tag" | "user", value, revokedAt);
  const { count, jtis } = await inTransaction(async (tx) => {
    // Returning what it marked: the feed gets one row per token this revoke (not a concurrent one) hit.
    const marked = await tx.playbackToken.updateManyAndReturn({ where, data: { revokedAt, revokedReason: `revoked_by_${by}` }, select: { jti: true, expiresAt: true } });
    const count = marked.length;
    await recordRevocations(tx, marked.map((t) => ({ orgId: actor.orgId, kind: "token" as const, jti: t.jti, exp: t.expiresAt })));
    const key = by === "flagged_tag" ? "tag" : by;
    await recordAudit(tx, actor, { action: `token.revoked_by_${by}`, target: { type: "playbackToken", label: value }, details: { [key]: value, count, ...(flagged ? { flaggedOnly: true } : {}) } });
    await enqueueWebhook(tx, actor.orgId, "token.revoked", { [key]: value, count, ...(flagged ? { flaggedOnly: true } : {}), revokedAt: revokedAt.toISOString() });
    return { count, jtis: marked.map((t) => t.jti) };
  });
  forgetRevoked({ jtis }); // committed: this instance's next check reads the rows
  return { count };
}

export const revokeTokensByTag = (actor: Actor, tag: string) => revokeWhere(actor, "tag", tag);
export const revokeTokensByUser = (actor: Actor, userClaim: string) => revokeWhere(actor, "user", userClaim);
/** Every token tagged `tag` that raised a misuse signal and still works: one click for a leak. */
export const revokeFlaggedTokensByTag = (actor: Actor, tag: string) => revokeWhere(actor, "flagged_tag", tag);

/** How many tokens revoking by tag or UserID would revoke now (read-only, for its confirmation). */
export const countTokensByTag = (orgId: string, tag: string) => db.playbackToken.count({ where: bulkRevokeWhere(orgId, "tag", tag, new Date()) });
export const countTokensByUser = (orgId: string, userClaim: string) => db.playbackToken.count({ where: bulkRevokeWhere(orgId, "user", userClaim, new Date()) });
