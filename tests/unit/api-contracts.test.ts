// The OpenAPI document is complete and well-formed: every route file under app/api/v1 (and the
// JWKS route) has a documented operation for each handler it exports, and nothing documented
// is missing a route.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/api/openapi";

const ROOT = path.resolve(import.meta.dirname, "../..");

function routeFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) routeFiles(full, out);
    else if (name === "route.ts") out.push(full);
  }
  return out;
}

const files = [...routeFiles(path.join(ROOT, "app/api/v1")), path.join(ROOT, "app/.well-known/jwks.json/route.ts")];
const implemented = files.flatMap((file) => {
  const urlPath = "/" + path.relative(path.join(ROOT, "app"), path.dirname(file)).replace(/\[(?:\.\.\.)?(\w+)\]/g, "{$1}");
  const source = readFileSync(file, "utf8");
  // `export const GET = …`, or the edge's re-exports from lib/edge/routes.ts: `export const { GET, POST } = …`.
  const single = [...source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]);
  const destructured = [...source.matchAll(/export const \{([^}]+)\}/g)].flatMap((m) => m[1].split(",").map((x) => x.trim())).filter((m) => /^(GET|POST|PUT|PATCH|DELETE)$/.test(m));
  return [...single, ...destructured].map((method) => `${method} ${urlPath}`);
});

const doc = openApiDocument("http://127.0.0.1:3000");
const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));

describe("OpenAPI document", () => {
  it("is OpenAPI 3.1 with security schemes for the master key and the session token", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.components.securitySchemes)).toEqual(["ApiKey", "BintuApiKey", "BintuToken", "Bearer"]);
  });

  it.each(implemented.filter((r) => r !== "GET /api/v1/openapi.json"))("documents %s", (route) => {
    expect(documented).toContain(route);
  });

  it("documents no route that does not exist", () => {
    for (const route of documented) expect(implemented).toContain(route);
  });

  it("gives every operation a summary, a success response and the error shape", () => {
    for (const [p, ops] of Object.entries(doc.paths)) {
      for (const [m, op] of Object.entries(ops as Record<string, { summary: string; responses: Record<string, unknown> }>)) {
        expect(op.summary, `${m} ${p}`).toBeTruthy();
        expect(Object.keys(op.responses).some((s) => s.startsWith("2")), `${m} ${p}`).toBe(true);
      }
    }
  });
});
