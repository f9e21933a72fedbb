// GET /api/v1/organisations/{orgId}/jwks.json — one organisation's playback-token keys (= iss + "/jwks.json"; public on purpose).
import { publicRoute } from "@/lib/api/route";
import * as c from "@/lib/api/contracts/tokens";
import { publicJwks } from "@/lib/data/signing-keys";

export const dynamic = "force-dynamic";

export const GET = publicRoute(c.jwksOrg, async ({ params }) => ({
  json: await publicJwks(String(params.orgId)),
  headers: { "Cache-Control": "public, max-age=300" },
}));
