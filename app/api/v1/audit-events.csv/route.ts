// GET /api/v1/audit-events.csv — the audit log as a CSV attachment (admins), to keep before the
// retention period removes old events.
import { apiRoute } from "@/lib/api/route";
import * as c from "@/lib/api/contracts/organisation";
import { auditCsvResponse } from "@/lib/api/audit-csv";

export const dynamic = "force-dynamic";

export const GET = apiRoute(c.exportAudit, async ({ actor, query }) =>
  auditCsvResponse(actor.orgId, { actor: query.actor, action: query.action, from: query.from ? new Date(query.from) : undefined, to: query.to ? new Date(query.to) : undefined }),
);
