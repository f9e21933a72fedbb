// GET /api/v1/secure/token/{id} — one token as issued, with decoded header and payload.
import { apiRoute } from "@/lib/api/route";
import * as c from "@/lib/api/contracts/tokens";
import { getPlaybackToken } from "@/lib/data/playback-tokens";

export const dynamic = "force-dynamic";

export const GET = apiRoute(c.getToken, async ({ actor, params }) => {
  const t = await getPlaybackToken(actor.orgId, String(params.id));
  return { json: { ...c.tokenJson(t, actor.role), token: t.token, header: { ...t.header }, payload: { ...t.payload } } };
});
