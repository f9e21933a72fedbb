// POST /api/v1/secure/token/{id}/revoke — revoke one playback token.
import { apiRoute } from "@/lib/api/route";
import * as c from "@/lib/api/contracts/tokens";
import { revokePlaybackToken } from "@/lib/data/playback-tokens";

export const dynamic = "force-dynamic";

export const POST = apiRoute(c.revokeToken, async ({ actor, params }) => {
  const r = await revokePlaybackToken(actor, String(params.id));
  return { json: { ok: true as const, revokedAt: r.revokedAt.toISOString(), alreadyRevoked: r.alreadyRevoked } };
});
