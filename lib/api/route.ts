import "server-only";
import type { NextRequest } from "next/server";
import { z } from "zod";
import { getConfig } from "@/lib/config";
import type { Actor } from "@/lib/auth/actor";
import { can, type Permission } from "@/lib/permissions";
import { hitRateLimit } from "@/lib/data/rate-limits";
import { recordRefusal } from "@/lib/data/audit";
import { authenticateApiRequest } from "@/lib/api/auth";
import { apiError, errorResponse } from "@/lib/api/errors";
import { asNanoStream } from "@/lib/api/nanostream";
import { withHsts } from "@/lib/hsts";
import { MAX_API_BODY_BYTES } from "@/lib/validation/limits";

/** Also enforced while the body arrives, by server.ts; checked here for handlers called directly. */
export const MAX_BODY_BYTES = MAX_API_BODY_BYTES;

/** Every /api/v1 route, by "METHOD /path", with its permission or "public": the security suite enumerates this. */
export const ROUTE_REGISTRY = new Map<string, Permission | "public">();

type Params = Record<string, string | string[]>;
/** A contract from lib/api/contracts (or the bare minimum of one). */
interface RouteSpec<B extends z.ZodType | undefined, Q extends z.ZodType | undefined> {
  /** "POST /api/v1/secure/token" */
  name: string;
  body?: B;
  query?: Q;
  status?: number;
  dialect?: "nanostream";
}
type Parsed<T> = T extends z.ZodType ? z.infer<T> : undefined;
type Ctx<B, Q> = { req: NextRequest; params: Params; body: Parsed<B>; query: Parsed<Q> };
type RouteResult = Response | { status?: number; json: unknown; headers?: HeadersInit };

function toResponse(result: RouteResult, extraHeaders: Record<string, string> = {}, defaultStatus = 200): Response {
  if (result instanceof Response) {
    for (const [k, v] of Object.entries(extraHeaders)) result.headers.set(k, v);
    return result;
  }
  return Response.json(result.json, { status: result.status ?? defaultStatus, headers: { "Cache-Control": "no-store", ...extraHeaders, ...result.headers } });
}

// PostgreSQL refuses NUL characters in text: one in any input would become a 500 there (and is
// never meaningful here), so every string that reaches a query is checked first.
const NUL_MESSAGE = "Text may not contain NUL characters.";
const hasNul = (v: unknown) => (Array.isArray(v) ? v : [v]).some((x) => typeof x === "string" && x.includes("\0"));
function nulFields(data: unknown): Record<string, string[]> | null {
  if (!data || typeof data !== "object") return hasNul(data) ? { "": [NUL_MESSAGE] } : null;
  const keys = Object.entries(data).filter(([, v]) => hasNul(v)).map(([k]) => k);
  return keys.length ? Object.fromEntries(keys.map((k) => [k, [NUL_MESSAGE]])) : null;
}

function fieldErrors(error: z.ZodError) {
  const flat = z.flattenError(error);
  const fields = flat.fieldErrors as Record<string, string[]>;
  return { message: flat.formErrors[0] ?? "Some fields are invalid.", fields };
}

async function readInput<B extends z.ZodType | undefined, Q extends z.ZodType | undefined>(req: NextRequest, spec: RouteSpec<B, Q>) {
  let query: unknown = undefined;
  if (spec.query) {
    const parsed = spec.query.safeParse(Object.fromEntries(req.nextUrl.searchParams));
    if (!parsed.success) return { error: apiError(400, "invalid_query", fieldErrors(parsed.error).message, { fields: fieldErrors(parsed.error).fields }) };
    const nul = nulFields(parsed.data);
    if (nul) return { error: apiError(400, "invalid_query", NUL_MESSAGE, { fields: nul }) };
    query = parsed.data;
  }
  let body: unknown = undefined;
  if (spec.body) {
    const type = req.headers.get("content-type") ?? "";
    if (!/^application\/json\b/i.test(type)) return { error: apiError(415, "unsupported_media_type", "Send the body as JSON with Content-Type: application/json.") };
    const declared = Number(req.headers.get("content-length") ?? "0");
    if (declared > MAX_BODY_BYTES) return { error: apiError(413, "body_too_large", `The body may be at most ${MAX_BODY_BYTES} bytes.`) };
    const text = await req.text();
    if (Buffer.byteLength(text) > MAX_BODY_BYTES) return { error: apiError(413, "body_too_large", `The body may be at most ${MAX_BODY_BYTES} bytes.`) };
    let json: unknown;
    try {
      json = text.length ? JSON.parse(text) : {};
    } catch {
      return { error: apiError(400, "malformed_json", "The body is not valid JSON.") };
    }
    const parsed = spec.body.safeParse(json);
    if (!parsed.success) return { error: apiError(400, "validation_failed", fieldErrors(parsed.error).message, { fields: fieldErrors(parsed.error).fields }) };
    const nul = nulFields(parsed.data);
    if (nul) return { error: apiError(400, "validation_failed", NUL_MESSAGE, { fields: nul }) };
    body = parsed.data;
  }
  return { body: body as Parsed<B>, query: query as Parsed<Q> };
}

