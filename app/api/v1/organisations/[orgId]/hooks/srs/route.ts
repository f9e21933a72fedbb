// POST /api/v1/organisations/{orgId}/hooks/srs — SRS's http_hooks for one organisation (public on
// purpose: the token or ingest key in the callback decides).
import { publicRoute } from "@/lib/api/route";
import * as c from "@/lib/api/contracts/hooks";
import { handleSrs } from "@/lib/edge/hooks/srs";

export const dynamic = "force-dynamic";

export const POST = publicRoute(c.srsHook, ({ req, params }) => handleSrs(String(params.orgId), req));
