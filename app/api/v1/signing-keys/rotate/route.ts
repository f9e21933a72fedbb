// POST /api/v1/signing-keys/rotate — a new key signs from now on.
import { apiRoute } from "@/lib/api/route";
import * as c from "@/lib/api/contracts/tokens";
import { rotateSigningKey } from "@/lib/data/signing-keys";

export const dynamic = "force-dynamic";

export const POST = apiRoute(c.rotateSigningKey, async ({ actor }) => ({ json: await rotateSigningKey(actor) }));
