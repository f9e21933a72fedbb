import "server-only";
// The machine-facing routes, defined once: the forward-auth check, authorize and the media-server
// hooks. Next mounts them under app/api/v1 (its route files re-export these), and server.ts answers
// the same paths in front of Next (lib/server/hot-path.ts) so an edge's per-viewer request skips
// Next's router and renderer. Either door runs the same publicRoute wrapper, contract and handler.
import { publicRoute } from "@/lib/api/route";
import * as tokens from "@/lib/api/contracts/tokens";
import * as hooks from "@/lib/api/contracts/hooks";
import { authorizePlayback } from "@/lib/data/playback-tokens";
import { handleCheck } from "@/lib/edge/check-handler";
import { handleMediamtx } from "@/lib/edge/hooks/mediamtx";
import { handleNginxRtmp, readNotifyForm } from "@/lib/edge/hooks/nginx-rtmp";
import { handleOme } from "@/lib/edge/hooks/ome";
import { handleSrs } from "@/lib/edge/hooks/srs";
import type { AuthorizeRequest } from "@/lib/validation/tokens";

/** GET|HEAD|POST|OPTIONS /api/v1/playback/check: 204 allow, 401 no token, 403 refused (X-Playgate-Reason). */
export const checkRoute = {
  GET: publicRoute(tokens.checkGet, async ({ req, params }) => handleCheck(req, params)),
  HEAD: publicRoute(tokens.checkHead, async ({ req, params }) => handleCheck(req, params)),
  POST: publicRoute(tokens.checkPost, async ({ req, params }) => handleCheck(req, params)),
  OPTIONS: publicRoute(tokens.checkOptions, async ({ req, params }) => handleCheck(req, params)),
};

/** /api/v1/playback/check/<original path>: the same check for Envoy ext_authz (path_prefix). */
export const checkPathRoute = {
  GET: publicRoute(tokens.checkPathGet, async ({ req, params }) => handleCheck(req, params)),
  HEAD: publicRoute(tokens.checkPathHead, async ({ req, params }) => handleCheck(req, params)),
  POST: publicRoute(tokens.checkPathPost, async ({ req, params }) => handleCheck(req, params)),
  OPTIONS: publicRoute(tokens.checkPathOptions, async ({ req, params }) => handleCheck(req, params)),
};

/** Authorize's answer for an accepted body: 200 with the grant, or 403 with the reason. */
export async function authorizeAnswer(body: AuthorizeRequest): Promise<{ status: 200 | 403; json: unknown }> {
  const result = await authorizePlayback(body, "database", true);
  if (!result.allowed) return { status: 403, json: result };
  return { status: 200, json: { ...result, expiresAt: result.expiresAt.toISOString() } };
}

/** POST /api/v1/playback/authorize: may this viewer play this stream with this token? */
export const authorizeRoute = {
  POST: publicRoute(tokens.authorize, async ({ body }) => ({ ...(await authorizeAnswer(body)), headers: { "Cache-Control": "no-store" } })),
};

/** POST /api/v1/organisations/{orgId}/hooks/{server}: one organisation's media-server callbacks. */
export const hookRoutes = {
  "nginx-rtmp": {
    POST: publicRoute(hooks.nginxRtmpHook, async ({ req, params }) => {
      const form = await readNotifyForm(req);
      if (form instanceof Response) return form;
      return handleNginxRtmp(String(params.orgId), form);
    }),
  },
  srs: { POST: publicRoute(hooks.srsHook, ({ req, params }) => handleSrs(String(params.orgId), req)) },
  mediamtx: { POST: publicRoute(hooks.mediamtxHook, ({ req, params }) => handleMediamtx(String(params.orgId), req)) },
  ome: { POST: publicRoute(hooks.omeHook, ({ req, params }) => handleOme(String(params.orgId), req)) },
};
