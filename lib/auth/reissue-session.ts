import "server-only";
import { SECURE_SESSION_COOKIE, SESSION_COOKIE } from "@/lib/auth/cookies";
// After a user ends all their own sessions (token-key reset, password change) they keep working
// in this browser: a fresh session row and a re-encoded next-auth cookie carrying its token.
import { cookies } from "next/headers";
import { encode } from "@/lib/auth/jwt-codec";
import { getConfig } from "@/lib/config";
import { readSessionJwt } from "@/lib/auth/session";
import { createApiSession, SESSION_MAX_AGE_SEC } from "@/lib/data/sessions";

// The names next-auth uses (and lib/auth/session.ts reads): secure cookies when served over https.

export async function reissueOwnSession(userId: string): Promise<{ expiresAt: Date }> {
  const config = getConfig();
  const previous = (await readSessionJwt()) ?? {};
  const session = await createApiSession(userId);
  const value = await encode({
    token: { ...previous, sub: userId, email: session.user.email, name: session.user.name, sid: session.id, st: session.token, org: session.user.orgId, role: session.user.role },
    secret: config.authSecret,
    maxAge: SESSION_MAX_AGE_SEC,
  });
  const secure = config.appUrl.startsWith("https://");
  (await cookies()).set(secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE, value, { httpOnly: true, sameSite: "lax", path: "/", secure, maxAge: SESSION_MAX_AGE_SEC });
  return { expiresAt: session.expiresAt };
}
