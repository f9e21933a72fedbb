// What server.ts does with every request, as one listener: screen it, vouch for the caller's
// address, count the body as it arrives, then answer the edge's routes itself (hot-path.ts) and
// hand everything else to Next. Tests start a node:http server with this listener and a stand-in
// for Next, so they reach the edge's routes through the same door an edge does.
import type { IncomingMessage, ServerResponse } from "node:http";
import { bodyLimitFor, pathOf, screenRequest } from "@/lib/server/screen";
import { hasBody, readBodyUpTo, refuse, replayRequest, stampPeer } from "@/lib/server/http";
import { hotRoute, serveHot } from "@/lib/server/hot-path";

export interface ListenerOptions {
  appUrl: string;
  /** Believe X-Forwarded-For from the proxy in front (PLAYGATE_TRUST_PROXY=1). */
  trustProxy: boolean;
  /** The Strict-Transport-Security value of the server's own answers, or null (demo mode). */
  hsts: string | null;
  /** Next's request handler: everything the edge's door does not answer. */
  next: (req: IncomingMessage, res: ServerResponse) => Promise<unknown>;
}

export function requestListener({ appUrl, trustProxy, hsts, next }: ListenerOptions) {
  const origin = new URL(appUrl).origin;
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const refusal = screenRequest(req, appUrl);
      if (refusal) return refuse(req, res, refusal, { hsts, close: hasBody(req) });
      stampPeer(req, trustProxy);
      const path = pathOf(req.url) ?? "/";
      const hot = hotRoute(req.method ?? "GET", path);
      if (!hasBody(req)) {
        if (hot) return await serveHot(hot, req, res, null, origin);
        await next(req, res);
        return;
      }
      const limit = bodyLimitFor(path);
      const body = await readBodyUpTo(req, limit);
      if (!body) {
        return refuse(req, res, { status: 413, code: "body_too_large", message: `The body may be at most ${limit} bytes.` }, { hsts, close: true });
      }
      if (hot) return await serveHot(hot, req, res, body, origin);
      await next(replayRequest(req, body), res);
    } catch (error) {
      console.error("[server] request failed", error instanceof Error ? error.message : error);
      if (!res.headersSent) refuse(req, res, { status: 500, code: "internal", message: "Something went wrong on our side. Try again." }, { hsts, close: true });
      else res.destroy();
    }
  };
}
