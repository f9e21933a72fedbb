// GET /api/v1/audit-events — the audit log with filters (admins).
import { apiRoute } from "@/lib/api/route";
import * as c from "@/lib/api/contracts/organisation";
import { listAuditEvents } from "@/lib/data/audit";

export const dynamic = "force-dynamic";

function details(text: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return {};
  }
}

export const GET = apiRoute(c.listAudit, async ({ actor, query }) => {
  const filter = { actor: query.actor, action: query.action, from: query.from ? new Date(query.from) : undefined, to: query.to ? new Date(query.to) : undefined };
  const { items, nextCursor } = await listAuditEvents(actor.orgId, filter, { limit: query.limit, cursor: query.cursor });
  return {
    json: {
      items: items.map((e) => ({
        id: e.id,
        createdAt: e.createdAt.toISOString(),
        actorEmail: e.actorEmail,
        actorKind: e.actorKind,
        actorDeleted: e.actorDeleted,
        action: e.action,
        result: e.result,
        targetType: e.targetType,
        targetId: e.targetId,
        targetLabel: e.targetLabel,
        details: details(e.details),
      })),
      nextCursor,
    },
  };
});
