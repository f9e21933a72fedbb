// POST /api/v1/streams/{id}/events — report a stream event (publish, publish_done, play, play_done): updates the stream's state and notifies the webhook.
import { apiRoute } from "@/lib/api/route";
import { getStream, setStreamState } from "@/lib/data/streams";
import { emitOrgEvent } from "@/lib/webhooks/events";
import * as c from "@/lib/api/contracts/organisation";

export const dynamic = "force-dynamic";

const NEXT_STATE = { publish: "live", publish_done: "idle" } as const;

export const POST = apiRoute(c.streamEvent, async ({ actor, params, body }) => {
  const id = String(params.id);
  const { event } = body;
  // Other organisations' streams are "not found", like missing ones.
  const stream = event in NEXT_STATE ? await setStreamState(actor.orgId, id, NEXT_STATE[event as keyof typeof NEXT_STATE], actor) : await getStream(actor.orgId, id);
  const queued = await emitOrgEvent(actor.orgId, event, {
    stream: { id: stream.id, name: stream.name, state: stream.state },
    streamNames: stream.renditions.map((r) => r.streamName),
  });
  return { status: 202, json: { event, stream: { id: stream.id, state: stream.state }, webhookQueued: queued !== null } };
});
