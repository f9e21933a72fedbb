// POST /api/v1/organisations/{orgId}/hooks/nginx-rtmp — nginx-rtmp's notify callbacks for one
// organisation (public on purpose: the token or ingest key in the callback decides).
import { publicRoute } from "@/lib/api/route";
import * as c from "@/lib/api/contracts/hooks";
import { handleNginxRtmp, readNotifyForm } from "@/lib/edge/hooks/nginx-rtmp";

export const dynamic = "force-dynamic";

export const POST = publicRoute(c.nginxRtmpHook, async ({ req, params }) => {
  const form = await readNotifyForm(req);
  if (form instanceof Response) return form;
  return handleNginxRtmp(String(params.orgId), form);
});
