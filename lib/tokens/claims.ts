// Playback-token claims and the pure matching helpers behind the `domain` restriction (the `ip`
// restriction is lib/tokens/ip.ts, on node:net). No Node or server imports here.

export const TOKEN_AUDIENCE = "playgate:playback";
export const TOKEN_TYPE = "playback+jwt";
export const TOKEN_ALG = "ES256";

export type TokenTarget = { groupid: string } | { streams: string[] } | { orgawide: true };

/**
 * One entry of MediaMTX's `mediamtx_permissions` claim (its default authJWTClaimKey), as its
 * authMethod: jwt reads it: an action and a path (the exact path name; MediaMTX reads "" as any
 * path and a leading "~" as a regex, neither of which a stream name can be).
 */
export type MediamtxPermission = { action: "read"; path: string };
export const MEDIAMTX_CLAIM = "mediamtx_permissions";

/** What we put in every token (nanoStream's names where they exist). */
export type PlaybackClaims = TokenTarget & {
  iss: string;
  aud: typeof TOKEN_AUDIENCE;
  org: string;
  jti: string;
  iat: number;
  exp: number;
  nbf?: number;
  ip?: string;
  domain?: string;
  user?: string;
  tag?: string;
  /** The caller's own value, as nanoStream's `cust`. */
  cust?: string;
  /** Only when asked for (the `mediamtx` option): read on the token's stream names. */
  mediamtx_permissions?: MediamtxPermission[];
};

export function issuerFor(appUrl: string, orgId: string): string {
  return `${appUrl.replace(/\/$/, "")}/api/v1/organisations/${orgId}`;
}

// ---- Domains ------------------------------------------------------------------------------

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

function isHostName(host: string): boolean {
  return host.length <= 253 && host.split(".").every((label) => LABEL.test(label));
}

/** "example.com", "player.example.com" or "*.example.com" (the wildcard base needs two labels). */
export function isValidDomainClaim(text: string): boolean {
  const value = text.trim().toLowerCase();
  if (value.startsWith("*.")) {
    const base = value.slice(2);
    return isHostName(base) && base.includes(".");
  }
  return isHostName(value);
}

/** The host name of an Origin header ("https://a.example.com:8443") or a bare host. */
export function originHost(origin: string): string | null {
  const value = origin.trim().toLowerCase();
  if (!value) return null;
  let host: string;
  try {
    host = value.includes("://") ? new URL(value).hostname : new URL(`http://${value}`).hostname;
  } catch {
    return null;
  }
  host = host.replace(/\.$/, "");
  return host || null;
}

/**
 * Does the request's origin match the token's `domain` claim? Exact host names match exactly.
 * "*.example.com" matches any subdomain at any depth (a.example.com, a.b.example.com) but NOT
 * example.com itself: a token for the apex names the apex.
 */
export function domainMatches(claim: string, origin: string): boolean {
  const host = originHost(origin);
  if (!host) return false;
  const rule = claim.trim().toLowerCase();
  if (rule.startsWith("*.")) return host.endsWith(rule.slice(1)) && host.length > rule.length - 1;
  return host === rule;
}
