// POST /api/v1/organisation/webhook/rotate-secret — new signing secret, in this answer only.
import { apiRoute } from "@/lib/api/route";
import * as c from "@/lib/api/contracts/organisation";
import { rotateWebhookSecret } from "@/lib/data/webhooks";

export const dynamic = "force-dynamic";

export const POST = apiRoute(c.rotateWebhookSecret, async ({ actor }) => ({ json: await rotateWebhookSecret(actor) }));
