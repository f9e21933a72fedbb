// POST /api/v1/streams/{id}/events — report a stream event (publish, publish_done, play, play_done): updates the stream's state and notifies the webhook.
import { apiRoute } from "@/lib/api/route";
import { reportStreamEvent } from "@/lib/data/streams";
import * as c from "@/lib/api/contracts/organisation";

export const dynamic = "force-dynamic";

export const POST = apiRoute(c.streamEvent, async ({ actor, params, body }) => {
  // The state change, its audit event and the webhook delivery commit together in the data layer.
  const { stream, webhookQueued } = await reportStreamEvent(actor, String(params.id), body.event);
  return { status: 202, json: { event: body.event, stream: { id: stream.id, state: stream.state }, webhookQueued } };
});
