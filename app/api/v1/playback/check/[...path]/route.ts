// /api/v1/playback/check/<original path> — the same check for Envoy ext_authz (path_prefix), which
// appends the viewer's path and query to the check's own. Defined in lib/edge/routes.ts.
import { checkPathRoute } from "@/lib/edge/routes";

export const dynamic = "force-dynamic";

export const { GET, HEAD, POST, OPTIONS } = checkPathRoute;
