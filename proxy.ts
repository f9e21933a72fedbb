// A convenience only: anonymous page requests go to /login, and a page the session's role may not
// open shows "not permitted" — decided from the session cookie alone, without a database call.
// Every page, action and route checks the session and its permission again itself.
import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { getConfig } from "@/lib/config";
import { can, isPublicPath, pagePermission } from "@/lib/permissions";
import { withHsts } from "@/lib/hsts";
import { decode } from "@/lib/auth/jwt-codec";

export async function proxy(req: NextRequest) {
  const config = getConfig();
  const path = req.nextUrl.pathname;
  const done = (res: NextResponse) => {
    withHsts(res);
    // Credential pages (keys, tokens, secrets) must never be stored by browsers or proxies.
    if (/^\/(organisation|account|secure)(\/|$)/.test(path)) res.headers.set("Cache-Control", "no-store");
    return res;
  };

  // API routes answer 401/403 as JSON themselves; public pages need no session. (/api/v1 and
  // /api/health do not come here at all: see the matcher.)
  if (path.startsWith("/api/") || isPublicPath(path) || path === "/not-permitted") return done(NextResponse.next());

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
    return done(NextResponse.rewrite(url, { status: 403 }));
  }
  return done(NextResponse.next());
}

export const config = {
  matcher: ["/((?!api/v1/|api/health|_next/static|_next/image|favicon.ico|robots.txt|icon.svg).*)"],
};
