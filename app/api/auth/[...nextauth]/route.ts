// GET|POST /api/auth/* — next-auth (public on purpose: sign-in, sign-out, CSRF, session).
// Before the credentials callback runs, a caller over the failed-login limit gets a 429.
import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { getAuthOptions } from "@/lib/auth/options";
import { getConfig } from "@/lib/config";
import { peekRateLimit } from "@/lib/data/rate-limits";
import { clientIp } from "@/lib/auth/request-info";
import { loginRateLimitKeys } from "@/lib/auth/login-limit";

type Ctx = { params: Promise<{ nextauth: string[] }> };

async function handle(req: NextRequest, ctx: Ctx) {
  const handler = NextAuth(getAuthOptions());
  return handler(req, { params: await ctx.params });
}

export async function GET(req: NextRequest, ctx: Ctx) {
  return handle(req, ctx);
}

export async function POST(req: NextRequest, ctx: Ctx) {
  const { nextauth } = await ctx.params;
  if (nextauth.join("/") === "callback/credentials") {
    const form = await req.clone().formData().catch(() => null);
    const email = String(form?.get("email") ?? "");
    const config = getConfig();
    const states = await Promise.all(loginRateLimitKeys(email, clientIp(req.headers)).map((key) => peekRateLimit(key, config.limits.login)));
    const limited = states.find((s) => s.count >= config.limits.login.max);
    if (limited) {
      return Response.json(
        { url: `${config.appUrl}/login?error=rate_limited`, error: "rate_limited" },
        { status: 429, headers: { "Retry-After": String(limited.retryAfterSec) } },
      );
    }
  }
  return handle(req, ctx);
}
