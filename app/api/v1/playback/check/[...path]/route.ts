// /api/v1/playback/check/<original path> — the same check for Envoy ext_authz (path_prefix), which
// appends the viewer's path and query to the check's own.
import { publicRoute } from "@/lib/api/route";
import * as c from "@/lib/api/contracts/tokens";
import { handleCheck } from "@/lib/edge/check-handler";

export const dynamic = "force-dynamic";

export const GET = publicRoute(c.checkPathGet, async ({ req, params }) => handleCheck(req, params));
export const HEAD = publicRoute(c.checkPathHead, async ({ req, params }) => handleCheck(req, params));
export const POST = publicRoute(c.checkPathPost, async ({ req, params }) => handleCheck(req, params));
export const OPTIONS = publicRoute(c.checkPathOptions, async ({ req, params }) => handleCheck(req, params));
