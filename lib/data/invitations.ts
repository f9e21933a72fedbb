import "server-only";
import { db, isUniqueViolation } from "@/lib/db";
import { hashSecret, randomSecret, SECRET_PREFIX } from "@/lib/crypto";
import { getConfig } from "@/lib/config";
import { ConflictError, NotFoundError, RuleError } from "@/lib/errors";
import { assertCan, isRole, PermissionError, ROLE_RANK, type Role } from "@/lib/permissions";
import { systemActor, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/data/audit";
import { inTransaction } from "@/lib/data/transaction";
import { enqueueWebhook } from "@/lib/data/webhooks";
import { forgetRoleCounts, newUserData } from "@/lib/data/users";

export const INVITATIONS_SHOWN = 50;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Why a link cannot be used; each gets its own message on the invitation page. */
export type InvitationProblem = "unknown" | "expired" | "revoked" | "used";

export const INVITATION_PROBLEMS: Record<InvitationProblem, { title: string; message: string }> = {
  unknown: { title: "This invitation link is not valid", message: "Check that you copied the whole link, or ask an admin for a new one." },
  expired: { title: "This invitation has expired", message: "Invitation links work for a limited time. Ask an admin for a new one." },
  revoked: { title: "This invitation was revoked", message: "An admin withdrew this link. Ask them for a new one if you still need access." },
  used: { title: "This invitation was already used", message: "Each link creates one account. If it was yours, sign in; otherwise ask an admin for a new one." },
};

export class InvitationError extends RuleError {
  constructor(readonly problem: InvitationProblem) {
    super(`${INVITATION_PROBLEMS[problem].title}. ${INVITATION_PROBLEMS[problem].message}`, `invitation_${problem}`);
    this.name = "InvitationError";
  }
}

type InvitationState = { role: string; acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date; createdById: string | null; createdBy: { role: string } | null };

/** Its creator now holds less than the link grants (their role was lowered after making it). */
function outranksCreator(inv: InvitationState): boolean {
  if (!inv.createdById) return false; // the master key, or a deleted user: rotation and deletion revoke their links
  return !inv.createdBy || !isRole(inv.createdBy.role) || (isRole(inv.role) && ROLE_RANK[inv.createdBy.role] < ROLE_RANK[inv.role]);
}

function problemOf(inv: InvitationState | null, now = new Date()): InvitationProblem | null {
  if (!inv) return "unknown";
  if (inv.acceptedAt) return "used";
  // Lowering a role revokes the user's links above it (changeUserRole); reading the creator's role
  // here also refuses a link made while that demotion was under way, or after a role was changed
  // directly in the database.
  if (inv.revokedAt || outranksCreator(inv)) return "revoked";
  if (inv.expiresAt <= now) return "expired";
  return null;
}

const withCreatorRole = { createdBy: { select: { role: true } } } as const;

export function invitationUrl(token: string): string {
  return `${getConfig().appUrl}/invite/${token}`;
}

/**
 * A single-use, expiring link for one role. The raw token (≥128 random bits) is returned once;
 * only its hash is stored. Refuses a role above the inviter's own, even though only admins invite.
 * The master API key invites too (it acts as admin): such links name the key, have no creating
 * user, and are revoked when the key is rotated (rotateMasterKey).
 */
export async function createInvitation(actor: Actor, input: { role: Role; expiresInDays: number }) {
  const target = { type: "invitation" as const, label: input.role };
  try {
    if (!isRole(input.role)) throw new RuleError("Choose admin, user or read-only.", "invalid_role", "role");
    // Checked on its own (not only implied by "only admins invite"), so a wider permission table stays safe.
    if (ROLE_RANK[input.role] > ROLE_RANK[actor.role]) throw new RuleError("You cannot invite someone with more rights than your own.", "role_too_high", "role");
    assertCan(actor.role, "invitation:manage");
  } catch (error) {
    await recordAudit(db, actor, { action: "invitation.created", target, result: "denied", details: { reason: (error as Error).message } });
    throw error;
  }
  const token = randomSecret(SECRET_PREFIX.invitation, 24);
  const invitation = await inTransaction(async (tx) => {
    const invitation = await tx.invitation.create({
      data: {
        orgId: actor.orgId,
        role: input.role,
        tokenHash: hashSecret(token),
        createdById: actor.userId,
        createdByEmail: actor.email,
        expiresAt: new Date(Date.now() + input.expiresInDays * DAY_MS),
      },
    });
    await recordAudit(tx, actor, { action: "invitation.created", target: { ...target, id: invitation.id }, details: { role: input.role, expiresAt: invitation.expiresAt.toISOString() } });
    await enqueueWebhook(tx, actor.orgId, "user.invited", { invitationId: invitation.id, role: invitation.role, expiresAt: invitation.expiresAt.toISOString(), invitedBy: actor.email });
    return invitation;
  });
  return { invitation, token, url: invitationUrl(token) };
}

/** Pending = not used, not revoked, not expired. Newest first, at most INVITATIONS_SHOWN. */
export async function listPendingInvitations(orgId: string) {
  return db.invitation.findMany({
    where: { orgId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
    take: INVITATIONS_SHOWN,
    select: { id: true, role: true, createdByEmail: true, createdAt: true, expiresAt: true },
  });
}

export async function revokeInvitation(actor: Actor, invitationId: string) {
  const target = { type: "invitation", id: invitationId };
  try {
    assertCan(actor.role, "invitation:manage");
    await inTransaction(async (tx) => {
      const { count } = await tx.invitation.updateMany({
        where: { id: invitationId, orgId: actor.orgId, acceptedAt: null, revokedAt: null },
        data: { revokedAt: new Date() },
      });
      if (count === 0) {
        const exists = await tx.invitation.findFirst({ where: { id: invitationId, orgId: actor.orgId }, select: { id: true } });
        if (!exists) throw new NotFoundError("Invitation not found");
        throw new ConflictError("This invitation was already used or revoked.");
      }
      await recordAudit(tx, actor, { action: "invitation.revoked", target });
    });
  } catch (error) {
    if (error instanceof PermissionError || error instanceof NotFoundError || error instanceof ConflictError) {
      await recordAudit(db, actor, { action: "invitation.revoked", target, result: "denied", details: { reason: error.message } });
    }
    throw error;
  }
}

/** What the invitation page shows. Reading has no side effects. */
export async function viewInvitation(token: string) {
  const inv = token.startsWith(SECRET_PREFIX.invitation)
    ? await db.invitation.findUnique({ where: { tokenHash: hashSecret(token) }, include: { org: { select: { name: true } }, ...withCreatorRole } })
    : null;
  const problem = problemOf(inv);
  if (problem || !inv || !isRole(inv.role)) return { ok: false as const, problem: problem ?? "unknown" };
  return { ok: true as const, orgName: inv.org.name, role: inv.role, expiresAt: inv.expiresAt, invitedBy: inv.createdByEmail };
}

/**
 * Creates the invited account. In one transaction: re-check the link, claim it with a
 * conditional update (only one of any number of parallel accepts gets count = 1), then create
 * the user. An email already registered rolls everything back, so the link stays usable.
 */
export async function acceptInvitation(input: { token: string; email: string; name: string; password: string }) {
  // Hashing the password is slow on purpose: do it before holding a transaction open.
  const data = await newUserData({ ...input, role: "readonly" });
  const tokenHash = hashSecret(input.token);
  let result;
  try {
    result = await inTransaction(async (tx) => {
      const now = new Date();
      const inv = input.token.startsWith(SECRET_PREFIX.invitation) ? await tx.invitation.findUnique({ where: { tokenHash }, include: withCreatorRole }) : null;
      const problem = problemOf(inv, now);
      if (problem || !inv) throw new InvitationError(problem ?? "unknown");
      if (!isRole(inv.role)) throw new InvitationError("unknown");
      const claimed = await tx.invitation.updateMany({
        where: { id: inv.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
        data: { acceptedAt: now },
      });
      if (claimed.count !== 1) throw new InvitationError("used");
      const user = await tx.user.create({ data: { ...data, orgId: inv.orgId, role: inv.role }, select: { id: true, email: true, role: true, orgId: true } });
      await tx.invitation.update({ where: { id: inv.id }, data: { acceptedUserId: user.id } });
      const actor = { ...systemActor(inv.orgId, "invitation"), kind: "user" as const, userId: user.id, email: user.email, role: user.role as Role };
      await recordAudit(tx, actor, { action: "invitation.accepted", target: { type: "invitation", id: inv.id }, details: { role: user.role } });
      return user;
    }, { maxWait: 20_000, timeout: 20_000 });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError("An account with this email already exists. Sign in instead.", "email");
    throw error;
  }
  forgetRoleCounts(result.orgId);
  return result;
}
