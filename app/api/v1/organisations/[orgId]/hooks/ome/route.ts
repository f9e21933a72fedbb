// POST /api/v1/organisations/{orgId}/hooks/ome — OvenMediaEngine's AdmissionWebhooks for one
// organisation (public on purpose: the request is signed with the organisation's OME secret, and
// the token or ingest key in its URL decides). Defined in lib/edge/routes.ts.
import { hookRoutes } from "@/lib/edge/routes";

export const dynamic = "force-dynamic";

export const { POST } = hookRoutes.ome;
