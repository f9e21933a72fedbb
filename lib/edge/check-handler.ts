import "server-only";
import type { NextRequest } from "next/server";
import { getConfig } from "@/lib/config";
import { edgePeer } from "@/lib/auth/request-info";
import { checkPlayback, type CheckDecision } from "@/lib/data/playback-check";
import { readEdgeRequest } from "@/lib/edge/check-request";
import { noteHttpViewer } from "@/lib/data/viewers";

/** The check's own path: what follows it is the viewer's original path (Envoy ext_authz path_prefix). */
export const CHECK_PATH = "/api/v1/playback/check";

/** Seconds an edge may keep this answer: the setting, never past the token's exp; 0 when it must not. */
export function cacheSeconds(decision: CheckDecision, now = Date.now()): number {
  const setting = getConfig().edge.cacheSeconds;
  if (!decision.allowed) return decision.reason === "unavailable" ? 0 : setting;
  if (!decision.expiresAt) return setting;
  return Math.max(0, Math.min(setting, Math.floor((decision.expiresAt.getTime() - now) / 1000)));
}

/** The check's answer as plain data: Next's door makes a Response of it, server.ts's writes it as is. */
export interface CheckAnswer {
  status: 204 | 401 | 403;
  headers: Record<string, string>;
  /** null for 204 and for HEAD */
  body: string | null;
}

/** The answer an edge reads: a status and headers, no body to parse. */
export function checkAnswer(decision: CheckDecision, method: string): CheckAnswer {
  const maxAge = cacheSeconds(decision);
  // Not "private": the edge's own cache (nginx proxy_cache, keyed by token, stream, client address and
  // origin in deploy/edge/nginx-hls.conf) is the one meant to keep it, and nginx 1.22 stores nothing
  // marked private when Cache-Control comes before X-Accel-Expires.
  const headers: Record<string, string> = {
    "Cache-Control": maxAge > 0 ? `max-age=${maxAge}` : "no-store",
    "X-Accel-Expires": String(maxAge),
  };
  if (decision.degraded) headers["X-Playgate-Degraded"] = "1";
  if (decision.allowed) {
    if (decision.jti) headers["X-Playgate-Jti"] = decision.jti;
    if (decision.expiresAt) headers["X-Playgate-Expires"] = decision.expiresAt.toISOString();
    headers["X-Playgate-Stream"] = decision.stream;
    if (decision.open) headers["X-Playgate-Reason"] = "token_not_required";
    return { status: 204, headers, body: null };
  }
  headers["X-Playgate-Reason"] = decision.reason;
  if (decision.status === 401) headers["WWW-Authenticate"] = 'Bearer realm="playback"';
  headers["Content-Type"] = "text/plain; charset=utf-8";
  // A short sentence for whoever reads the edge's log; nginx drops a sub-request's body anyway.
  return { status: decision.status, headers, body: method === "HEAD" ? null : `${decision.reason}: ${decision.message}\n` };
}

/** A plain answer as a web Response (Next's door, and tests that call the route in-process). */
const asResponse = ({ status, headers, body }: CheckAnswer): Response => new Response(body, { status, headers });

const PREFLIGHT: CheckAnswer = { status: 204, headers: { "Cache-Control": "no-store", "X-Accel-Expires": "0", "X-Playgate-Reason": "preflight" }, body: null };

/**
 * The check for a request with these headers and method; `rest` is what follows the check's own
 * path (Envoy's original path and query, or just the query). Both doors call this.
 */
export async function answerCheck(headers: { get(name: string): string | null }, requestMethod: string, rest: string): Promise<CheckAnswer> {
  const method = (headers.get("x-forwarded-method") || headers.get("x-original-method") || requestMethod).toUpperCase();
  // A CORS preflight never carries credentials: let it through, or no cross-origin player could send a token header.
  if (method === "OPTIONS" && headers.get("access-control-request-method")) return { ...PREFLIGHT, headers: { ...PREFLIGHT.headers } };
  const edge = getConfig().edge;
  const request = readEdgeRequest(headers, rest, edgePeer(headers), edge);
  const decision = await checkPlayback(request);
  if (decision.allowed) void noteHttpViewer(decision.stream, decision.jti, request.ip);
  return checkAnswer(decision, requestMethod);
}

/** What follows the check's path: the catch-all's segments (re-encoded) and the query. */
export function checkRest(path: string[] | undefined, search: string): string {
  return path ? `/${path.map(encodeURIComponent).join("/")}${search}` : search ? `/${search}` : "";
}

/** GET, HEAD, POST and OPTIONS of /api/v1/playback/check[/<original path>] behind Next. */
export async function handleCheck(req: NextRequest, params: Record<string, string | string[]>): Promise<Response> {
  const rest = checkRest(params.path ? [params.path].flat() : undefined, req.nextUrl.search);
  return asResponse(await answerCheck(req.headers, req.method, rest));
}
