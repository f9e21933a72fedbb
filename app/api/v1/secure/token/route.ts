// POST /api/v1/secure/token — create a playback token; GET — the token registry.
import { apiRoute } from "@/lib/api/route";
import * as c from "@/lib/api/contracts/tokens";
import { createPlaybackToken, listPlaybackTokens } from "@/lib/data/playback-tokens";
import { apiBodyToTokenInput } from "@/lib/validation/tokens";

export const dynamic = "force-dynamic";

export const POST = apiRoute(c.createToken, async ({ actor, body }) => {
  const created = await createPlaybackToken(actor, apiBodyToTokenInput(body), "api");
  return { json: { token: created.token, ref: created.ref, id: created.id, expiresAt: created.expiresAt.toISOString() } };
});

export const GET = apiRoute(c.listTokens, async ({ actor, query }) => {
  const result = await listPlaybackTokens(actor.orgId, { status: query.status, group: query.groupid, tag: query.tag, user: query.user, limit: query.limit, cursor: query.cursor });
  return { json: { items: result.items.map((t) => c.tokenJson(t, actor.role)), nextCursor: result.nextCursor } };
});
