// POST /api/v1/streams/{id}/ingest-key — create or replace one rendition's ingest key (shown once).
import { apiRoute } from "@/lib/api/route";
import { rotateIngestKey } from "@/lib/data/streams";
import * as c from "@/lib/api/contracts/streams";

export const dynamic = "force-dynamic";

export const POST = apiRoute(c.rotateIngestKey, async ({ actor, params, body }) => {
  const key = await rotateIngestKey(actor, String(params.id), body.streamName);
  return { status: 201, json: { streamName: key.streamName, ingestKey: key.ingestKey, hint: key.hint, createdAt: key.createdAt.toISOString() } };
});
