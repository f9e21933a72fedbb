// POST /api/v1/secure/token/revoke — bulk revoke by tag or by user claim (tokens issued so far).
import { apiRoute } from "@/lib/api/route";
import * as c from "@/lib/api/contracts/tokens";
import { revokeTokensByTag, revokeTokensByUser } from "@/lib/data/playback-tokens";

export const dynamic = "force-dynamic";

export const POST = apiRoute(c.revokeTokens, async ({ actor, body }) => {
  const { count } = body.tag !== undefined ? await revokeTokensByTag(actor, body.tag) : await revokeTokensByUser(actor, body.user!);
  return { json: { count } };
});
