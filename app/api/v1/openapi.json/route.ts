// GET /api/v1/openapi.json — the OpenAPI 3.1 document, generated from the route contracts.
import { getConfig } from "@/lib/config";
import { openApiDocument } from "@/lib/api/openapi";
import { publicRoute } from "@/lib/api/route";

export const dynamic = "force-dynamic";

export const GET = publicRoute({ name: "GET /api/v1/openapi.json" }, async () => ({
  json: openApiDocument(getConfig().appUrl),
  headers: { "Cache-Control": "public, max-age=300" },
}));
