// A convenience only: anonymous page requests go to /login, and a page the session's role may not
// open shows "not permitted" — decided from the session cookie alone, without a database call.
// Every page, action and route checks the session and its permission again itself.
// Every answer from here also carries the page CSP with a fresh nonce (SECURITY.md row 16).
import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { getConfig } from "@/lib/config";
import { can, isPublicPath, pagePermission } from "@/lib/permissions";
import { withHsts } from "@/lib/hsts";
import { newNonce, pageCsp, type CspAdditions } from "@/lib/security-headers";
import { decode } from "@/lib/auth/jwt-codec";

export async function proxy(req: NextRequest) {
  const config = getConfig();
  const path = req.nextUrl.pathname;
  // Next reads the nonce from the request's CSP and puts it on the scripts it renders; whatever
  // CSP the client sent is replaced. The response carries the same policy.
  const csp = pageCsp(newNonce(), { dev: process.env.NODE_ENV === "development", add: pageCspAdditions(path, config.edge.hlsUrl) });
  const headers = new Headers(req.headers);
  headers.set("Content-Security-Policy", csp);
  // The page's own address, for a sign-in that returns there (lib/auth/session.ts requireUser);
  // whatever a client sent under this name is replaced.
  headers.set("x-playgate-path", path + req.nextUrl.search);
  const request = { headers };
  const done = (res: NextResponse) => {
    res.headers.set("Content-Security-Policy", csp);
    withHsts(res);
    // Credential pages (keys, tokens, secrets) must never be stored by browsers or proxies.
    if (/^\/(organisation|account|secure)(\/|$)/.test(path)) res.headers.set("Cache-Control", "no-store");
    return res;
  };

  // API routes answer 401/403 as JSON themselves; public pages need no session. (/api/v1 and
  // /api/health do not come here at all: see the matcher.)
  if (path.startsWith("/api/") || isPublicPath(path) || path === "/not-permitted") return done(NextResponse.next({ request }));

  const token = await getToken({ req, secret: config.authSecret, secureCookie: config.appUrl.startsWith("https://"), decode });
  if (!token?.st) {
    const login = new URL("/login", req.url);
    if (path !== "/") login.searchParams.set("callbackUrl", path + req.nextUrl.search);
    return done(NextResponse.redirect(login));
  }
  const permission = pagePermission(path);
  if (permission && !can(token.role, permission)) {
    const url = new URL("/not-permitted", req.url);
    url.searchParams.set("need", permission);
    return done(NextResponse.rewrite(url, { status: 403, request }));
  }
  return done(NextResponse.next({ request }));
}

/**
 * The Playout page's preview player: hls.js fetches the edge's playlists and segments and plays
 * them from blob: media in a blob: worker. Only that page gets these; every other page keeps 'self'.
 */
function pageCspAdditions(path: string, hlsUrl: string | null): CspAdditions {
  if (!/^\/playout\/[^/]+$/.test(path)) return {};
  let edge: string[] = [];
  try {
    edge = hlsUrl ? [new URL(hlsUrl.replaceAll("{stream}", "x")).origin] : [];
  } catch {
    // lib/config.ts has checked it is an absolute URL
  }
  return { "connect-src": edge, "media-src": ["blob:", ...edge], "worker-src": ["blob:"] };
}

export const config = {
  matcher: ["/((?!api/v1/|api/health|_next/static|_next/image|favicon.ico|robots.txt|manifest.webmanifest|icon.svg).*)"],
};
