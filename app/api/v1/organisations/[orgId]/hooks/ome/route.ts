// POST /api/v1/organisations/{orgId}/hooks/ome — OvenMediaEngine's AdmissionWebhooks for one
// organisation (public on purpose: the request is signed with the organisation's OME secret, and
// the token or ingest key in its URL decides).
import { publicRoute } from "@/lib/api/route";
import * as c from "@/lib/api/contracts/hooks";
import { handleOme } from "@/lib/edge/hooks/ome";

export const dynamic = "force-dynamic";

export const POST = publicRoute(c.omeHook, ({ req, params }) => handleOme(String(params.orgId), req));
