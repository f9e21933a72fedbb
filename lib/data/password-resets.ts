import "server-only";
// One-time password reset links (issue 19, point 17). Playgate sends no email: an admin (User
// Management) or the operator (`npm run org -- reset-password <email>`) makes a link and hands it
// over. A link works once, for RESET_LINK_HOURS, for one user; making a new one revokes the
// user's earlier ones. Only its SHA-256 is stored (like invitations). Using it sets the password,
// ends every session of the user and clears the email's sign-in lockout. Every step is audited.
import { db } from "@/lib/db";
import { hashPassword, hashSecret, randomSecret, SECRET_PREFIX } from "@/lib/crypto";
import { getConfig } from "@/lib/config";
import { NotFoundError, RateLimitError, RuleError } from "@/lib/errors";
import { assertCan, isRole } from "@/lib/permissions";
import { systemActor, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/data/audit";
import { clearRateLimit, hitRateLimit } from "@/lib/data/rate-limits";
import { inTransaction } from "@/lib/data/transaction";

export const RESET_LINK_HOURS = 24;
const HOUR_MS = 60 * 60 * 1000;

/** Why a link cannot be used; each gets its own words on the reset page. */
export type ResetProblem = "unknown" | "expired" | "used" | "revoked";

export const RESET_PROBLEMS: Record<ResetProblem, { title: string; message: string }> = {
  unknown: { title: "This reset link is not valid", message: "Check that you copied the whole link, or ask an admin of your organisation for a new one." },
  expired: { title: "This reset link has expired", message: `Reset links work for ${RESET_LINK_HOURS} hours. Ask an admin of your organisation for a new one.` },
  used: { title: "This reset link was already used", message: "Each link changes the password once. Sign in with the new password, or ask an admin for a new link." },
  revoked: { title: "This reset link was replaced", message: "A newer link was made for your account, or your account changed since. Use the newest link, or ask an admin for one." },
};

export class ResetLinkError extends RuleError {
  constructor(readonly problem: ResetProblem) {
    super(`${RESET_PROBLEMS[problem].title}. ${RESET_PROBLEMS[problem].message}`, `reset_${problem}`);
    this.name = "ResetLinkError";
  }
}

export function resetUrl(token: string): string {
  return `${getConfig().appUrl}/reset-password/${token}`;
}

type LinkRow = { usedAt: Date | null; revokedAt: Date | null; expiresAt: Date };

function problemOf(link: LinkRow | null, now = new Date()): ResetProblem | null {
  if (!link) return "unknown";
  if (link.usedAt) return "used";
  if (link.revokedAt) return "revoked";
  if (link.expiresAt <= now) return "expired";
  return null;
}

const findLink = (token: string) =>
  token.startsWith(SECRET_PREFIX.passwordReset)
    ? db.passwordReset.findUnique({ where: { tokenHash: hashSecret(token) }, include: { user: { select: { email: true, org: { select: { name: true } } } } } })
    : Promise.resolve(null);

/**
 * A new link for `userId` (in the actor's organisation). Needs user:manage (admins, the master key,
 * the operator's CLI); at most `limits.passwordReset` links per target user and window, so a
 * leaked admin session cannot mint links in a loop unseen. Earlier pending links of the user are
 * revoked. The raw token is returned once.
 */
export async function createPasswordReset(actor: Actor, userId: string) {
  const target = { type: "user", id: userId };
  try {
    assertCan(actor.role, "user:manage");
    const user = await db.user.findFirst({ where: { id: userId, orgId: actor.orgId }, select: { id: true } });
    if (!user) throw new NotFoundError("User not found");
    const limit = await hitRateLimit(`password-reset:user:${userId}`, getConfig().limits.passwordReset);
    if (limit.limited) throw new RateLimitError(limit.retryAfterSec);
  } catch (error) {
    await recordAudit(db, actor, { action: "user.password_reset_link_created", target, result: "denied", details: { reason: (error as Error).message } });
    throw error;
  }
  const token = randomSecret(SECRET_PREFIX.passwordReset, 24);
  const link = await inTransaction(async (tx) => {
    const user = await tx.user.findFirst({ where: { id: userId, orgId: actor.orgId }, select: { id: true, email: true } });
    if (!user) throw new NotFoundError("User not found");
    const now = new Date();
    const replaced = await tx.passwordReset.updateMany({ where: { userId, usedAt: null, revokedAt: null, expiresAt: { gt: now } }, data: { revokedAt: now } });
    const row = await tx.passwordReset.create({
      data: { orgId: actor.orgId, userId, tokenHash: hashSecret(token), createdByEmail: actor.email, expiresAt: new Date(now.getTime() + RESET_LINK_HOURS * HOUR_MS) },
    });
    await recordAudit(tx, actor, { action: "user.password_reset_link_created", target: { ...target, label: user.email }, details: { expiresAt: row.expiresAt.toISOString(), replaced: replaced.count } });
    return { email: user.email, expiresAt: row.expiresAt };
  });
  return { ...link, token, url: resetUrl(token) };
}

/** What the reset page shows. Reading has no side effects. */
export async function viewPasswordReset(token: string) {
  const link = await findLink(token);
  const problem = problemOf(link);
  if (problem || !link) return { ok: false as const, problem: problem ?? "unknown" };
  return { ok: true as const, email: link.user.email, orgName: link.user.org.name, expiresAt: link.expiresAt };
}

/**
 * Uses a link: the password is hashed first (slow on purpose, outside the transaction), then the
 * link is claimed with a conditional update (one of any number of parallel uses wins), the password
 * set and every session ended. Audited as the user. Returns the email, to sign in with.
 */
export async function redeemPasswordReset(input: { token: string; password: string }) {
  const seen = await findLink(input.token);
  const early = problemOf(seen);
  if (early || !seen) throw new ResetLinkError(early ?? "unknown");
  const passwordHash = await hashPassword(input.password);
  const user = await inTransaction(async (tx) => {
    const now = new Date();
    const claimed = await tx.passwordReset.updateMany({ where: { id: seen.id, usedAt: null, revokedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    if (claimed.count !== 1) throw new ResetLinkError(problemOf(await tx.passwordReset.findUnique({ where: { id: seen.id } }), now) ?? "used");
    const user = await tx.user.update({ where: { id: seen.userId }, data: { passwordHash, sessionVersion: { increment: 1 } }, select: { id: true, email: true, orgId: true, role: true } });
    await tx.apiSession.deleteMany({ where: { userId: user.id } });
    const actor: Actor = { ...systemActor(user.orgId, "reset link"), kind: "user", userId: user.id, email: user.email, role: isRole(user.role) ? user.role : "readonly" };
    await recordAudit(tx, actor, { action: "user.password_reset", target: { type: "user", id: user.id, label: user.email }, details: { linkMadeBy: seen.createdByEmail } });
    return user;
  });
  // A locked-out user who got a link can sign in with the new password at once.
  await clearRateLimit(`login:email:${user.email}`);
  return { email: user.email };
}
