// GET /api/health — liveness and database reachability (public on purpose).
import { checkDatabase } from "@/lib/data/health";
import { withHsts } from "@/lib/hsts";

export const dynamic = "force-dynamic";

export async function GET() {
  const db = await checkDatabase();
  const headers = { "Cache-Control": "no-store" };
  return withHsts(db.ok ? Response.json({ status: "ok", db: "ok" }, { headers }) : Response.json({ status: "error", db: "unreachable", reason: db.reason }, { status: 503, headers }));
}
