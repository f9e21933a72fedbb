import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getConfig } from "@/lib/config";
import { dummyPasswordHash, PasswordHashBusyError, passwordHashBusy, verifyPassword } from "@/lib/crypto";
import { createApiSession, deleteApiSession, SESSION_MAX_AGE_SEC } from "@/lib/data/sessions";
import { findUserForLogin } from "@/lib/data/users";
import { recordSignInFailure } from "@/lib/data/audit";
import { loginSchema } from "@/lib/validation/auth";
import { clientIp } from "@/lib/auth/request-info";
import { countSignInAttempt } from "@/lib/auth/login-limit";
import { safeRedirectUrl } from "@/lib/auth/redirect";
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

/**
 * Why the credentials check refused without checking the password, for the route handler to
 * answer with its own status (next-auth itself only knows 401): 429 over a limit, 503 when the
 * password-hash queue is full. Filled in by `authorize`, one per request.
 */
export interface SignInRefusal {
  status?: 429 | 503;
  retryAfterSec?: number;
}

/** Built per request, so `next build` needs no secrets. */
export function getAuthOptions(refusal: SignInRefusal = {}): NextAuthOptions {
  const config = getConfig();
  process.env.NEXTAUTH_URL ??= config.appUrl;
  const refuse = (status: 429 | 503, retryAfterSec: number) => {
    Object.assign(refusal, { status, retryAfterSec });
    return null;
  };
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
        // The limits live here, on the email that is looked up (trimmed, lower-cased by the
        // schema) — not on a field read from the body beforehand, which a JSON body or a repeated
        // field would bypass. Counted before any hash, so a locked account costs no scrypt.
        async authorize(credentials, req) {
          const parsed = loginSchema.safeParse({ email: credentials?.email, password: credentials?.password });
          if (!parsed.success) return null;
          const { email, password } = parsed.data;
          // A full hash queue is answered before anything is counted or read.
          if (passwordHashBusy()) return refuse(503, new PasswordHashBusyError().retryAfterSec);
          const address = clientIp(req?.headers ?? {});
          const attempt = await countSignInAttempt(email, address);
          if (attempt.retryAfterSec !== null) {
            if (attempt.lockStarted) void findUserForLogin(email).then((user) => (user ? recordSignInFailure(user, "locked", address) : undefined), () => undefined);
            return refuse(429, attempt.retryAfterSec);
          }
          const user = await findUserForLogin(email);
          let ok: boolean;
          try {
            // Verify against a dummy hash for unknown emails: same work, same answer, no enumeration.
            ok = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
          } catch (error) {
            if (error instanceof PasswordHashBusyError) return refuse(503, error.retryAfterSec);
            throw error;
          }
          if (user && !ok) void recordSignInFailure(user, "wrong_password", address);
          if (!user || !ok) return null;
          await attempt.succeeded();
          return { id: user.id, email: user.email, name: user.name, role: user.role, orgId: user.orgId };
        },
      }),
    ],
    callbacks: {
      // After sign-in (and sign-out) only a page of this origin, resolved the way a browser would.
      async redirect({ url }) {
        return safeRedirectUrl(url, config.appUrl);
      },
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
