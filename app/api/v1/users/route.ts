// GET /api/v1/users — list users (filter by role, cursor pagination).
import { apiRoute } from "@/lib/api/route";
import * as c from "@/lib/api/contracts/users";
import { listUsers } from "@/lib/data/users";

export const dynamic = "force-dynamic";

export const GET = apiRoute(c.listUsers, async ({ actor, query }) => {
  const result = await listUsers(actor.orgId, { role: query.role, after: query.cursor }, query.limit);
  return { json: { items: result.items.map(c.userJson), nextCursor: result.olderCursor } };
});
