import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getConfig } from "@/lib/config";
import { dummyPasswordHash, verifyPassword } from "@/lib/crypto";
import { createApiSession, deleteApiSession, SESSION_MAX_AGE_SEC } from "@/lib/data/sessions";
import { findUserForLogin } from "@/lib/data/users";
import { clearRateLimit, hitRateLimit } from "@/lib/data/rate-limits";
import { loginSchema } from "@/lib/validation/auth";
import { clientIp } from "@/lib/auth/request-info";
import { loginRateLimitKeys } from "@/lib/auth/login-limit";
import { decode, encode } from "@/lib/auth/jwt-codec";

declare module "next-auth/jwt" {
  interface JWT {
    /** ApiSession row id. */
    sid?: string;
    /** The raw session API token, shown to its owner on the overview. */
    st?: string;
    org?: string;
    role?: string;
  }
}

/** Built per request, so `next build` needs no secrets. */
export function getAuthOptions(): NextAuthOptions {
  const config = getConfig();
  process.env.NEXTAUTH_URL ??= config.appUrl;
  return {
    secret: config.authSecret,
    useSecureCookies: config.appUrl.startsWith("https://"),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SEC },
    jwt: { encode, decode },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          const parsed = loginSchema.safeParse({ email: credentials?.email, password: credentials?.password });
          if (!parsed.success) return null;
          const { email, password } = parsed.data;
          const user = await findUserForLogin(email);
          // Verify against a dummy hash for unknown emails: same work, same answer, no enumeration.
          const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
          const keys = loginRateLimitKeys(email, clientIp(req?.headers ?? {}));
          if (!user || !ok) {
            await Promise.all(keys.map((key) => hitRateLimit(key, config.limits.login)));
            return null;
          }
          await clearRateLimit(keys[0]);
          return { id: user.id, email: user.email, name: user.name, role: user.role, orgId: user.orgId };
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          const session = await createApiSession(user.id);
          token.sid = session.id;
          token.st = session.token;
          token.org = session.user.orgId;
          token.role = session.user.role;
        }
        return token;
      },
      // The client-visible session carries no secrets: the API token stays in the encrypted cookie.
      async session({ session, token }) {
        return { ...session, user: { email: token.email, name: token.name } };
      },
    },
    events: {
      async signOut({ token }) {
        if (token?.st) await deleteApiSession(token.st);
      },
    },
  };
}
