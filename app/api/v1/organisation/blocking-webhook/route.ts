// GET|PUT /api/v1/organisation/blocking-webhook — nanoStream's blocking webhook (URL masked unless webhook:manage).
import { apiRoute } from "@/lib/api/route";
import * as c from "@/lib/api/contracts/organisation";
import { getBlockingWebhook, saveBlockingWebhook } from "@/lib/data/blocking-webhook";

export const dynamic = "force-dynamic";

export const GET = apiRoute(c.getBlockingWebhook, async ({ actor }) => ({ json: await getBlockingWebhook(actor.orgId, actor.role) }));

export const PUT = apiRoute(c.updateBlockingWebhook, async ({ actor, body }) => {
  const { secret } = await saveBlockingWebhook(actor, body);
  return { json: { ...(await getBlockingWebhook(actor.orgId, actor.role)), ...(secret ? { secret } : {}) } };
});
