import "server-only";
import { db, dbProvider, joinSql, sql } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { getConfig } from "@/lib/config";
import { hitRateLimit } from "@/lib/data/rate-limits";
import type { Tx } from "@/lib/data/transaction";

export interface AuditInput {
  action: string;
  target?: { type: string; id?: string | null; label?: string | null };
  result?: "ok" | "denied" | "error";
  details?: Record<string, unknown>;
}

/**
 * Writes one audit event through `tx`, the transaction of the change it records (lib/data/
 * transaction.ts), so the change never commits without it. Only events that record no change (a
 * refusal) pass `db`. Details must never contain secrets: callers pass ids and labels.
 * An actor deleted while their request ran (its change already made) is recorded as the schema
 * records a deleted actor's older events: no user id, the email snapshot kept. Looked up first,
 * not caught: on PostgreSQL a failed insert would abort the whole transaction.
 */
/**
 * Whether the acting user still exists. On PostgreSQL the row is locked FOR KEY SHARE until the
 * change commits, so a delete waits for it instead of slipping in between this look-up and the
 * insert (whose foreign key would then fail and roll the whole change back).
 */
async function actorStillThere(tx: Tx, userId: string): Promise<boolean> {
  if (dbProvider() === "postgresql") {
    const rows = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "User" WHERE "id" = ${userId} FOR KEY SHARE`;
    return rows.length > 0;
  }
  return (await tx.user.count({ where: { id: userId } })) > 0;
}

export async function recordAudit(tx: Tx, actor: Actor, input: AuditInput): Promise<void> {
  const actorUserId = actor.userId && (await actorStillThere(tx, actor.userId)) ? actor.userId : null;
  await tx.auditEvent.create({
    data: {
      orgId: actor.orgId,
      actorUserId,
      actorEmail: actor.email,
      actorKind: actor.kind,
      action: input.action,
      targetType: input.target?.type ?? null,
      targetId: input.target?.id ?? null,
      targetLabel: input.target?.label ?? null,
      result: input.result ?? "ok",
      details: JSON.stringify({ via: actor.label, ...input.details }),
    },
  });
}

/**
 * A request the permission table refused before it reached the data layer (a server action or an
 * /api/v1 route): audited as "permission.denied" naming what was asked for. At most the API rate
 * limit's worth per actor and window, so replaying a refused request in a loop cannot grow the log
 * without bound (server actions have no rate limit of their own). Never fails the refusal itself:
 * the 403 goes out even if the log cannot be written.
 */
export async function recordRefusal(actor: Actor, asked: string, permission: string): Promise<void> {
  try {
    const limit = await hitRateLimit(`audit-refusal:${actor.kind}:${actor.userId ?? actor.label}`, getConfig().limits.api);
    if (limit.limited) return;
    await recordAudit(db, actor, { action: "permission.denied", target: { type: "request", label: asked }, result: "denied", details: { permission } });
  } catch (error) {
    console.error("[audit] could not record a refusal", asked, error instanceof Error ? error.message : error);
  }
}

/** What an event's target is called now: a stream's or user's current name, a token's tag. */
export interface AuditTargetName {
  /** The name to show; null when the row names nothing better than its own label. */
  name: string | null;
  /** False when the stream, token or user is gone (deleted): shown by its label, not linked. */
  exists: boolean;
}

type TargetRef = { targetType: string | null; targetId: string | null };

/** The key `describeAuditTargets` answers under. */
export const auditTargetKey = (type: string, id: string) => `${type}:${id}`;

/**
 * Current names of the streams, playback tokens and users a page of audit events targets, in three
 * queries at most, scoped to the organisation (an id of another organisation reads as gone).
 */
export async function describeAuditTargets(orgId: string, events: TargetRef[]): Promise<Map<string, AuditTargetName>> {
  const ids = (type: string) => [...new Set(events.filter((e) => e.targetType === type && e.targetId).map((e) => e.targetId as string))];
  const [streams, tokens, users] = [ids("stream"), ids("playbackToken"), ids("user")];
  const [streamRows, tokenRows, userRows] = await Promise.all([
    streams.length ? db.stream.findMany({ where: { orgId, id: { in: streams } }, select: { id: true, name: true } }) : [],
    tokens.length ? db.playbackToken.findMany({ where: { orgId, id: { in: tokens } }, select: { id: true, tag: true } }) : [],
    users.length ? db.user.findMany({ where: { orgId, id: { in: users } }, select: { id: true, email: true } }) : [],
  ]);
  const names = new Map<string, AuditTargetName>();
  const fill = (type: string, wanted: string[], found: Array<{ id: string; name: string | null }>) => {
    const byId = new Map(found.map((row) => [row.id, row.name]));
    for (const id of wanted) names.set(auditTargetKey(type, id), { name: byId.get(id) ?? null, exists: byId.has(id) });
  };
  fill("stream", streams, streamRows);
  fill("playbackToken", tokens, tokenRows.map((row) => ({ id: row.id, name: row.tag })));
  fill("user", users, userRows.map((row) => ({ id: row.id, name: row.email })));
  return names;
}

/**
 * A failed sign-in to an existing account, in its organisation's log: a wrong password, or the one
 * attempt that locked the email for the rest of its window. Bounded by the sign-in limit (at most
 * `limits.login.max` wrong passwords and one lock per email and window), so a flood of guesses
 * cannot grow the log without bound. Recorded as "not signed in": whoever typed the password is
 * not known to be the account's owner. The caller does not wait for it (a known email must not
 * answer slower than an unknown one); never throws.
 */
export function recordSignInFailure(account: { id: string; orgId: string; email: string }, reason: "wrong_password" | "locked", address: string): Promise<void> {
  return db.auditEvent
    .create({
      data: {
        orgId: account.orgId,
        actorEmail: account.email,
        actorKind: "anonymous",
        action: reason === "locked" ? "auth.sign_in_locked" : "auth.sign_in_failed",
        targetType: "user",
        targetId: account.id,
        targetLabel: account.email,
        result: "denied",
        details: JSON.stringify({ via: "sign-in", address: address || null }),
      },
    })
    .then(
      () => undefined,
      (error: unknown) => console.error("[audit] could not record a failed sign-in", error instanceof Error ? error.message : error),
    );
}

export interface AuditFilter {
  actor?: string;
  action?: string;
  from?: Date;
  to?: Date;
}

/** Newest first, keyset-paginated by (createdAt, id). */
/**
 * The action names this organisation's log holds, for the audit page's Action filter to offer. One
 * pass over the (orgId, action, createdAt) index; at most 200 names.
 */
export async function listAuditActions(orgId: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ action: string }[]>`SELECT DISTINCT "action" FROM "AuditEvent" WHERE "orgId" = ${orgId} ORDER BY "action" LIMIT 200`;
  return rows.map((row) => row.action);
}

/** A LIKE pattern for "contains `text`" that takes backslash, `%` and `_` literally (with ESCAPE '\'). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

type Edge = { id: string; createdAt: Date } | null;

/**
 * The ids of one page filtered by actor. Prisma's `contains` is a LIKE without ESCAPE, so `%` and
 * `_` typed into the filter were wildcards (and SQLite's LIKE has no escape character unless the
 * query names one): this one query says ESCAPE, and reads the same on SQLite and PostgreSQL.
 */
async function pageIdsByActor(orgId: string, filter: AuditFilter & { actor: string }, edge: Edge, newer: boolean, take: number) {
  const op = newer ? sql`>` : sql`<`;
  const direction = newer ? sql`ASC` : sql`DESC`;
  const conditions = [
    sql`"orgId" = ${orgId}`,
    sql`"actorEmail" LIKE ${containsPattern(filter.actor)} ESCAPE '\\'`,
    ...(filter.action ? [sql`"action" = ${filter.action}`] : []),
    ...(filter.from ? [sql`"createdAt" >= ${filter.from}`] : []),
    ...(filter.to ? [sql`"createdAt" <= ${filter.to}`] : []),
    ...(edge ? [sql`("createdAt" ${op} ${edge.createdAt} OR ("createdAt" = ${edge.createdAt} AND "id" ${op} ${edge.id}))`] : []),
  ];
  const rows = await db.$queryRaw<{ id: string }[]>`SELECT "id" FROM "AuditEvent" WHERE ${joinSql(conditions, " AND ")} ORDER BY "createdAt" ${direction}, "id" ${direction} LIMIT ${take}`;
  return rows.map((row) => row.id);
}

/** Newest first, by keyset: `cursor` pages to older events, `before` to newer ones (like the other lists). */
export async function listAuditEvents(orgId: string, filter: AuditFilter, page: { limit: number; cursor?: string; before?: string }) {
  const ref = page.before ?? page.cursor;
  const edge = ref ? await db.auditEvent.findFirst({ where: { id: ref, orgId }, select: { id: true, createdAt: true } }) : null;
  const newer = Boolean(page.before && edge);
  const op = newer ? "gt" : "lt";
  const actor = filter.actor;
  const where = actor
    ? { orgId, id: { in: await pageIdsByActor(orgId, { ...filter, actor }, edge, newer, page.limit + 1) } }
    : {
        orgId,
        ...(filter.action ? { action: filter.action } : {}),
        ...(filter.from || filter.to ? { createdAt: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lte: filter.to } : {}) } } : {}),
        ...(edge ? { OR: [{ createdAt: { [op]: edge.createdAt } }, { createdAt: edge.createdAt, id: { [op]: edge.id } }] } : {}),
      };
  const rows = await db.auditEvent.findMany({
    where,
    orderBy: newer ? [{ createdAt: "asc" }, { id: "asc" }] : [{ createdAt: "desc" }, { id: "desc" }],
    take: page.limit + 1,
    include: { actor: { select: { id: true } } },
  });
  const more = rows.length > page.limit;
  const slice = rows.slice(0, page.limit);
  if (newer) slice.reverse();
  const items = slice.map((row) => ({ ...row, actorDeleted: row.actorKind !== "api_key" && row.actorKind !== "system" && row.actorKind !== "anonymous" && !row.actor }));
  const first = items[0];
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: last && (newer || more) ? last.id : null,
    newerCursor: first && (newer ? more : Boolean(edge)) ? first.id : null,
  };
}

/**
 * Every event the filter matches, newest first, a page at a time, so an export of a long log is
 * never held in memory whole.
 */
export async function* auditEventsForExport(orgId: string, filter: AuditFilter, pageSize = 500) {
  let cursor: string | undefined;
  for (;;) {
    const { items, nextCursor } = await listAuditEvents(orgId, filter, { limit: pageSize, cursor });
    yield* items;
    if (!nextCursor) return;
    cursor = nextCursor;
  }
}
