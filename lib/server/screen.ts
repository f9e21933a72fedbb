// What server.ts refuses before a request reaches Next, because Next would answer it with a 500
// (and without our security headers): methods nobody serves, addresses that do not decode, and
// cross-origin writes to pages (server actions). Pure functions, so they are tested directly.
import { MAX_API_BODY_BYTES, MAX_AUTH_BODY_BYTES, MAX_OTHER_BODY_BYTES } from "@/lib/validation/limits";

export interface Refusal {
  status: number;
  code: string;
  message: string;
  headers?: Record<string, string>;
}

/** Every method a Playgate route or page answers; TRACE, CONNECT and inventions are refused. */
export const ALLOWED_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
const ALLOWED = new Set<string>(ALLOWED_METHODS);

function decodes(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

/** The path part of a request target ("/a/b?c" → "/a/b"), or null when it is not origin-form. */
export function pathOf(url: string | undefined): string | null {
  if (!url || !url.startsWith("/")) return null;
  const end = url.search(/[?#]/);
  return end < 0 ? url : url.slice(0, end);
}

/** Same origin as the app, judged by the Origin header a browser sends on every cross-origin POST. */
function sameOrigin(origin: string, appUrl: string, host: string | undefined): boolean {
  if (origin === "null") return false;
  try {
    const o = new URL(origin);
    if (o.origin === new URL(appUrl).origin) return true;
    return host !== undefined && o.host === host;
  } catch {
    return false;
  }
}

export function screenRequest(req: { method?: string; url?: string; headers: Record<string, string | string[] | undefined> }, appUrl: string): Refusal | null {
  const method = (req.method ?? "").toUpperCase();
  if (!ALLOWED.has(method)) {
    return { status: 405, code: "method_not_allowed", message: `${method || "This method"} is not supported.`, headers: { Allow: ALLOWED_METHODS.join(", ") } };
  }
  const path = pathOf(req.url);
  if (path === null) return { status: 400, code: "bad_request", message: "The request target must be a path." };
  if (!decodes(path) || /%00/i.test(path)) return { status: 400, code: "bad_request", message: "The address is not valid percent-encoding." };
  // Pages and server actions: a browser names the page's origin on every cross-origin POST. The
  // API is for scripts (credentials in headers, no cookies) and next-auth checks its CSRF token.
  const origin = req.headers.origin;
  if (method !== "GET" && method !== "HEAD" && !path.startsWith("/api/") && typeof origin === "string") {
    const host = typeof req.headers.host === "string" ? req.headers.host : undefined;
    if (!sameOrigin(origin, appUrl, host)) return { status: 403, code: "cross_origin", message: "Cross-origin requests to this page are refused." };
  }
  return null;
}

/** The most a request body to `path` may hold, counted in bytes as it arrives. */
export function bodyLimitFor(path: string): number {
  if (path.startsWith("/api/auth/")) return MAX_AUTH_BODY_BYTES;
  if (path.startsWith("/api/")) return MAX_API_BODY_BYTES;
  return MAX_OTHER_BODY_BYTES;
}
