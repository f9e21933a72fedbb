// GET /api/v1/me — who am I: the key or token that authenticated, its organisation and role.
import { apiRoute } from "@/lib/api/route";
import * as c from "@/lib/api/contracts/me";
import { getOrganisation } from "@/lib/data/organisations";

export const dynamic = "force-dynamic";

export const GET = apiRoute(c.me, async ({ actor }) => {
  const org = await getOrganisation(actor.orgId);
  return {
    json: {
      credential: actor.kind === "api_key" ? ("api_key" as const) : ("session_token" as const),
      user: actor.userId ? { id: actor.userId, email: actor.email } : null,
      role: actor.role,
      organisation: { id: org.id, name: org.name },
    },
  };
});
