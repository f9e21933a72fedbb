// POST /api/v1/organisations/{orgId}/hooks/mediamtx — MediaMTX's authMethod: http for one
// organisation (public on purpose: the token or ingest key in the request decides). Defined in lib/edge/routes.ts.
import { hookRoutes } from "@/lib/edge/routes";

export const dynamic = "force-dynamic";

export const { POST } = hookRoutes.mediamtx;
