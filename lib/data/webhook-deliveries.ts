import "server-only";
import { db } from "@/lib/db";

/** The delivery log for the API: newest first, keyset-paginated by (createdAt, id). */
export async function listDeliveriesPage(orgId: string, page: { limit: number; cursor?: string }) {
  const cursor = page.cursor ? await db.webhookDelivery.findFirst({ where: { id: page.cursor, orgId }, select: { id: true, createdAt: true } }) : null;
  const rows = await db.webhookDelivery.findMany({
    where: { orgId, ...(cursor ? { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: page.limit + 1,
    omit: { payload: true },
    include: { attemptLog: { orderBy: { attempt: "desc" }, take: 1, select: { latencyMs: true } } },
  });
  const items = rows.slice(0, page.limit).map(({ attemptLog, ...row }) => ({ ...row, lastLatencyMs: attemptLog[0]?.latencyMs ?? null }));
  return { items, nextCursor: rows.length > page.limit ? items[items.length - 1].id : null };
}
