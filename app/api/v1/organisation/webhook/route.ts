// GET|PUT /api/v1/organisation/webhook — webhook settings (secret masked; URL masked unless webhook:manage) and their update.
import { apiRoute } from "@/lib/api/route";
import * as c from "@/lib/api/contracts/organisation";
import { getWebhookSettings, saveWebhookSettings } from "@/lib/data/webhooks";

export const dynamic = "force-dynamic";

const json = (s: Awaited<ReturnType<typeof getWebhookSettings>>) => ({ ...s, updatedAt: s.updatedAt.toISOString() });

export const GET = apiRoute(c.getWebhook, async ({ actor }) => ({ json: json(await getWebhookSettings(actor.orgId, actor.role)) }));

export const PUT = apiRoute(c.updateWebhook, async ({ actor, body }) => {
  const { secret } = await saveWebhookSettings(actor, body);
  return { json: { ...json(await getWebhookSettings(actor.orgId, actor.role)), ...(secret ? { secret } : {}) } };
});
