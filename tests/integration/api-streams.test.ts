// Contract tests: /api/v1/streams — success, each error status, the response matching the contract.
import { beforeAll, describe, expect, it } from "vitest";
import { setupTestDatabase } from "@/tests/support/db";
import { apiFixture } from "@/tests/support/api-fixture";
import { apiKey, bearer, bintu, callRoute, expectContract, expectError } from "@/tests/support/api";
import * as c from "@/lib/api/contracts/streams";
import * as list from "@/app/api/v1/streams/route";
import * as one from "@/app/api/v1/streams/[id]/route";

setupTestDatabase();
let f: Awaited<ReturnType<typeof apiFixture>>;
beforeAll(async () => {
  f = await apiFixture();
});

describe("streams API", () => {
  it("creates, lists, reads, updates and deletes with the master key", async () => {
    const created = await callRoute(list.POST, "POST", "/api/v1/streams", { headers: apiKey(f.masterA), body: { name: "API stream", renditions: ["720p", "360p"], tags: ["api", "live"] } });
    expectContract(c.createStream, created);
    const stream = created.json as { id: string; renditions: { streamName: string }[] };
    expect(stream.renditions).toHaveLength(2);

    const listed = await callRoute(list.GET, "GET", "/api/v1/streams", { headers: apiKey(f.masterA), query: { tag: "api" } });
    expectContract(c.listStreams, listed);
    expect((listed.json as { items: { id: string }[] }).items.map((s) => s.id)).toEqual([stream.id]);

    const read = await callRoute(one.GET, "GET", `/api/v1/streams/${stream.id}`, { headers: bintu(f.readonlyA.token), params: { id: stream.id } });
    expectContract(c.getStream, read);

    const updated = await callRoute(one.PATCH, "PATCH", `/api/v1/streams/${stream.id}`, { headers: bearer(f.userA.token), params: { id: stream.id }, body: { name: "Renamed", tags: ["x"] } });
    expectContract(c.updateStream, updated);
    expect(updated.json).toMatchObject({ name: "Renamed", tags: ["x"] });

    const deleted = await callRoute(one.DELETE, "DELETE", `/api/v1/streams/${stream.id}`, { headers: apiKey(f.masterA), params: { id: stream.id } });
    expectContract(c.deleteStream, deleted);
    expectError(await callRoute(one.GET, "GET", `/api/v1/streams/${stream.id}`, { headers: apiKey(f.masterA), params: { id: stream.id } }), 404, "not_found");
  });

  it("paginates with a capped limit and a cursor", async () => {
    for (let i = 0; i < 3; i++) await callRoute(list.POST, "POST", "/api/v1/streams", { headers: apiKey(f.masterA), body: { name: `Page ${i}`, tags: ["paged"] } });
    const first = await callRoute(list.GET, "GET", "/api/v1/streams", { headers: apiKey(f.masterA), query: { tag: "paged", limit: "2" } });
    const page1 = first.json as { items: { id: string }[]; nextCursor: string };
    expect(page1.items).toHaveLength(2);
    const second = await callRoute(list.GET, "GET", "/api/v1/streams", { headers: apiKey(f.masterA), query: { tag: "paged", limit: "2", cursor: page1.nextCursor } });
    const page2 = second.json as { items: { id: string }[]; nextCursor: string | null };
    expect(page2.items).toHaveLength(1);
    expect(page2.nextCursor).toBeNull();
    expectError(await callRoute(list.GET, "GET", "/api/v1/streams", { headers: apiKey(f.masterA), query: { limit: "1000" } }), 400, "invalid_query");
  });

  it("answers 401 without or with a wrong credential, before looking at the input", async () => {
    expectError(await callRoute(list.GET, "GET", "/api/v1/streams"), 401, "unauthenticated");
    expectError(await callRoute(list.POST, "POST", "/api/v1/streams", { headers: apiKey("pg_live_nope"), rawBody: "{not json" }), 401);
    expectError(await callRoute(list.GET, "GET", "/api/v1/streams", { headers: bintu("pg_st_nope") }), 401);
  });

  it("answers 403 to roles without the permission", async () => {
    expectError(await callRoute(list.POST, "POST", "/api/v1/streams", { headers: bintu(f.readonlyA.token), body: { name: "x" } }), 403, "forbidden");
    const created = await callRoute(list.POST, "POST", "/api/v1/streams", { headers: apiKey(f.masterA), body: { name: "Keep" } });
    const id = (created.json as { id: string }).id;
    expectError(await callRoute(one.DELETE, "DELETE", `/api/v1/streams/${id}`, { headers: bintu(f.userA.token), params: { id } }), 403);
  });

  it("answers 404 for another organisation's stream, changing nothing", async () => {
    const created = await callRoute(list.POST, "POST", "/api/v1/streams", { headers: apiKey(f.masterA), body: { name: "Mine" } });
    const id = (created.json as { id: string }).id;
    for (const [handler, method, body] of [[one.GET, "GET"], [one.PATCH, "PATCH", { name: "Stolen" }], [one.DELETE, "DELETE"]] as const) {
      expectError(await callRoute(handler, method, `/api/v1/streams/${id}`, { headers: apiKey(f.masterB), params: { id }, body }), 404, "not_found");
    }
    const still = await callRoute(one.GET, "GET", `/api/v1/streams/${id}`, { headers: apiKey(f.masterA), params: { id } });
    expect(still.json).toMatchObject({ name: "Mine" });
  });

  it("answers 400 for invalid or unknown fields, 415 for non-JSON and 413 for a huge body", async () => {
    expectError(await callRoute(list.POST, "POST", "/api/v1/streams", { headers: apiKey(f.masterA), body: { name: "" } }), 400, "validation_failed");
    expectError(await callRoute(list.POST, "POST", "/api/v1/streams", { headers: apiKey(f.masterA), body: { name: "x", orgId: f.orgB.id } }), 400, "validation_failed");
    expectError(await callRoute(list.POST, "POST", "/api/v1/streams", { headers: apiKey(f.masterA), rawBody: "{not json" }), 400, "malformed_json");
    expectError(await callRoute(list.POST, "POST", "/api/v1/streams", { headers: { ...apiKey(f.masterA), "content-type": "text/plain" }, rawBody: "name=x" }), 415);
    expectError(await callRoute(list.POST, "POST", "/api/v1/streams", { headers: apiKey(f.masterA), body: { name: "x".repeat(70_000) } }), 413, "body_too_large");
  });
});
