// GET /organisation/audit/export — the audit page's "Download CSV": the same filters as the page
// (days in UTC), for a signed-in user with audit:read. The API's export (GET
// /api/v1/audit-events.csv) takes API credentials only; this one takes the session cookie.
import { sessionRoute } from "@/lib/auth/session-route";
import { auditQuerySchema } from "@/lib/validation/organisation";
import { auditCsvResponse } from "@/lib/api/audit-csv";

export const dynamic = "force-dynamic";

export const GET = sessionRoute("audit:read", async (req, user) => {
  const q = auditQuerySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  return auditCsvResponse(user.orgId, {
    actor: q.actor || undefined,
    action: q.action || undefined,
    from: q.from ? new Date(`${q.from}T00:00:00.000Z`) : undefined,
    to: q.to ? new Date(`${q.to}T23:59:59.999Z`) : undefined,
  });
});
