// POST /api/v1/users/{id}/reset-token-key — new token key; the user's sessions end.
import { apiRoute } from "@/lib/api/route";
import * as c from "@/lib/api/contracts/users";
import { resetTokenKey } from "@/lib/data/users";

export const dynamic = "force-dynamic";

export const POST = apiRoute(c.resetTokenKey, async ({ actor, params }) => ({ json: c.userJson(await resetTokenKey(actor, String(params.id))) }));
