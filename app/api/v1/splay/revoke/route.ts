// POST /api/v1/splay/revoke — nanoStream Cloud's revoke, by the token's text.
import { apiRoute } from "@/lib/api/route";
import * as c from "@/lib/api/contracts/splay";
import { NANO, nanoError } from "@/lib/api/nanostream";
import { revokePlaybackToken } from "@/lib/data/playback-tokens";
import { ownTokenId } from "@/lib/data/token-lookup";

export const dynamic = "force-dynamic";

export const POST = apiRoute(c.splayRevoke, async ({ actor, body }) => {
  const id = await ownTokenId(actor.orgId, body.token);
  if (id === "malformed") return nanoError(NANO.malformed);
  if (!id) return nanoError(NANO.notOurs);
  await revokePlaybackToken(actor, id);
  return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
});
