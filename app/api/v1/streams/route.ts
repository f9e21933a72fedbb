// GET /api/v1/streams — list streams; POST /api/v1/streams — create one.
import { apiRoute } from "@/lib/api/route";
import * as c from "@/lib/api/contracts/streams";
import { createStream, listStreams } from "@/lib/data/streams";

export const dynamic = "force-dynamic";

export const GET = apiRoute(c.listStreams, async ({ actor, query }) => {
  const result = await listStreams(actor.orgId, { tag: query.tag, cursor: query.cursor, limit: query.limit });
  return { json: { items: result.items.map(c.streamJson), nextCursor: result.nextCursor } };
});

export const POST = apiRoute(c.createStream, async ({ actor, body }) => {
  const stream = await createStream(actor, { name: body.name, renditions: body.renditions, tags: body.tags ?? [] });
  return { json: c.streamJson(stream) };
});
