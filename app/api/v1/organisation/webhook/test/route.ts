// POST /api/v1/organisation/webhook/test — queue a signed test event.
import { apiRoute } from "@/lib/api/route";
import * as c from "@/lib/api/contracts/organisation";
import { sendTestEvent } from "@/lib/data/webhooks";

export const dynamic = "force-dynamic";

export const POST = apiRoute(c.testWebhook, async ({ actor }) => {
  const delivery = await sendTestEvent(actor);
  return { json: { deliveryId: delivery.id, messageId: delivery.messageId } };
});
