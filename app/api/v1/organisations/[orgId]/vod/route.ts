// GET /api/v1/organisations/{orgId}/vod — the organisation's VOD items: anonymous when it made VOD public, else with its API key or a session token.
import { publicRoute } from "@/lib/api/route";
import * as c from "@/lib/api/contracts/organisation";
import { apiError } from "@/lib/api/errors";
import { authenticateApiRequest } from "@/lib/api/auth";
import { can } from "@/lib/permissions";
import { getVodAccess, listVodItems } from "@/lib/data/organisation-settings";

export const dynamic = "force-dynamic";

const hasCredentials = (h: Headers) => Boolean(h.get("x-api-key") || h.get("x-bintu-token") || h.get("authorization"));

export const GET = publicRoute(c.vodList, async ({ req, params }) => {
  const orgId = String(params.orgId);
  // Credentials, when sent, must be valid and of this organisation (another org's → 404, as for a missing one).
  if (hasCredentials(req.headers)) {
    const auth = await authenticateApiRequest(req.headers);
    if (!auth) return apiError(401, "unauthenticated", "The key or token sent is not valid.", { headers: { "WWW-Authenticate": "Bearer" } });
    if (auth.actor.orgId !== orgId) return apiError(404, "not_found", "VOD list not found");
    if (!can(auth.actor.role, "org:read")) return apiError(403, "forbidden", "Your key or token is not permitted to do this.");
    await getVodAccess(orgId);
  } else {
    const access = await getVodAccess(orgId);
    if (!access.vodPublic) return apiError(401, "unauthenticated", "This VOD list is private. Send the organisation's X-API-Key, X-BINTU-TOKEN or Authorization: Bearer.", { headers: { "WWW-Authenticate": "Bearer" } });
  }
  const items = await listVodItems(orgId);
  return {
    json: { items: items.map((v) => ({ id: v.id, title: v.title, url: v.url, durationSec: v.durationSec, streamId: v.streamId, createdAt: v.createdAt.toISOString() })) },
  };
});
