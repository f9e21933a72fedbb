// GET|HEAD|POST|OPTIONS /api/v1/playback/check — the forward-auth check edges call per viewer request
// (anonymous, like authorize): 204 allow, 401 no token, 403 refused, the reason in X-Playgate-Reason.
import { publicRoute } from "@/lib/api/route";
import * as c from "@/lib/api/contracts/tokens";
import { handleCheck } from "@/lib/edge/check-handler";

export const dynamic = "force-dynamic";

export const GET = publicRoute(c.checkGet, async ({ req, params }) => handleCheck(req, params));
export const HEAD = publicRoute(c.checkHead, async ({ req, params }) => handleCheck(req, params));
export const POST = publicRoute(c.checkPost, async ({ req, params }) => handleCheck(req, params));
export const OPTIONS = publicRoute(c.checkOptions, async ({ req, params }) => handleCheck(req, params));
