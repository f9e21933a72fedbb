// POST /api/v1/organisation/api-key/rotate — new master API key (shown once); the old one stops working.
import { apiRoute } from "@/lib/api/route";
import * as c from "@/lib/api/contracts/organisation";
import { rotateMasterKey } from "@/lib/data/api-keys";

export const dynamic = "force-dynamic";

export const POST = apiRoute(c.rotateMasterKey, async ({ actor }) => ({ json: await rotateMasterKey(actor) }));
