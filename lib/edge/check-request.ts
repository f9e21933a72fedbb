// What an edge's forward-auth sub-request says about the viewer's request, read the way each proxy
// sends it (README, "The edge"): nginx auth_request (X-Original-URI), Traefik ForwardAuth and
// Caddy forward_auth (X-Forwarded-Uri), Envoy ext_authz (the original path after the check's own).
// Pure: the route hands in the headers, the path after the endpoint and what server.ts vouched for.
import type { EdgeSetting } from "@/lib/config";
import type { EdgePeer } from "@/lib/auth/request-info";
import { ipMatches, parseIp } from "@/lib/tokens/ip";

type Headers = { get(name: string): string | null };

export interface EdgeRequest {
  /** The token or its short reference, or null when none was sent. */
  token: string | null;
  /** The viewer's request target (path and query), as the edge saw it. */
  uri: string;
  stream: string | null;
  ip?: string;
  origin?: string;
}

const MAX_STREAM = 256;

function bearer(value: string | null): string | null {
  const m = value?.match(/^\s*Bearer\s+(\S+)\s*$/i);
  return m ? m[1] : null;
}

function cookie(header: string | null, name: string | null): string | null {
  if (!header || !name) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim().replace(/^"(.*)"$/, "$1");
      try {
        return decodeURIComponent(value) || null;
      } catch {
        return value || null;
      }
    }
  }
  return null;
}

function parseUri(uri: string): { path: string; query: URLSearchParams } {
  try {
    const url = new URL(uri, "http://edge.invalid");
    let path = url.pathname;
    try {
      path = decodeURIComponent(path);
    } catch {
      // an undecodable path is matched as it came
    }
    return { path, query: url.searchParams };
  } catch {
    return { path: uri, query: new URLSearchParams() };
  }
}

const trusted = (edge: EdgeSetting, address: string) => edge.trustedProxies.some((range) => ipMatches(range, address));

/**
 * The viewer's address: X-Real-IP, else the nearest X-Forwarded-For entry that is not one of our
 * proxies, but only when the connection comes from a trusted proxy; else the socket's address.
 */
export function viewerIp(peer: EdgePeer | null, edge: EdgeSetting): string | undefined {
  if (!peer) return undefined;
  if (!parseIp(peer.socket) || !trusted(edge, peer.socket)) return parseIp(peer.socket) ? peer.socket : undefined;
  const real = peer.realIp?.trim();
  if (real && parseIp(real)) return real;
  const hops = (peer.forwardedFor ?? "").split(",").map((h) => h.trim()).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    if (!parseIp(hops[i])) break;
    if (!trusted(edge, hops[i]) || i === 0) return hops[i];
  }
  return peer.socket;
}

function originOf(headers: Headers): string | undefined {
  const origin = headers.get("origin")?.trim();
  if (origin) return origin;
  const referer = headers.get("referer")?.trim();
  if (!referer) return undefined;
  try {
    const url = new URL(referer);
    return url.origin === "null" ? undefined : url.origin;
  } catch {
    return undefined;
  }
}

/** `rest` is the path after /api/v1/playback/check ("" when none) with the check's own query. */
export function readEdgeRequest(headers: Headers, rest: string, peer: EdgePeer | null, edge: EdgeSetting): EdgeRequest {
  const uri = headers.get("x-original-uri") || headers.get("x-forwarded-uri") || rest || "/";
  const { path, query } = parseUri(uri);
  const token =
    bearer(headers.get("authorization")) ??
    (headers.get("x-playgate-token")?.trim() || null) ??
    (query.get("token") || null) ??
    cookie(headers.get("cookie"), edge.tokenCookie);
  const named = headers.get("x-playgate-stream")?.trim() || path.match(edge.streamPattern)?.[1] || null;
  return {
    token,
    uri,
    stream: named && named.length <= MAX_STREAM && !named.includes("\0") ? named : null,
    ip: viewerIp(peer, edge),
    origin: originOf(headers),
  };
}
