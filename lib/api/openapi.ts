// The OpenAPI 3.1 document, generated from the same zod contracts the routes are built from.
import { z } from "zod";
import { API_CONTRACTS } from "@/lib/api/contracts";
import { splitName, type ApiContract } from "@/lib/api/contract";
import { errorBody } from "@/lib/api/contracts/common";
import { nanoErrorBody } from "@/lib/api/nanostream";

type Json = Record<string, unknown>;

export function jsonSchema(schema: z.ZodType, io: "input" | "output"): Json {
  const out = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }) as Json;
  delete out.$schema;
  return out;
}

const ERROR_TEXT: Record<number, string> = {
  400: "Invalid input (validation_failed, malformed_json, invalid_query)",
  401: "Missing or invalid credentials",
  403: "Not permitted for this role",
  404: "Not found (also for another organisation's ids)",
  409: "Conflict (e.g. the last admin)",
  413: "Body too large",
  415: "Body is not JSON",
  422: "Refused by a product rule (e.g. package not enabled)",
  429: "Rate limited (see Retry-After)",
};

function operation(c: ApiContract) {
  const { method, path } = splitName(c.name);
  const parameters: Json[] = [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({ name, in: "path", required: true, schema: { type: "string" } }));
  if (c.query) {
    const q = jsonSchema(c.query, "input") as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, schema] of Object.entries(q.properties ?? {})) parameters.push({ name, in: "query", required: q.required?.includes(name) ?? false, schema });
  }
  const nanoStream = c.dialect === "nanostream";
  // nanoStream's family answers a missing or wrong credential 403 (errorCode 1001), never 401.
  const errors = new Set([...(c.errors ?? []), ...(c.permission === "public" ? [] : nanoStream ? [403, 429] : [401, 403, 429])]);
  const errorRef = { $ref: `#/components/schemas/${nanoStream ? "NanoStreamError" : "Error"}` };
  return {
    operationId: `${method.toLowerCase()}${path.replace(/\/api\/v1/, "").replace(/[{}]/g, "").replace(/[^A-Za-z0-9]+(\w)/g, (_, ch: string) => ch.toUpperCase())}`,
    summary: c.summary,
    ...(c.description ? { description: c.description } : {}),
    tags: [c.tag],
    "x-permission": c.permission,
    security: c.permission === "public" ? [] : [...(nanoStream ? [{ BintuApiKey: [] }] : []), { ApiKey: [] }, { BintuToken: [] }, { Bearer: [] }],
    ...(parameters.length ? { parameters } : {}),
    ...(c.body ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(c.body, "input") } } } } : {}),
    responses: {
      [String(c.status ?? 200)]: c.status === 204 ? { description: "Success (no body)" } : { description: "Success", content: { [c.mediaType ?? "application/json"]: { schema: jsonSchema(c.response, "output") } } },
      ...Object.fromEntries([...errors].sort().map((s) => [String(s), { description: ERROR_TEXT[s] ?? "Error", content: { "application/json": { schema: errorRef } } }])),
    },
  };
}

export function openApiDocument(serverUrl: string) {
  const paths: Record<string, Json> = {};
  for (const c of API_CONTRACTS) {
    const { method, path } = splitName(c.name);
    paths[path] = { ...paths[path], [method.toLowerCase()]: operation(c) };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Playgate API",
      version: "1.0.0",
      description: "Everything the Playgate console does, scriptable with the organisation's master API key (acts as admin) or a user's session API token (acts as that user).",
    },
    servers: [{ url: serverUrl }],
    paths,
    components: {
      securitySchemes: {
        ApiKey: { type: "apiKey", in: "header", name: "X-API-Key", description: "The organisation's master API key (pg_live_…)" },
        BintuApiKey: { type: "apiKey", in: "header", name: "X-BINTU-APIKEY", description: "The master API key under nanoStream's header name; accepted only by the nanoStream compatibility routes" },
        BintuToken: { type: "apiKey", in: "header", name: "X-BINTU-TOKEN", description: "A user's session API token (pg_st_…)" },
        Bearer: { type: "http", scheme: "bearer", description: "The session API token as a bearer token" },
      },
      schemas: { Error: jsonSchema(errorBody, "output"), NanoStreamError: jsonSchema(nanoErrorBody, "output") },
    },
  };
}
