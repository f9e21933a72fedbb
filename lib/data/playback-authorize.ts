import "server-only";
import { decodeJwt } from "jose";
import { namedCache } from "@/lib/caches";
import { db } from "@/lib/db";
import { getConfig } from "@/lib/config";
import { hasPackage } from "@/lib/packages";
import { lastKnownVerificationKey, resolveVerificationKey } from "@/lib/data/signing-keys";
import { registryRowOf, type RegistryRow } from "@/lib/data/registry-view";
import { domainMatches } from "@/lib/tokens/claims";
import { ipMatches, parseIp } from "@/lib/tokens/ip";
import { isShortRef } from "@/lib/tokens/short-ref";
import { recheckTimes, verifyPlaybackToken, type DenyReason, type Verified } from "@/lib/tokens/verify";
import type { AuthorizeRequest } from "@/lib/validation/tokens";
import { countCheck } from "@/lib/data/usage";

/**
 * Allowed, or refused with the first reason (`reason`, `message`) and every reason it fails for
 * (`reasons`, first included): a token that verifies is judged on registry, stream, ip and domain
 * each, so a wrong IP and a wrong origin are both named. A token that does not verify has one.
 */
export type AuthorizeResult = { allowed: true; orgId: string; jti: string; expiresAt: Date; stream: string } | { allowed: false; reason: DenyReason; message: string; reasons: DenyReason[] };

/** Where a decision reads the registry, keys and streams from: the database, or what it last read there. */
export type Source = "database" | "last-known";

export type StreamRow = { streamId: string; orgId: string; /** playback needs a token */ gated: boolean };

// stream name → (group, org, gated). Names change rarely; a short TTL (lib/caches.ts) bounds staleness
// after a rename, delete or switch elsewhere. Revocation is not kept here: it is the registry view's
// (lib/data/registry-view.ts), current by the revocation feed. A name that does not exist is remembered too (row: null), as before. Expired entries
// stay readable for degraded checks.
const streamCache = namedCache<string, { row: StreamRow | null }>("authorize.streams", async (name) => {
  const found = await db.streamRendition.findUnique({
    where: { streamName: name },
    select: { streamId: true, orgId: true, stream: { select: { requiresToken: true, org: { select: { packages: true } } } } },
  });
  if (!found) return { row: null };
  return { row: { streamId: found.streamId, orgId: found.orgId, gated: found.stream.requiresToken && hasPackage(found.stream.org.packages, "secure_playback") } };
});

/** The stream a name plays, its organisation and whether it needs a token; null when there is none. */
export async function lookupStream(name: string, source: Source = "database"): Promise<StreamRow | null> {
  if (source === "last-known") return streamCache.peek(name, { allowStale: true })?.row ?? null;
  return (streamCache.get(name) ?? (await streamCache.forceFetch(name))).row;
}

/** This instance's own writes: the next check reads these names afresh. */
export function forgetStreamNames(names: string[]): void {
  for (const name of names) streamCache.delete(name);
}

// Verified tokens by their exact text (docs/performance.md#p3: edges ask about the same token repeatedly).
// Only what cannot change is cached — signature, issuer, audience, type, lifetime; the clock,
// the key's status and the token's revocation are checked again on every call.
const verifiedCache = namedCache<string, Verified>("authorize.verified-tokens");

// A cached token's key status comes with its registry row (joined), so a repeated token costs no
// query while the registry view is fresh (lib/data/registry-view.ts), one query otherwise.
async function verifyCached(token: string, source: Source, hit = verifiedCache.get(token)): Promise<(Verified & { keyStatusFromRegistry?: true }) | { ok: false; reason: DenyReason; message: string }> {
  if (!hit) {
    const resolveKey = source === "database" ? resolveVerificationKey : lastKnownVerificationKey;
    const verified = await verifyPlaybackToken(token, { appUrl: getConfig().appUrl, resolveKey });
    if (verified.ok) verifiedCache.set(token, verified);
    return verified;
  }
  const late = recheckTimes(hit.payload);
  if (late) return late;
  return { ...hit, keyStatusFromRegistry: true };
}


// The revocations this instance last knew, per token: what a degraded check decides from.
const lastKnownRegistry = namedCache<string, RegistryRow | { missing: true }>("authorize.last-known-registry");

function jtiOf(token: string): string | null {
  try {
    const jti = decodeJwt(token).jti;
    return typeof jti === "string" && jti ? jti : null;
  } catch {
    return null;
  }
}

async function registryRow(jti: string | null, source: Source): Promise<RegistryRow | null | "unknown"> {
  if (!jti) return null;
  if (source === "last-known") {
    const known = lastKnownRegistry.get(jti);
    return !known ? "unknown" : "missing" in known ? null : known;
  }
  // This instance's view of the registry, current by the revocation feed (lib/data/registry-view.ts).
  const row = await registryRowOf(jti);
  lastKnownRegistry.set(jti, row ?? { missing: true });
  return row;
}

// A short reference names one token for ever; only the database can say which, once.
const refCache = namedCache<string, { token: string | null }>("authorize.refs", async (ref) => ({
  token: (await db.playbackToken.findUnique({ where: { ref }, select: { token: true } }))?.token ?? null,
}));

