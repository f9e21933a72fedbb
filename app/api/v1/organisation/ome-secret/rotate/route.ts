// POST /api/v1/organisation/ome-secret/rotate — a new OvenMediaEngine AdmissionWebhooks secret, in this answer only.
import { apiRoute } from "@/lib/api/route";
import * as c from "@/lib/api/contracts/hooks";
import { rotateOmeSecret } from "@/lib/data/media-servers";

export const dynamic = "force-dynamic";

export const POST = apiRoute(c.rotateOmeSecret, async ({ actor }) => ({ json: await rotateOmeSecret(actor) }));
