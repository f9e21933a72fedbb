// Faults at the API's edge, for every route with a body (looped over API_CONTRACTS): malformed
// JSON → 400 malformed_json, a body over the limit (declared or actual) → 413, a non-JSON
// content type → 415; always the one error shape, and nothing written.
import { beforeAll, describe, expect, it } from "vitest";
import { setupTestDatabase } from "@/tests/support/db";
import { apiFixture } from "@/tests/support/api-fixture";
import { apiKey, callRoute, expectError } from "@/tests/support/api";
import { fillPath, handlerFor, pathParams } from "@/tests/support/routes";
import { db } from "@/lib/db";
import { API_CONTRACTS } from "@/lib/api/contracts";
import { MAX_BODY_BYTES } from "@/lib/api/route";

setupTestDatabase();

let f: Awaited<ReturnType<typeof apiFixture>>;
beforeAll(async () => {
  f = await apiFixture();
});

const WITH_BODY = API_CONTRACTS.filter((c) => c.body);
const MALFORMED = ["{", '{"name":', "[1,2", "nul", "{'single':'quotes'}", '{"a":1}}', "\u0000", "{\"a\":\"\\ud800\"", "undefined"];
const writes = () => Promise.all([db.stream.count(), db.playbackToken.count(), db.invitation.count(), db.auditEvent.count(), db.webhook.count()]).then(JSON.stringify);

describe("17: malformed and oversized bodies on every API route with a body", () => {
  it("has targets", () => expect(WITH_BODY.length).toBeGreaterThanOrEqual(8));

  it.each(WITH_BODY.map((c) => [c.name, c] as const))("17: %s → 400 for malformed JSON, 413 for oversized, 415 for another type", async (_name, contract) => {
    const handler = await handlerFor(contract);
    const method = contract.name.split(" ")[0];
    const params = Object.fromEntries(pathParams(contract).map((p) => [p, "any-id"]));
    const path = fillPath(contract, params);
    const call = (opts: Parameters<typeof callRoute>[3]) => callRoute(handler, method, path, { params, ...opts, headers: { ...apiKey(f.masterA), ...opts?.headers } });
    const before = await writes();

    for (const rawBody of MALFORMED) expectError(await call({ rawBody }), 400, "malformed_json");
    expectError(await call({ rawBody: JSON.stringify({ name: "x".repeat(MAX_BODY_BYTES) }) }), 413, "body_too_large");
    expectError(await call({ rawBody: JSON.stringify({ s: "é".repeat(MAX_BODY_BYTES / 2 + 1) }) }), 413, "body_too_large"); // bytes, not characters
    expectError(await call({ rawBody: "{}", headers: { "content-length": String(MAX_BODY_BYTES + 1) } }), 413, "body_too_large");
    expectError(await call({ rawBody: "{}", headers: { "content-type": "text/plain" } }), 415);
    expectError(await call({ rawBody: "a=1", headers: { "content-type": "application/x-www-form-urlencoded" } }), 415);
    expect(await writes()).toBe(before);
  });
});

describe("17: NUL characters (PostgreSQL refuses them in text)", () => {
  const NUL = "a\u0000b";

  it.each(API_CONTRACTS.filter((c) => c.query).map((c) => [c.name, c] as const))("17: %s answers 400 for NUL in the query, never a database error", async (_name, contract) => {
    const handler = await handlerFor(contract);
    const keys = Object.keys((contract.query as unknown as { shape: Record<string, unknown> }).shape).filter((k) => k !== "limit");
    for (const key of keys) expectError(await callRoute(handler, "GET", fillPath(contract, {}), { headers: apiKey(f.masterA), query: { [key]: NUL } }), 400);
  });

  it("17: NUL in a body string or a path id answers 400/404, never a database error", async () => {
    const byName = (name: string) => handlerFor(API_CONTRACTS.find((c) => c.name === name)!);
    expectError(await callRoute(await byName("POST /api/v1/streams"), "POST", "/api/v1/streams", { headers: apiKey(f.masterA), body: { name: NUL } }), 400, "validation_failed");
    expectError(await callRoute(await byName("POST /api/v1/playback/authorize"), "POST", "/api/v1/playback/authorize", { body: { token: "x.y.z", stream: NUL } }), 400, "validation_failed");
    expectError(await callRoute(await byName("GET /api/v1/streams/{id}"), "GET", "/api/v1/streams/x", { headers: apiKey(f.masterA), params: { id: NUL } }), 404, "not_found");
    expectError(await callRoute(await byName("GET /api/v1/organisations/{orgId}/vod"), "GET", "/api/v1/organisations/x/vod", { params: { orgId: NUL } }), 404, "not_found");
  });
});
