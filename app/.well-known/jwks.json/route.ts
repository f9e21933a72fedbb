// GET /.well-known/jwks.json — every organisation's published playback-token keys (public on purpose).
import { publicRoute } from "@/lib/api/route";
import * as c from "@/lib/api/contracts/tokens";
import { publicJwks } from "@/lib/data/signing-keys";

export const dynamic = "force-dynamic";

export const GET = publicRoute(c.jwksAll, async () => ({
  json: await publicJwks(),
  headers: { "Cache-Control": "public, max-age=300" },
}));
