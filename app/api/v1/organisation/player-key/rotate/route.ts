// POST /api/v1/organisation/player-key/rotate — new public player key.
import { apiRoute } from "@/lib/api/route";
import * as c from "@/lib/api/contracts/organisation";
import { rotatePlayerKey } from "@/lib/data/organisation-settings";

export const dynamic = "force-dynamic";

export const POST = apiRoute(c.rotatePlayerKey, async ({ actor }) => ({ json: await rotatePlayerKey(actor) }));
