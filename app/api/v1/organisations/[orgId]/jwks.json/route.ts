// GET /api/v1/organisations/{orgId}/jwks.json — one organisation's playback-token keys (= iss + "/jwks.json"; public on purpose).
import { publicRoute } from "@/lib/api/route";
import { publicJwks } from "@/lib/data/signing-keys";

export const dynamic = "force-dynamic";

export const GET = publicRoute({ name: "GET /api/v1/organisations/{orgId}/jwks.json" }, async ({ params }) => ({
  json: await publicJwks(String(params.orgId)),
  headers: { "Cache-Control": "public, max-age=300" },
}));