/**
 * The JSON body as readInput accepts it, or null wherever readInput would answer an error (415,
 * 413, 400): server.ts's door (lib/server/hot-path.ts) takes its fast path only with a body
 * accepted here, and hands anything else to the route's wrapper, which answers the error.
 */
export function acceptedJsonBody<B extends z.ZodType>(schema: B, contentType: string, text: string): z.infer<B> | null {
  if (!/^application\/json\b/i.test(contentType) || Buffer.byteLength(text) > MAX_BODY_BYTES) return null;
  let json: unknown;
  try {
    json = text.length ? JSON.parse(text) : {};
  } catch {
    return null;
  }
  const parsed = schema.safeParse(json);
  return parsed.success && !nulFields(parsed.data) ? parsed.data : null;
}

/**
 * The one wrapper for authenticated API routes: credentials → named permission → rate limit →
 * input (415/413/400) → run. 401 and 403 come before any input check.
 */
export function apiRoute<B extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined>(
  spec: RouteSpec<B, Q> & { permission: Permission | "public" },
  run: (ctx: Ctx<B, Q> & { actor: Actor }) => Promise<RouteResult>,
) {
  if (spec.permission === "public") throw new Error(`${spec.name} is public: use publicRoute`);
  const permission: Permission = spec.permission;
  ROUTE_REGISTRY.set(spec.name, permission);
  const nanoStream = spec.dialect === "nanostream";
  return async (req: NextRequest, context: { params: Promise<Params> }): Promise<Response> => {
    const answer = await handle(req, context);
    return withHsts(nanoStream ? await asNanoStream(answer) : answer);
  };
  async function handle(req: NextRequest, context: { params: Promise<Params> }): Promise<Response> {
    try {
      const auth = await authenticateApiRequest(req.headers, { bintuApiKey: nanoStream });
      if (!auth) return apiError(401, "unauthenticated", "Send a valid X-API-Key, X-BINTU-TOKEN or Authorization: Bearer header.", { headers: { "WWW-Authenticate": "Bearer" } });
      // Counted before the permission check: refused calls count too, so probing with a weak
      // credential is limited like anything else (and each refusal writes an audit event).
      const setting = getConfig().limits.api;
      const limit = await hitRateLimit(auth.limitKey, setting);
      const rateHeaders = {
        "RateLimit-Limit": String(setting.max),
        "RateLimit-Remaining": String(limit.remaining),
        "RateLimit-Reset": String(limit.retryAfterSec),
      };
      if (limit.limited) return apiError(429, "rate_limited", `Too many requests. Try again in ${limit.retryAfterSec} seconds.`, { headers: { ...rateHeaders, "Retry-After": String(limit.retryAfterSec) } });
      if (!can(auth.actor.role, permission)) {
        await recordRefusal(auth.actor, spec.name, permission);
        return apiError(403, "forbidden", "Your key or token is not permitted to do this.", { headers: rateHeaders });
      }
      const input = await readInput(req, spec);
      if ("error" in input && input.error) return input.error;
      const params = (await context.params) ?? {}; // undefined on a route without dynamic segments
      if (nulFields(params)) return apiError(404, "not_found", "Not found");
      const result = await run({ req, params, actor: auth.actor, body: input.body as Parsed<B>, query: input.query as Parsed<Q> });
      return toResponse(result, rateHeaders, spec.status);
    } catch (error) {
      return errorResponse(error);
    }
  }
}

/** For routes on the public allow-list (JWKS, authorize, public VOD, OpenAPI): no credentials. */
export function publicRoute<B extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined>(
  spec: RouteSpec<B, Q>,
  run: (ctx: Ctx<B, Q>) => Promise<RouteResult>,
) {
  ROUTE_REGISTRY.set(spec.name, "public");
  return async (req: NextRequest, context: { params: Promise<Params> }): Promise<Response> => withHsts(await handle(req, context));
  async function handle(req: NextRequest, context: { params: Promise<Params> }): Promise<Response> {
    try {
      const input = await readInput(req, spec);
      if ("error" in input && input.error) return input.error;
      const params = (await context.params) ?? {}; // undefined on a route without dynamic segments
      if (nulFields(params)) return apiError(404, "not_found", "Not found");
      return toResponse(await run({ req, params, body: input.body as Parsed<B>, query: input.query as Parsed<Q> }), {}, spec.status);
    } catch (error) {
      return errorResponse(error);
    }
  }
}

export { pageQuery } from "@/lib/api/contracts/common";
