import "server-only";
import { decodeJwt } from "jose";
import { namedCache } from "@/lib/caches";
import { db } from "@/lib/db";
import { getConfig } from "@/lib/config";
import { resolveVerificationKey } from "@/lib/data/signing-keys";
import { domainMatches } from "@/lib/tokens/claims";
import { ipMatches, parseIp } from "@/lib/tokens/ip";
import { recheckTimes, verifyPlaybackToken, type DenyReason, type Verified } from "@/lib/tokens/verify";
import type { AuthorizeRequest } from "@/lib/validation/tokens";

export type AuthorizeResult = { allowed: true; orgId: string; jti: string; expiresAt: Date; stream: string } | { allowed: false; reason: DenyReason; message: string };

// stream name → (group, org). Names change rarely; a short TTL (lib/caches.ts) bounds staleness
// after a rename or delete. Revocation is never cached: the registry row is read on every call.
// A name that does not exist is remembered too (row: null), as before.
const streamCache = namedCache<string, { row: { streamId: string; orgId: string } | null }>("authorize.streams", async (name) => ({
  row: await db.streamRendition.findUnique({ where: { streamName: name }, select: { streamId: true, orgId: true } }),
}));

async function lookupStream(name: string) {
  return (streamCache.get(name) ?? (await streamCache.forceFetch(name))).row;
}

// Verified tokens by their exact text (docs/performance.md#p3: edges ask about the same token repeatedly).
// Only what cannot change is cached — signature, issuer, audience, type, lifetime; the clock,
// the key's status and the token's revocation are checked again on every call.
const verifiedCache = namedCache<string, Verified>("authorize.verified-tokens");

// A cached token's key status comes from the registry query (joined), so a repeated token costs
// one query per call; the key's status is still read fresh on every call.
async function verifyCached(token: string): Promise<(Verified & { keyStatusFromRegistry?: true }) | { ok: false; reason: DenyReason; message: string }> {
  const hit = verifiedCache.get(token);
  if (!hit) {
    const verified = await verifyPlaybackToken(token, { appUrl: getConfig().appUrl, resolveKey: resolveVerificationKey });
    if (verified.ok) verifiedCache.set(token, verified);
    return verified;
  }
  const late = recheckTimes(hit.payload);
  if (late) return late;
  return { ...hit, keyStatusFromRegistry: true };
}

type RegistryRow = { orgId: string; kid: string; revokedAt: unknown; revokedReason: string | null; keyStatus: string | null };

function registryRow(token: string) {
  let jti: unknown;
  try {
    jti = decodeJwt(token).jti;
  } catch {
    return Promise.resolve(null);
  }
  if (typeof jti !== "string" || !jti) return Promise.resolve(null);
  // The registry row and its signing key's current status in one statement (SQLite and PostgreSQL).
  return db.$queryRaw<RegistryRow[]>`SELECT t."orgId", t."kid", t."revokedAt", t."revokedReason", k."status" AS "keyStatus"
    FROM "PlaybackToken" t LEFT JOIN "SigningKey" k ON k."kid" = t."kid" WHERE t."jti" = ${jti}`.then((rows) => rows[0] ?? null);
}

const refuse = (reason: DenyReason, message: string): AuthorizeResult => ({ allowed: false, reason, message });

/**
 * May this viewer play `stream` with `token`? Used by POST /api/v1/playback/authorize and the
 * UI's "Test this token". Order: signature and claims → registry (revocation) → stream → ip → domain.
 */
export async function authorizePlayback(req: AuthorizeRequest): Promise<AuthorizeResult> {
  // The registry lookup starts beside the signature check; its result is used only once the
  // token has verified.
  const rowPromise = registryRow(req.token);
  rowPromise.catch(() => undefined);
  const verified = await verifyCached(req.token);
  if (!verified.ok) return refuse(verified.reason, verified.message);
  const claims = verified.payload;

  const row = await rowPromise;
  if (verified.keyStatusFromRegistry && row && row.kid === verified.kid) {
    if (!row?.keyStatus) return refuse("unknown_key", "The token was signed with a key we do not know.");
    if (row.keyStatus === "revoked") return refuse("key_revoked", "The key that signed this token has been revoked.");
  }
  if (!row || row.orgId !== verified.orgId || row.kid !== verified.kid) return refuse("revoked", "This token is not in the organisation's registry.");
  if (row.revokedAt) {
    return row.revokedReason === "key_revoked"
      ? refuse("key_revoked", "The key that signed this token has been revoked.")
      : refuse("revoked", "This token has been revoked.");
  }

  const stream = await lookupStream(req.stream);
  if (!stream) return refuse("unknown_stream", `There is no stream named "${req.stream}".`);
  if (stream.orgId !== verified.orgId) return refuse("stream_not_allowed", "This token does not allow this stream.");
  if ("groupid" in claims && claims.groupid !== stream.streamId) return refuse("stream_not_allowed", "This stream is not part of the token's stream group.");
  if ("streams" in claims && !claims.streams.includes(req.stream)) return refuse("stream_not_allowed", "This stream is not in the token's list of streams.");

  if (claims.ip !== undefined) {
    if (!req.ip) return refuse("ip_required", "This token is restricted by IP address; send the viewer's ip.");
    if (!parseIp(req.ip) || !ipMatches(claims.ip, req.ip)) return refuse("ip_not_allowed", "The viewer's IP address is not allowed by this token.");
  }
  if (claims.domain !== undefined) {
    if (!req.origin) return refuse("domain_required", "This token is restricted to a domain; send the page's origin.");
    if (!domainMatches(claims.domain, req.origin)) return refuse("domain_not_allowed", "The page's domain is not allowed by this token.");
  }
  return { allowed: true, orgId: verified.orgId, jti: claims.jti, expiresAt: new Date(claims.exp * 1000), stream: req.stream };
}
