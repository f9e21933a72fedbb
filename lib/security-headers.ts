// Security headers (SECURITY.md row 16). Pages get a Content-Security-Policy with a fresh nonce
// from proxy.ts: Next reads the nonce from the request's CSP header and puts it on every script it
// renders, so no inline script runs without it. Everything that bypasses the proxy (/api/v1,
// /api/health, static files) gets API_CSP from next.config.ts. HSTS depends on the mode: lib/hsts.ts.
// No imports here: next.config.ts loads this file, and Next's config loader cannot resolve "@/"
// imports inside the files it imports.

export const HSTS = "max-age=63072000; includeSubDomains";

/** Sent on every response (next.config.ts); the CSP is separate because pages and the rest differ. */
export const STATIC_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "X-Frame-Options": "DENY",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
};

/** For answers that are not pages (JSON, static files): nothing in them may load or run anything. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

type Directive = "default-src" | "script-src" | "style-src" | "img-src" | "font-src" | "connect-src" | "media-src" | "worker-src" | "object-src" | "base-uri" | "form-action" | "frame-ancestors";

/**
 * Sources a single page may add, e.g. a player's `blob:` media and workers and its edge in
 * `connect-src`. Scripts are not among them: nothing widens script-src.
 */
export type CspAdditions = Partial<Record<"connect-src" | "media-src" | "worker-src" | "img-src", readonly string[]>>;

/** 128 random bits, base64 (the characters Next accepts in `'nonce-…'`). */
export function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

/**
 * The policy of one page response. Scripts: only those carrying this response's nonce, and what
 * they load ('strict-dynamic': Next's runtime loads its chunks; 'self' is the fallback for
 * browsers without CSP 3). Styles: our stylesheets and the nonce'd inline styles Next renders.
 * `next dev` needs eval (React rebuilds server error stacks with it) and, as Next's CSP guide
 * has it, inline styles for its dev tools; a production build neither.
 */
export function pageCsp(nonce: string, { dev = false, add = {} }: { dev?: boolean; add?: CspAdditions } = {}): string {
  const policy: Record<Directive, string[]> = {
    "default-src": ["'self'"],
    "script-src": ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(dev ? ["'unsafe-eval'"] : [])],
    "style-src": ["'self'", ...(dev ? ["'unsafe-inline'"] : [`'nonce-${nonce}'`])],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "media-src": ["'self'"],
    "worker-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
  };
  for (const [directive, sources] of Object.entries(add) as [Directive, readonly string[]][]) {
    policy[directive] = [...new Set([...policy[directive], ...sources])];
  }
  return Object.entries(policy)
    .map(([directive, sources]) => `${directive} ${sources.join(" ")}`)
    .join("; ");
}
