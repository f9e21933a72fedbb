import "server-only";
import { SECURE_SESSION_COOKIE, SESSION_COOKIE } from "@/lib/auth/cookies";
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import type { JWT } from "next-auth/jwt";
import { decode } from "@/lib/auth/jwt-codec";
import { getConfig } from "@/lib/config";
import { resolveSessionToken, sessionEndReason, type CurrentUser } from "@/lib/data/sessions";
import { can, type Permission } from "@/lib/permissions";
import type { Actor } from "@/lib/auth/actor";


/** Decodes the encrypted next-auth cookie (no database). */
export const readSessionJwt = cache(async (): Promise<JWT | null> => {
  const store = await cookies();
  const raw = store.get(SECURE_SESSION_COOKIE)?.value ?? store.get(SESSION_COOKIE)?.value;
  if (!raw) return null;
  try {
    return await decode({ token: raw, secret: getConfig().authSecret });
  } catch {
    return null;
  }
});

/**
 * The signed-in user, checked against the database on every request (deleted users, role
 * changes and token-key resets end the session here). Cached per request.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const jwt = await readSessionJwt();
  if (!jwt?.st) return null;
  return resolveSessionToken(jwt.st);
});

/** The caller's own session API token (only ever shown to its owner). */
export async function getOwnSessionApiToken(): Promise<string | null> {
  const user = await getCurrentUser();
  const jwt = await readSessionJwt();
  return user && jwt?.st ? jwt.st : null;
}

/** The header the proxy stamps with the page's path and query, so sign-in can return there. */
export const PAGE_PATH_HEADER = "x-playgate-path";

/**
 * For pages: signed in, else to /login; permitted, else the "not permitted" page. A browser whose
 * session ended (an administrator changed their access, or it expired) is told why on the sign-in
 * page, and comes back to the page it was on.
 */
export async function requireUser(permission?: Permission): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) {
    const jwt = await readSessionJwt();
    const login = new URLSearchParams();
    if (jwt?.st) login.set("ended", await sessionEndReason(jwt.st));
    const path = (await headers()).get(PAGE_PATH_HEADER);
    if (path && path !== "/") login.set("callbackUrl", path);
    const query = login.toString();
    redirect(query ? `/login?${query}` : "/login");
  }
  if (permission && !can(user.role, permission)) redirect(`/not-permitted?need=${encodeURIComponent(permission)}`);
  return user;
}

export function actorFromUser(user: CurrentUser): Actor {
  return { kind: "user", orgId: user.orgId, role: user.role, userId: user.id, email: user.email, label: user.tokenLabel };
}
