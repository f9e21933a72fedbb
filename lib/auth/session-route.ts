import "server-only";
// The one wrapper for a route handler that belongs to the dashboard (a download a page links to):
// it takes the session cookie, not API credentials, and checks the session and one named
// permission itself before anything runs. GET only: a cookie-authenticated route must not change
// anything (no CSRF surface), so the wrapper gives no way to define another method.
import { NextResponse, type NextRequest } from "next/server";
import { getCurrentUser } from "@/lib/auth/session";
import type { CurrentUser } from "@/lib/data/sessions";
import { can, type Permission } from "@/lib/permissions";

export function sessionRoute(permission: Permission, run: (req: NextRequest, user: CurrentUser) => Promise<Response>) {
  return async (req: NextRequest): Promise<Response> => {
    const user = await getCurrentUser();
    if (!user) {
      const login = new URL("/login", req.url);
      login.searchParams.set("callbackUrl", req.nextUrl.pathname + req.nextUrl.search);
      return NextResponse.redirect(login);
    }
    if (!can(user.role, permission)) return new NextResponse(`Your role may not do this (needs ${permission}).`, { status: 403, headers: { "Cache-Control": "no-store" } });
    return run(req, user);
  };
}
