// POST /api/v1/organisations/{orgId}/hooks/mediamtx — MediaMTX's authMethod: http for one
// organisation (public on purpose: the token or ingest key in the request decides).
import { publicRoute } from "@/lib/api/route";
import * as c from "@/lib/api/contracts/hooks";
import { handleMediamtx } from "@/lib/edge/hooks/mediamtx";

export const dynamic = "force-dynamic";

export const POST = publicRoute(c.mediamtxHook, ({ req, params }) => handleMediamtx(String(params.orgId), req));
