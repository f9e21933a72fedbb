// GET /api/v1/me — who am I: the key or token that authenticated, its organisation and role.
import { apiRoute } from "@/lib/api/route";
import { getOrganisation } from "@/lib/data/organisations";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ name: "GET /api/v1/me", permission: "org:read" }, async ({ actor }) => {
  const org = await getOrganisation(actor.orgId);
  return {
    json: {
      credential: actor.kind === "api_key" ? "api_key" : "session_token",
      user: actor.userId ? { id: actor.userId, email: actor.email } : null,
      role: actor.role,
      organisation: { id: org.id, name: org.name },
    },
  };
});
