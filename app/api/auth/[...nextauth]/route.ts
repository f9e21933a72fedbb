// GET|POST /api/auth/* — next-auth (public on purpose: sign-in, sign-out, CSRF, session).
// The credentials check counts and enforces the sign-in limits itself (lib/auth/options.ts); when
// it refused without checking the password, this answers 429 (over a limit) or 503 (password-hash
// queue full) with Retry-After, instead of next-auth's 401.
import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { getAuthOptions, type SignInRefusal } from "@/lib/auth/options";
import { getConfig } from "@/lib/config";

type Ctx = { params: Promise<{ nextauth: string[] }> };

async function handle(req: NextRequest, ctx: Ctx) {
  const refusal: SignInRefusal = {};
  const response = await NextAuth(getAuthOptions(refusal))(req, { params: await ctx.params });
  if (!refusal.status) return response;
  const error = refusal.status === 429 ? "rate_limited" : "busy";
  return Response.json(
    { url: `${getConfig().appUrl}/login?error=${error}`, error },
    { status: refusal.status, headers: { "Retry-After": String(refusal.retryAfterSec ?? 1) } },
  );
}

export async function GET(req: NextRequest, ctx: Ctx) {
  return handle(req, ctx);
}

export async function POST(req: NextRequest, ctx: Ctx) {
  return handle(req, ctx);
}