/** The token a short reference stands for, or null when it names none. */
async function tokenOfRef(ref: string, source: Source): Promise<string | null> {
  const hit = refCache.get(ref);
  if (hit || source === "last-known") return hit?.token ?? null;
  const { token } = await refCache.forceFetch(ref);
  if (!token) refCache.delete(ref); // a reference may be created later; only found ones are kept
  return token;
}

const refuse = (reason: DenyReason, message: string): AuthorizeResult => ({ allowed: false, reason, message, reasons: [reason] });

/** What the registry row says against a verified token, or null when it allows it. */
function registryDenial(row: RegistryRow | null, verified: Verified & { keyStatusFromRegistry?: true }): [DenyReason, string] | null {
  if (verified.keyStatusFromRegistry && row && row.kid === verified.kid) {
    if (!row.keyStatus) return ["unknown_key", "The token was signed with a key we do not know."];
    if (row.keyStatus === "revoked") return ["key_revoked", "The key that signed this token has been revoked."];
  }
  if (!row || row.orgId !== verified.orgId || row.kid !== verified.kid) return ["revoked", "This token is not in the organisation's registry."];
  if (row.revokedAt) return row.revokedReason === "key_revoked" ? ["key_revoked", "The key that signed this token has been revoked."] : ["revoked", "This token has been revoked."];
  return null;
}

/**
 * May this viewer play `stream` with `token` (a JWT or its short reference)? Used by
 * POST /api/v1/playback/authorize, the edge check and hooks (lib/data/playback-check.ts) and the UI's
 * "Test this token". Order: signature and claims → registry (revocation) → stream → ip → domain.
 * With source "last-known" nothing is read from the database (degraded checks): a token never seen
 * is judged by its signature and claims alone. With `count`, the check is counted for the token and
 * the stream (lib/data/usage.ts): the edge's checks and authorize are, "Test this token" is not.
 */
export async function authorizePlayback(req: AuthorizeRequest, source: Source = "database", count = false): Promise<AuthorizeResult> {
  let token = req.token;
  if (isShortRef(token)) {
    const found = await tokenOfRef(token, source);
    if (!found) return refuse("revoked", "This short reference names no token in the registry.");
    token = found;
  }
  // The registry lookup starts beside the signature check; its result is used only once the
  // token has verified.
  // A token verified before names its jti in the cached payload: no second decode.
  const known = verifiedCache.get(token);
  const rowPromise = registryRow(known ? known.payload.jti : jtiOf(token), source);
  rowPromise.catch(() => undefined);
  const verified = await verifyCached(token, source, known);
  if (!verified.ok) {
    // A token verified before and now out of its time (expired) is still that token: counted for it.
    if (count && known) countCheck({ orgId: known.orgId, jti: known.payload.jti, outcome: verified.reason, ip: req.ip, origin: req.origin });
    return refuse(verified.reason, verified.message);
  }
  const claims = verified.payload;

  const found = await rowPromise;
  // Every check from here on is made, so a refusal names all it fails; the first is `reason`.
  const failed: [DenyReason, string][] = [];
  const fail = (reason: DenyReason, message: string) => void failed.push([reason, message]);
  if (found === "unknown" && verified.keyStatusFromRegistry) {
    const key = await lastKnownVerificationKey(verified.kid);
    if (key?.status === "revoked") fail("key_revoked", "The key that signed this token has been revoked.");
  }
  const denied = found === "unknown" ? null : registryDenial(found, verified);
  if (denied) fail(...denied);

  const stream = await lookupStream(req.stream, source);
  if (!stream) fail("unknown_stream", `There is no stream named "${req.stream}".`);
  else if (stream.orgId !== verified.orgId) fail("stream_not_allowed", "This token does not allow this stream.");
  else if ("groupid" in claims && claims.groupid !== stream.streamId) fail("stream_not_allowed", "This stream is not part of the token's stream group.");
  else if ("streams" in claims && !claims.streams.includes(req.stream)) fail("stream_not_allowed", "This stream is not in the token's list of streams.");

  if (claims.ip !== undefined) {
    if (!req.ip) fail("ip_required", "This token is restricted by IP address; send the viewer's ip.");
    else if (!parseIp(req.ip) || !ipMatches(claims.ip, req.ip)) fail("ip_not_allowed", "The viewer's IP address is not allowed by this token.");
  }
  if (claims.domain !== undefined) {
    if (!req.origin) fail("domain_required", "This token is restricted to a domain; send the page's origin.");
    else if (!domainMatches(claims.domain, req.origin)) fail("domain_not_allowed", "The page's domain is not allowed by this token.");
  }
  if (count) {
    // Per stream only for the token's own organisation's stream.
    const streamId = stream && stream.orgId === verified.orgId ? stream.streamId : undefined;
    countCheck({ orgId: verified.orgId, jti: claims.jti, streamId, outcome: failed.length ? failed[0][0] : "allowed", ip: req.ip, origin: req.origin });
  }
  if (failed.length) return { allowed: false, reason: failed[0][0], message: failed[0][1], reasons: failed.map(([reason]) => reason) };
  return { allowed: true, orgId: verified.orgId, jti: claims.jti, expiresAt: new Date(claims.exp * 1000), stream: req.stream };
}
