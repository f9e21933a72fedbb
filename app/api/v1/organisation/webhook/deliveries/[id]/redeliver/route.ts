// POST /api/v1/organisation/webhook/deliveries/{id}/redeliver — send a delivery again.
import { apiRoute } from "@/lib/api/route";
import * as c from "@/lib/api/contracts/organisation";
import { redeliver } from "@/lib/data/webhooks";

export const dynamic = "force-dynamic";

export const POST = apiRoute(c.redeliver, async ({ actor, params }) => {
  await redeliver(actor, String(params.id));
  return { json: { ok: true as const } };
});
