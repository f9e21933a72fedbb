// GET /api/v1/organisations/{orgId}/revocations — the revocation feed for offline verifiers (public on purpose, as the JWKS).
import { publicRoute } from "@/lib/api/route";
import * as c from "@/lib/api/contracts/tokens";
import { revocationFeed } from "@/lib/data/revocations";

export const dynamic = "force-dynamic";

export const GET = publicRoute(c.revocationsOrg, async ({ params, query }) => {
  const feed = await revocationFeed(String(params.orgId), query.since, query.limit);
  return {
    json: { items: feed.items.map((i) => ({ ...i, revokedAt: i.revokedAt.toISOString() })), next: feed.next, more: feed.more },
    // Short: a revocation reaches a polling verifier within its interval plus these 5 s.
    headers: { "Cache-Control": "public, max-age=5" },
  };
});
