// POST /api/v1/signing-keys/{kid}/revoke — emergency revocation of a signing key.
import { apiRoute } from "@/lib/api/route";
import * as c from "@/lib/api/contracts/tokens";
import { revokeSigningKey } from "@/lib/data/signing-keys";

export const dynamic = "force-dynamic";

export const POST = apiRoute(c.revokeSigningKey, async ({ actor, params }) => ({ json: await revokeSigningKey(actor, String(params.kid)) }));
