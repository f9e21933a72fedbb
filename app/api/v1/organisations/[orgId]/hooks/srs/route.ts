// POST /api/v1/organisations/{orgId}/hooks/srs — SRS's http_hooks for one organisation (public on
// purpose: the token or ingest key in the callback decides). Defined in lib/edge/routes.ts.
import { hookRoutes } from "@/lib/edge/routes";

export const dynamic = "force-dynamic";

export const { POST } = hookRoutes.srs;
