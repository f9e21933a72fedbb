// GET /organisation/audit/export — the audit page's "Download CSV": the same filters as the page
// (days in UTC), for the signed-in admin. The API's export (GET /api/v1/audit-events.csv) takes
// API credentials only; this one takes the session cookie and checks it and audit:read itself.
import { NextResponse, type NextRequest } from "next/server";
import { getCurrentUser } from "@/lib/auth/session";
import { can } from "@/lib/permissions";
import { auditQuerySchema } from "@/lib/validation/organisation";
import { auditCsvResponse } from "@/lib/api/audit-csv";

export const dynamic = "force-dynamic";

export async function GET(req: NextRequest) {
  const user = await getCurrentUser();
  if (!user) return NextResponse.redirect(new URL("/login?callbackUrl=%2Forganisation%2Faudit", req.url));
  if (!can(user.role, "audit:read")) return new NextResponse("You may not read the audit log.", { status: 403, headers: { "Cache-Control": "no-store" } });
  const q = auditQuerySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  return auditCsvResponse(user.orgId, {
    actor: q.actor || undefined,
    action: q.action || undefined,
    from: q.from ? new Date(`${q.from}T00:00:00.000Z`) : undefined,
    to: q.to ? new Date(`${q.to}T23:59:59.999Z`) : undefined,
  });
}
