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

/** The answer an edge reads: a status and headers, no body to parse. */
export function checkResponse(decision: CheckDecision, method: string): Response {
  const maxAge = cacheSeconds(decision);
  // Not "private": the edge's own cache (nginx proxy_cache, keyed by token, stream, client address and
  // origin in deploy/edge/nginx-hls.conf) is the one meant to keep it, and nginx 1.22 stores nothing
  // marked private when Cache-Control comes before X-Accel-Expires.
  const headers = new Headers({
    "Cache-Control": maxAge > 0 ? `max-age=${maxAge}` : "no-store",
    "X-Accel-Expires": String(maxAge),
  });
  if (decision.degraded) headers.set("X-Playgate-Degraded", "1");
  if (decision.allowed) {
    if (decision.jti) headers.set("X-Playgate-Jti", decision.jti);
    if (decision.expiresAt) headers.set("X-Playgate-Expires", decision.expiresAt.toISOString());
    headers.set("X-Playgate-Stream", decision.stream);
    if (decision.open) headers.set("X-Playgate-Reason", "token_not_required");
    return new Response(null, { status: 204, headers });
  }
  headers.set("X-Playgate-Reason", decision.reason);
  if (decision.status === 401) headers.set("WWW-Authenticate", 'Bearer realm="playback"');
  // A short sentence for whoever reads the edge's log; nginx drops a sub-request's body anyway.
  const body = method === "HEAD" ? null : `${decision.reason}: ${decision.message}\n`;
  headers.set("Content-Type", "text/plain; charset=utf-8");
  return new Response(body, { status: decision.status, headers });
}

/** GET, HEAD, POST and OPTIONS of /api/v1/playback/check[/<original path>]. */
export async function handleCheck(req: NextRequest, params: Record<string, string | string[]>): Promise<Response> {
  const rest = params.path ? `/${[params.path].flat().map(encodeURIComponent).join("/")}${req.nextUrl.search}` : req.nextUrl.search ? `/${req.nextUrl.search}` : "";
  const method = (req.headers.get("x-forwarded-method") || req.headers.get("x-original-method") || req.method).toUpperCase();
  // A CORS preflight never carries credentials: let it through, or no cross-origin player could send a token header.
  if (method === "OPTIONS" && req.headers.get("access-control-request-method")) {
    return new Response(null, { status: 204, headers: { "Cache-Control": "no-store", "X-Accel-Expires": "0", "X-Playgate-Reason": "preflight" } });
  }
  const edge = getConfig().edge;
  const request = readEdgeRequest(req.headers, rest, edgePeer(req.headers), edge);
  const decision = await checkPlayback(request);
  if (decision.allowed) void noteHttpViewer(decision.stream, decision.jti, request.ip);
  return checkResponse(decision, req.method);
}
