// PUT /api/v1/organisation/vod — VOD public accessibility on or off.
import { apiRoute } from "@/lib/api/route";
import * as c from "@/lib/api/contracts/organisation";
import { setVodPublic } from "@/lib/data/organisation-settings";

export const dynamic = "force-dynamic";

export const PUT = apiRoute(c.setVod, async ({ actor, body }) => {
  await setVodPublic(actor, body.vodPublic);
  return { json: { vodPublic: body.vodPublic } };
});
