// POST /api/v1/playback/authorize — may this viewer play this stream with this token? (anonymous; edges call it)
import { publicRoute } from "@/lib/api/route";
import * as c from "@/lib/api/contracts/tokens";
import { authorizePlayback } from "@/lib/data/playback-tokens";

export const dynamic = "force-dynamic";

export const POST = publicRoute(c.authorize, async ({ body }) => {
  const result = await authorizePlayback(body);
  if (!result.allowed) return { status: 403, json: result, headers: { "Cache-Control": "no-store" } };
  return { json: { ...result, expiresAt: result.expiresAt.toISOString() }, headers: { "Cache-Control": "no-store" } };
});
