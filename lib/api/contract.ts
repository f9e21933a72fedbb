// An API route's contract: method, path, permission, input and response schemas. Route handlers
// are built from it (lib/api/route.ts) and the OpenAPI document is generated from the same
// objects (lib/api/openapi.ts), so nothing about a route is written twice.
import type { z } from "zod";
import type { Permission } from "@/lib/permissions";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface ApiContract<B extends z.ZodType | undefined = z.ZodType | undefined, Q extends z.ZodType | undefined = z.ZodType | undefined> {
  /** "POST /api/v1/secure/token" (path parameters as {name}) */
  name: string;
  summary: string;
  tag: string;
  permission: Permission | "public";
  body?: B;
  query?: Q;
  /** The success response body. */
  response: z.ZodType;
  /** The success response's media type, when it is not JSON (then `response` describes one row). */
  mediaType?: string;
  status?: number;
  /** Error statuses this route can answer, beyond 401/403/429 of every authenticated route. */
  errors?: number[];
  description?: string;
  /**
   * "nanostream": nanoStream Cloud's splay family: X-BINTU-APIKEY is accepted beside Playgate's
   * headers, and errors are nanoStream's envelope and numbers (lib/api/nanostream.ts).
   */
  dialect?: "nanostream";
  /** A valid request body for the reference's curl example; placeholders are named in `description`. */
  example?: B extends z.ZodType ? z.input<B> : never;
}

export function contract<B extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined>(c: ApiContract<B, Q>): ApiContract<B, Q> {
  return c;
}

export function splitName(name: string): { method: HttpMethod; path: string } {
  const [method, path] = name.split(" ");
  return { method: method as HttpMethod, path };
}
