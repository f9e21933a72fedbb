import "server-only";
import { namedCache } from "@/lib/caches";
import { db, dbProvider, rowGone } from "@/lib/db";
import { hashPassword, hashSecret, randomSecret, SECRET_PREFIX, verifyPassword } from "@/lib/crypto";
import { assertCan, can, isRole, PermissionError, ROLE_RANK, ROLES, type Role } from "@/lib/permissions";
import { ConflictError, NotFoundError, RuleError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/data/audit";
import { inTransaction, type Tx } from "@/lib/data/transaction";
import { enqueueWebhook } from "@/lib/data/webhooks";

/** A fresh token key: only its hash and a short display id are kept. */
export function newTokenKey() {
  const value = randomSecret(SECRET_PREFIX.tokenKey);
  const hash = hashSecret(value);
  return { tokenKeyHash: hash, tokenKeyId: `tk_${hash.slice(0, 8)}` };
}

/** Column values for a new user (password hashed, token key generated). */
export async function newUserData(input: { email: string; name: string; password: string; role: Role }) {
  return {
    email: input.email.toLowerCase(),
    name: input.name,
    role: input.role,
    passwordHash: await hashPassword(input.password),
    ...newTokenKey(),
  };
}

/** For sign-in only: the one read that includes the password hash. */
export async function findUserForLogin(email: string) {
  return db.user.findUnique({
    where: { email: email.toLowerCase() },
    omit: { passwordHash: false },
    include: { org: { select: { id: true, name: true } } },
  });
}

// ——— User management ———————————————————————————————————————————————————————————————————————

export const USERS_PAGE_SIZE = 25;

/** Cursor = "<createdAt ms>.<id>": the keyset itself, so paging needs no extra lookup query. */
function encodeCursor(row: { createdAt: Date; id: string }): string {
  return `${row.createdAt.getTime()}.${row.id}`;
}

function decodeCursor(cursor: string | undefined): { createdAt: Date; id: string } | null {
  const match = cursor?.match(/^(\d{1,15})\.([A-Za-z0-9_-]{1,64})$/);
  return match ? { createdAt: new Date(Number(match[1])), id: match[2] } : null;
}

const listSelect = { id: true, email: true, name: true, role: true, tokenKeyId: true, createdAt: true } as const;

/**
 * One page of the organisation's users, newest first, keyset-paginated on (createdAt, id) so it
 * rides the (orgId[, role], createdAt, id) indexes and never loads the whole organisation.
 * `after` pages to older rows, `before` to newer ones (the Pagination component's convention).
 */
export async function listUsers(orgId: string, query: { role?: Role; after?: string; before?: string }, limit = USERS_PAGE_SIZE) {
  const before = decodeCursor(query.before);
  const after = before ? null : decodeCursor(query.after);
  const where = { orgId, ...(query.role ? { role: query.role } : {}) };
  const keyset = (c: { createdAt: Date; id: string }, op: "lt" | "gt") => ({
    OR: [{ createdAt: { [op]: c.createdAt } }, { createdAt: c.createdAt, id: { [op]: c.id } }],
  });
  const rows = await db.user.findMany({
    where: { ...where, ...(after ? keyset(after, "lt") : before ? keyset(before, "gt") : {}) },
    orderBy: before ? [{ createdAt: "asc" }, { id: "asc" }] : [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: listSelect,
  });
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  if (before) page.reverse();
  const first = page[0];
  const last = page[page.length - 1];
  return {
    items: page,
    // Coming from a neighbour page means there is something that way; the extra row tells the other way.
    newerCursor: first && (before ? more : Boolean(after)) ? encodeCursor(first) : null,
    olderCursor: last && (before ? true : more) ? encodeCursor(last) : null,
  };
}

// Users per role: one grouped query on the role index. Counting grows with the organisation
// (~2 ms for 10,000 users) while everything else on the users page costs the same for any size
// (docs/performance.md#p5), so the counts are kept for a few seconds per organisation (lib/caches.ts), one query
// serving concurrent pages. They only label the role filter; this instance forgets them as soon
// as it adds, removes or re-roles a user, and another instance's change shows within the TTL.
const roleCounts = namedCache<string, Record<Role, number>>("users.role-counts", async (orgId) => {
  const groups = await db.user.groupBy({ by: ["role"], where: { orgId }, _count: { _all: true } });
  const counts: Record<Role, number> = { admin: 0, user: 0, readonly: 0 };
  for (const g of groups) if (g.role in counts) counts[g.role as Role] = g._count._all;
  return counts;
});

export function forgetRoleCounts(orgId: string): void {
  roleCounts.delete(orgId);
}

export async function countUsersByRole(orgId: string): Promise<Record<Role, number>> {
  return { ...(roleCounts.get(orgId) ?? (await roleCounts.forceFetch(orgId))) };
}

/** The signed-in user's own account facts for the account page (no secrets). */
export async function getOwnAccount(userId: string, sessionId: string) {
  const [user, session] = await Promise.all([
    db.user.findUnique({ where: { id: userId }, select: { ...listSelect, org: { select: { name: true } } } }),
    db.apiSession.findUnique({ where: { id: sessionId }, select: { expiresAt: true, userId: true } }),
  ]);
  if (!user) throw new NotFoundError("User not found");
  return { ...user, sessionExpiresAt: session?.userId === userId ? session.expiresAt : null };
}

// ——— Writes: every one ends the target's sessions where access changes, and is audited ————————

type Target = { type: "user"; id: string; label?: string | null };
/** Records the write's "ok" audit event inside the write's own transaction. */
type AuditOk = (tx: Tx, label: string, details?: Record<string, unknown>) => Promise<void>;

/** Runs a write that audits itself "ok" in its transaction (`ok(tx, email, details)`), or audits "denied" with the reason. */
async function audited<T>(actor: Actor, action: string, target: Target, work: (ok: AuditOk) => Promise<T>) {
  try {
    return await work((tx, label, details) => recordAudit(tx, actor, { action, target: { ...target, label }, result: "ok", details }));
  } catch (error) {
    const refused = [PermissionError, NotFoundError, ConflictError, RuleError].some((type) => error instanceof type);
    if (refused) await recordAudit(db, actor, { action, target, result: "denied", details: { reason: (error as Error).message } });
    throw error;
  }
}

/**
 * Locks the organisation's admin rows for the rest of the transaction, so "is there another
 * admin?" and the write that depends on it cannot interleave with a concurrent demotion. SQLite
 * needs nothing more: the driver adapter runs one transaction at a time.
 */
async function lockAdminIds(tx: Tx, orgId: string): Promise<string[]> {
  if (dbProvider() === "postgresql") {
    const rows = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "User" WHERE "orgId" = ${orgId} AND "role" = 'admin' ORDER BY "id" FOR UPDATE`;
    return rows.map((row) => row.id);
  }
  const rows = await tx.user.findMany({ where: { orgId, role: "admin" }, select: { id: true } });
  return rows.map((row) => row.id);
}

/** The acting user must still hold the permission now, inside the transaction (not just at sign-in). */
async function assertActorStill(tx: Tx, actor: Actor, permission: "user:manage") {
  assertCan(actor.role, permission);
  if (!actor.userId) return; // master API key or system: checked by their own wrapper
  const me = await tx.user.findFirst({ where: { id: actor.userId, orgId: actor.orgId }, select: { role: true } });
  if (!me || !can(me.role, permission)) throw new PermissionError(permission);
}

async function findInOrg(tx: Tx, actor: Actor, userId: string) {
  const user = await tx.user.findFirst({ where: { id: userId, orgId: actor.orgId }, select: listSelect });
  if (!user) throw new NotFoundError("User not found");
  return user;
}

const endSessions = { sessionVersion: { increment: 1 } } as const;

/**
 * Pending links a user handed out stop working with the rights behind them: every one (`above`
 * omitted), or those granting more than `above`. Used and expired rows are left as they are; the
 * rows stay, naming their creator by email. Returns how many were revoked, for the audit event.
 */
async function revokeInvitationsOf(tx: Tx, userId: string, above?: Role): Promise<number> {
  const roles = above ? ROLES.filter((r) => ROLE_RANK[r] > ROLE_RANK[above]) : null;
  const now = new Date();
  const { count } = await tx.invitation.updateMany({
    where: { createdById: userId, acceptedAt: null, revokedAt: null, expiresAt: { gt: now }, ...(roles ? { role: { in: roles } } : {}) },
    data: { revokedAt: now },
  });
  return count;
}

/**
 * New token key: every session and session API token of that user ends on its next request, and
 * every invitation link they still have pending is revoked (a reset is what follows a suspected
 * leak, and a link is as good as a credential).
 */
export async function resetTokenKey(actor: Actor, userId: string) {
  return audited(actor, "user.token_key_reset", { type: "user", id: userId }, async (ok) => {
    return inTransaction(async (tx) => {
      if (userId !== actor.userId) await assertActorStill(tx, actor, "user:manage");
      await findInOrg(tx, actor, userId);
      const updated = await tx.user.update({
        where: { id: userId },
        data: { ...newTokenKey(), tokenKeyGeneration: { increment: 1 }, ...endSessions },
        select: listSelect,
      }).catch(rowGone("User not found"));
      await tx.apiSession.deleteMany({ where: { userId } });
      const invitationsRevoked = await revokeInvitationsOf(tx, userId);
      await ok(tx, updated.email, { tokenKeyId: updated.tokenKeyId, invitationsRevoked });
      return updated;
    });
  });
}

/** Lowering a role also revokes the user's pending invitations for roles above the new one. */
export async function changeUserRole(actor: Actor, userId: string, role: Role) {
  return audited(actor, "user.role_changed", { type: "user", id: userId }, async (ok) => {
    if (userId === actor.userId) throw new RuleError("You cannot change your own role. Ask another admin.", "own_role", "role");
    if (ROLE_RANK[role] > ROLE_RANK[actor.role]) throw new PermissionError("user:manage");
    const user = await inTransaction(async (tx) => {
      const admins = await lockAdminIds(tx, actor.orgId);
      await assertActorStill(tx, actor, "user:manage");
      const target = await findInOrg(tx, actor, userId);
      if (target.role === role) {
        await ok(tx, target.email, { from: role, to: role, invitationsRevoked: 0 });
        return target;
      }
      if (target.role === "admin" && !admins.some((id) => id !== userId)) {
        throw new ConflictError(`${target.email} is the last admin. Make someone else an admin first.`, "role");
      }
      const updated = await tx.user.update({ where: { id: userId }, data: { role, ...endSessions }, select: listSelect }).catch(rowGone("User not found"));
      await tx.apiSession.deleteMany({ where: { userId } });
      const lowered = isRole(target.role) && ROLE_RANK[role] < ROLE_RANK[target.role];
      const invitationsRevoked = lowered ? await revokeInvitationsOf(tx, userId, role) : 0;
      await ok(tx, updated.email, { from: target.role, to: role, invitationsRevoked });
      return updated;
    });
    forgetRoleCounts(actor.orgId);
    return user;
  });
}

/** Hard delete. Sessions and their invitations go with them; tokens they issued keep the email snapshot. */
export async function deleteUser(actor: Actor, userId: string) {
  return audited(actor, "user.deleted", { type: "user", id: userId }, async (ok) => {
    if (userId === actor.userId) throw new RuleError("You cannot delete your own account. Ask another admin.", "own_account");
    const user = await inTransaction(async (tx) => {
      const admins = await lockAdminIds(tx, actor.orgId);
      await assertActorStill(tx, actor, "user:manage");
      const target = await findInOrg(tx, actor, userId);
      if (target.role === "admin" && !admins.some((id) => id !== userId)) {
        throw new ConflictError(`${target.email} is the last admin and cannot be deleted.`);
      }
      // Links they handed out stop working with them; the rows stay, naming them by email.
      const invitationsRevoked = await revokeInvitationsOf(tx, userId);
      await tx.user.delete({ where: { id: userId } }).catch(rowGone("User not found"));
      await ok(tx, target.email, { role: target.role, invitationsRevoked });
      await enqueueWebhook(tx, actor.orgId, "user.deleted", { userId: target.id, email: target.email, role: target.role, deletedBy: actor.email });
      return { ...target, invitationsRevoked };
    });
    forgetRoleCounts(actor.orgId);
    return user;
  });
}

export async function updateOwnProfile(actor: Actor, input: { name: string }) {
  if (!actor.userId) throw new PermissionError("self:manage");
  const userId = actor.userId;
  return audited(actor, "account.profile_updated", { type: "user", id: userId }, async (ok) => {
    return inTransaction(async (tx) => {
      const user = await tx.user.update({ where: { id: userId }, data: { name: input.name }, select: listSelect }).catch(rowGone("User not found"));
      await ok(tx, user.email);
      return user;
    });
  });
}

/** Needs the current password; ends every session of the user (the caller re-issues its own). */
export async function changeOwnPassword(actor: Actor, input: { currentPassword: string; newPassword: string }) {
  if (!actor.userId) throw new PermissionError("self:manage");
  const userId = actor.userId;
  return audited(actor, "account.password_changed", { type: "user", id: userId }, async (ok) => {
    const current = await db.user.findUnique({ where: { id: userId }, omit: { passwordHash: false } });
    if (!current) throw new NotFoundError("User not found");
    if (!(await verifyPassword(input.currentPassword, current.passwordHash))) {
      throw new RuleError("Your current password is not correct.", "wrong_password", "currentPassword");
    }
    const passwordHash = await hashPassword(input.newPassword);
    return inTransaction(async (tx) => {
      const updated = await tx.user.update({ where: { id: userId }, data: { passwordHash, ...endSessions }, select: listSelect }).catch(rowGone("User not found"));
      await tx.apiSession.deleteMany({ where: { userId } });
      await ok(tx, updated.email);
      return updated;
    });
  });
}
