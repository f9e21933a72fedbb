// The edge's door (issue 18): the forward-auth check, authorize and the media-server hooks are
// answered by server.ts itself, in front of Next's request handler, because an edge asks once per
// viewer per second and Next's router, proxy and renderer cost about a millisecond a request on
// their own (bench/README.md, P3). Only the door is different: the handler is the same
// publicRoute wrapper, contract and data-layer call Next mounts (lib/edge/routes.ts), given a
// NextRequest built here. A path or method this table does not name goes to Next unchanged.
import type { IncomingMessage, ServerResponse } from "node:http";
import { NextRequest } from "next/server";
import { authorizeAnswer, authorizeRoute, checkPathRoute, checkRoute, hookRoutes } from "@/lib/edge/routes";
import { acceptedJsonBody } from "@/lib/api/route";
import { authorizeRequestSchema } from "@/lib/validation/tokens";
import { answerCheck, CHECK_PATH, checkRest } from "@/lib/edge/check-handler";
import { getConfig } from "@/lib/config";
import { API_CSP, HSTS, STATIC_SECURITY_HEADERS } from "@/lib/security-headers";

type Params = Record<string, string | string[]>;
type Handler = (req: NextRequest, context: { params: Promise<Params> }) => Promise<Response>;

export interface HotRoute {
  handler: Handler;
  params: Params;
  /**
   * The forward-auth check, the edge's most frequent request: answered from its plain answer
   * (answerCheck, the same one the handler returns as a Response) without building a NextRequest
   * or a Response. `path` is the Envoy form's original path.
   */
  check?: { path?: string[] };
  /** POST authorize: a body the contract accepts is answered without a NextRequest or a Response. */
  authorize?: true;
}

const AUTHORIZE_PATH = "/api/v1/playback/authorize";
const HOOK_PATH = /^\/api\/v1\/organisations\/([^/]+)\/hooks\/([^/]+)$/;

function pick(routes: Partial<Record<string, Handler>>, method: string, params: Params): HotRoute | null {
  const handler = Object.hasOwn(routes, method) ? routes[method] : undefined;
  return handler ? { handler, params } : null; // another method: Next answers 405 as it always has
}

/** Percent-decoded path segments, or null when one is empty or does not decode (Next decides those). */
function segments(rest: string): string[] | null {
  const parts = rest.split("/");
  try {
    return parts.every((p) => p !== "") ? parts.map(decodeURIComponent) : null;
  } catch {
    return null;
  }
}

const asCheck = (route: HotRoute | null, path: string[] | undefined): HotRoute | null => (route ? { ...route, check: { path } } : null);

/** The route this door answers for `method` and `path` (no query), or null to let Next answer. */
export function hotRoute(method: string, path: string): HotRoute | null {
  if (!path.startsWith("/api/v1/")) return null;
  if (path === CHECK_PATH) return asCheck(pick(checkRoute, method, {}), undefined);
  if (path.startsWith(`${CHECK_PATH}/`)) {
    const rest = segments(path.slice(CHECK_PATH.length + 1));
    return rest ? asCheck(pick(checkPathRoute, method, { path: rest }), rest) : null;
  }
  if (path === AUTHORIZE_PATH) {
    const route = pick(authorizeRoute, method, {});
    return route ? { ...route, authorize: true } : null;
  }
  const hook = HOOK_PATH.exec(path);
  if (hook && Object.hasOwn(hookRoutes, hook[2])) {
    const orgId = segments(hook[1]);
    return orgId ? pick(hookRoutes[hook[2] as keyof typeof hookRoutes], method, { orgId: orgId[0] }) : null;
  }
  return null;
}

/** The headers next.config.ts gives every /api/v1 answer, which this door must give too. */
const ANSWER_HEADERS: Readonly<Record<string, string>> = { ...STATIC_SECURITY_HEADERS, "Content-Security-Policy": API_CSP };

/**
 * Runs `route` for a request whose body server.ts has read (null: none) and writes its answer.
 * `origin` is the app's own (APP_URL): handlers read the path and query of the URL, never its host.
 */
export async function serveHot(route: HotRoute, req: IncomingMessage, res: ServerResponse, body: Buffer | null, origin: string): Promise<void> {
  const method = req.method ?? "GET";
  if (route.check) return serveCheck(route.check.path, req, res, method, origin);
  if (route.authorize && body) {
    const accepted = acceptedJsonBody(authorizeRequestSchema, String(req.headers["content-type"] ?? ""), body.toString("utf8"));
    if (accepted) return writePlain(res, method, (await authorizeAnswer(accepted)), { "Content-Type": "application/json", "Cache-Control": "no-store" });
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  const withBody = body !== null && body.length > 0 && method !== "GET" && method !== "HEAD";
  const request = new NextRequest(`${origin}${req.url}`, { method, headers, body: withBody ? new Uint8Array(body) : undefined });
  const response = await route.handler(request, { params: Promise.resolve(route.params) });

  const out: Record<string, string | string[]> = { ...ANSWER_HEADERS };
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") out[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) out["set-cookie"] = cookies;
  const payload = response.body ? Buffer.from(await response.arrayBuffer()) : null;
  if (payload || response.status !== 204) out["content-length"] = String(payload?.length ?? 0);
  res.writeHead(response.status, out);
  res.end(method === "HEAD" ? undefined : payload ?? undefined);
}

/** Node's request headers read as Headers.get reads them (names lower-case, repeats joined). */
const headersOf = (req: IncomingMessage) => ({
  get(name: string): string | null {
    const value = req.headers[name];
    return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
  },
});

async function serveCheck(path: string[] | undefined, req: IncomingMessage, res: ServerResponse, method: string, origin: string): Promise<void> {
  const url = req.url ?? "";
  const q = url.indexOf("?");
  // The query as the URL standard spells it (what NextRequest's nextUrl.search gives Next's door).
  const search = q >= 0 && q < url.length - 1 ? new URL(url, origin).search : "";
  const answer = await answerCheck(headersOf(req), method, checkRest(path, search));
  writeAnswer(res, method, answer.status, answer.headers, answer.body);
}

/** A JSON answer { status, json } with `headers`, as the route's wrapper would send it. */
function writePlain(res: ServerResponse, method: string, answer: { status: number; json: unknown }, headers: Record<string, string>): void {
  writeAnswer(res, method, answer.status, headers, JSON.stringify(answer.json));
}

function writeAnswer(res: ServerResponse, method: string, status: number, headers: Record<string, string>, body: string | null): void {
  const out: Record<string, string> = { ...ANSWER_HEADERS, ...headers };
  if (getConfig().mode === "deployment") out["Strict-Transport-Security"] = HSTS;
  if (body !== null) out["Content-Length"] = String(Buffer.byteLength(body));
  res.writeHead(status, out);
  res.end(method === "HEAD" ? undefined : body ?? undefined);
}
