// POST /api/v1/splay — nanoStream Cloud's token request, on the same data layer as /api/v1/secure/token.
import { apiRoute } from "@/lib/api/route";
import * as c from "@/lib/api/contracts/splay";
import { nanoData } from "@/lib/api/nanostream";
import { createPlaybackToken } from "@/lib/data/playback-tokens";
import { apiBodyToTokenInput } from "@/lib/validation/tokens";

export const dynamic = "force-dynamic";

export const POST = apiRoute(c.splay, async ({ actor, body }) => {
  const { revocable, ...fields } = body;
  const created = await createPlaybackToken(actor, apiBodyToTokenInput(fields), "api", { api: "splay", ...(revocable !== undefined ? { revocable } : {}) });
  return nanoData({ token: created.token });
});
