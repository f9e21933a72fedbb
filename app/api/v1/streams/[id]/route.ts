// GET|PATCH|DELETE /api/v1/streams/{id} — one stream: read (with its usage), rename/retag/token switch, delete (admin).
import { apiRoute } from "@/lib/api/route";
import * as c from "@/lib/api/contracts/streams";
import { deleteStream, getStream, renameStream, setStreamRequiresToken, setStreamTags } from "@/lib/data/streams";
import { viewersNow } from "@/lib/data/viewers";
import { usageLastHour } from "@/lib/data/usage";

export const dynamic = "force-dynamic";

export const GET = apiRoute(c.getStream, async ({ actor, params }) => {
  const stream = await getStream(actor.orgId, String(params.id));
  const [viewers, lastHour] = await Promise.all([viewersNow(actor.orgId, stream.id), usageLastHour(actor.orgId, stream.id)]);
  return { json: { ...c.streamJson(stream), usage: { viewersNow: viewers.total, lastHour: lastHour.map((m) => ({ ...m, minute: m.minute.toISOString() })) } } };
});

export const PATCH = apiRoute(c.updateStream, async ({ actor, params, body }) => {
  const id = String(params.id);
  if (body.name !== undefined) await renameStream(actor, id, body.name);
  if (body.tags !== undefined) await setStreamTags(actor, id, body.tags);
  if (body.requiresToken !== undefined) await setStreamRequiresToken(actor, id, body.requiresToken);
  return { json: c.streamJson(await getStream(actor.orgId, id)) };
});

export const DELETE = apiRoute(c.deleteStream, async ({ actor, params }) => {
  await deleteStream(actor, String(params.id));
  return { json: { ok: true as const } };
});
