import "server-only";
import { getConfig } from "@/lib/config";
import { authorizePlayback, lookupStream, type Source } from "@/lib/data/playback-authorize";
import type { EdgeRequest } from "@/lib/edge/check-request";
import type { DenyReason } from "@/lib/tokens/verify";
import { noteDatabaseAnswered, noteEdgeOutage, resetEdgeOutage } from "@/lib/data/edge-outage";
import { countCheck } from "@/lib/data/usage";

/** The authorize endpoint's reasons, and the two only an edge check gives. */
export type CheckReason = DenyReason | "token_required" | "unavailable";

export type CheckDecision =
  | { allowed: true; /** no token was needed */ open: boolean; orgId: string; stream: string; jti?: string; expiresAt?: Date; degraded: boolean }
  | { allowed: false; status: 401 | 403; reason: CheckReason; message: string; degraded: boolean };

/** A query that has not answered by then counts as an outage: an edge must get an answer, never a 5xx or a hang. */
export const CHECK_DATABASE_DEADLINE_MS = 2_000;


const deny = (status: 401 | 403, reason: CheckReason, message: string, degraded: boolean): CheckDecision => ({ allowed: false, status, reason, message, degraded });

// Printable ASCII only: a JWT is base64url and dots, a short reference hex. Anything else
// (NUL, spaces, non-ASCII) is refused before it reaches a query.
const TOKEN_TEXT = /^[\x21-\x7e]{1,8192}$/;

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the database did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

async function decide(req: EdgeRequest & { stream: string }, source: Source, orgId: string | undefined): Promise<CheckDecision> {
  const degraded = source === "last-known";
  if (!req.token) {
    const stream = await lookupStream(req.stream, source);
    const open = Boolean(stream && !stream.gated && (!orgId || stream.orgId === orgId));
    if (stream && (!orgId || stream.orgId === orgId)) countCheck({ orgId: stream.orgId, streamId: stream.streamId, outcome: open ? "allowed" : "token_required" });
    if (stream && open) return { allowed: true, open: true, orgId: stream.orgId, stream: req.stream, degraded };
    return deny(401, "token_required", "This stream needs a playback token: send it as Authorization: Bearer, X-Playgate-Token, a token query parameter or the token cookie.", degraded);
  }
  const result = await authorizePlayback({ token: req.token, stream: req.stream, ip: req.ip, origin: req.origin }, source, true);
  if (!result.allowed) return deny(403, result.reason, result.message, degraded);
  if (orgId && result.orgId !== orgId) return deny(403, "stream_not_allowed", "This token belongs to another organisation than this hook's.", degraded);
  return { allowed: true, open: false, orgId: result.orgId, stream: result.stream, jti: result.jti, expiresAt: result.expiresAt, degraded };
}

/**
 * May the viewer behind this edge request play? The one decision behind the forward-auth check and
 * the media-server hooks; the token rules are authorize's (lib/data/playback-authorize.ts). While the
 * database is unreachable it decides from what this instance last read (marked degraded), and
 * after PLAYGATE_EDGE_DEGRADED_SECONDS refuses with `unavailable`. It never throws.
 */
export async function checkPlayback(req: EdgeRequest, options: { orgId?: string } = {}): Promise<CheckDecision> {
  const stream = req.stream;
  if (!stream) return deny(403, "unknown_stream", "No stream name in the request: check PLAYGATE_EDGE_STREAM_PATTERN or send X-Playgate-Stream.", false);
  if (req.token !== null && !TOKEN_TEXT.test(req.token)) return deny(403, "malformed", "The token is not a JWT or a short reference.", false);
  const named = { ...req, stream };
  try {
    const decision = await withDeadline(decide(named, "database", options.orgId), CHECK_DATABASE_DEADLINE_MS);
    noteDatabaseAnswered();
    return decision;
  } catch (error) {
    const now = Date.now();
    const since = noteEdgeOutage(error, now);
    const limitMs = getConfig().edge.degradedSeconds * 1000;
    if (now - since >= limitMs) return deny(403, "unavailable", "Playgate cannot reach its database; playback is refused until it can.", true);
    try {
      return await decide(named, "last-known", options.orgId);
    } catch {
      return deny(403, "unavailable", "Playgate cannot reach its database; playback is refused until it can.", true);
    }
  }
}

/** For tests: forget an outage this process saw. */
export function resetDegradedForTests(): void {
  resetEdgeOutage();
}
