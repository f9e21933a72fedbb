// One error shape for the whole HTTP API: {"error":{"code","message","fields"?}}.
import { z } from "zod";
import { PermissionError } from "@/lib/permissions";
import { ConflictError, NotFoundError, RateLimitError, RuleError } from "@/lib/errors";
import { asDatabaseUnavailable } from "@/lib/db/unavailable";

export function apiError(status: number, code: string, message: string, extra: { fields?: Record<string, string[]>; headers?: HeadersInit } = {}) {
  return Response.json(
    { error: { code, message, ...(extra.fields ? { fields: extra.fields } : {}) } },
    { status, headers: { "Cache-Control": "no-store", ...extra.headers } },
  );
}

/** Our error types → status codes; an outage is a 503 with Retry-After; anything else is a 500 without details (logged). */
export function errorResponse(error: unknown): Response {
  if (error instanceof z.ZodError) {
    const flat = z.flattenError(error);
    return apiError(400, "validation_failed", flat.formErrors[0] ?? "Some fields are invalid.", { fields: flat.fieldErrors as Record<string, string[]> });
  }
  if (error instanceof PermissionError) return apiError(403, "forbidden", "Your key or token is not permitted to do this.");
  if (error instanceof NotFoundError) return apiError(404, "not_found", error.message);
  if (error instanceof ConflictError) return apiError(409, "conflict", error.message, error.field ? { fields: { [error.field]: [error.message] } } : {});
  if (error instanceof RateLimitError) return apiError(429, "rate_limited", error.message, { headers: { "Retry-After": String(error.retryAfterSec) } });
  if (error instanceof RuleError) return apiError(error.code === "validation_failed" ? 400 : 422, error.code, error.message, error.field ? { fields: { [error.field]: [error.message] } } : {});
  const unavailable = asDatabaseUnavailable(error);
  if (unavailable) {
    console.error("[api] database unavailable:", unavailable.reason);
    return apiError(503, "unavailable", `The service is temporarily unavailable. Nothing was changed; try again in ${unavailable.retryAfterSec} seconds.`, {
      headers: { "Retry-After": String(unavailable.retryAfterSec) },
    });
  }
  console.error("[api] unexpected error", error instanceof Error ? error.message : error);
  return apiError(500, "internal", "Something went wrong on our side. Nothing was changed; try again.");
}
