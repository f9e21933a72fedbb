import "server-only";
import { db } from "@/lib/db";
import { hashSecret, maskSecret, randomSecret, SECRET_PREFIX } from "@/lib/crypto";
import { isRole, type Role } from "@/lib/permissions";

export const SESSION_MAX_AGE_SEC = 12 * 60 * 60;

export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  orgId: string;
  orgName: string;
  sessionId: string;
  /** The session API token's masked form, for audit. */
  tokenLabel: string;
}

/** One row per sign-in; the raw session API token goes only into the encrypted session cookie. */
export async function createApiSession(userId: string) {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
  const token = randomSecret(SECRET_PREFIX.sessionToken, 32);
  const expiresAt = new Date(Date.now() + SESSION_MAX_AGE_SEC * 1000);
  const row = await db.apiSession.create({
    data: {
      orgId: user.orgId,
      userId: user.id,
      tokenHash: hashSecret(token),
      tokenPrefix: maskSecret(token, SECRET_PREFIX.sessionToken),
      tokenKeyGeneration: user.tokenKeyGeneration,
      sessionVersion: user.sessionVersion,
      role: user.role,
      expiresAt,
    },
  });
  return { id: row.id, token, expiresAt, user };
}

/**
 * Resolves a session API token to its user, checked against the database on every call: the
 * user must still exist, with the same session version (role change, reset, password) and
 * token-key generation, and the session must not have expired or been signed out.
 */
export async function resolveSessionToken(token: string, options: { touch?: boolean } = {}): Promise<CurrentUser | null> {
  if (!token.startsWith(SECRET_PREFIX.sessionToken)) return null;
  const row = await db.apiSession.findUnique({
    where: { tokenHash: hashSecret(token) },
    include: { user: { include: { org: { select: { name: true } } } } },
  });
  if (!row || row.expiresAt <= new Date()) return null;
  // The session and its user are read in two queries on PostgreSQL: a user deleted in between
  // comes back as null (the schema says it cannot), and that is simply no session.
  const user = row.user as typeof row.user | null;
  if (!user) return null;
  if (user.sessionVersion !== row.sessionVersion || user.tokenKeyGeneration !== row.tokenKeyGeneration || user.role !== row.role) return null;
  if (!isRole(user.role)) return null;
  if (options.touch && (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000)) {
    // updateMany: a session ended meanwhile (sign-out, role change, user deleted) is no error here.
    await db.apiSession.updateMany({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    orgId: user.orgId,
    orgName: user.org.name,
    sessionId: row.id,
    tokenLabel: row.tokenPrefix,
  };
}

export async function deleteApiSession(token: string): Promise<void> {
  await db.apiSession.deleteMany({ where: { tokenHash: hashSecret(token) } });
}

/**
 * Why a session token this browser still holds no longer signs it in, for the sign-in page's
 * notice: "expired" when it ran out, "access" when its user was removed, their role changed, their
 * token key was reset or their password changed (each ends the session), or it was signed out.
 */
export async function sessionEndReason(token: string): Promise<"expired" | "access"> {
  if (!token.startsWith(SECRET_PREFIX.sessionToken)) return "access";
  const row = await db.apiSession.findUnique({ where: { tokenHash: hashSecret(token) }, select: { expiresAt: true } });
  return row && row.expiresAt <= new Date() ? "expired" : "access";
}
