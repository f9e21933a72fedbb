// 17: every API route with a body or query, called in-process with a valid master key and
// generated/hostile JSON bodies and query strings: never a 500, and every answer is either the
// one error shape or exactly the contract's response (authorize also has its documented deny
// body). Routes that could lock the fixture out (key rotation, deletes) take no body or query,
// so they are not targets here; one pair of organisations serves every route.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { setupTestDatabase } from "@/tests/support/db";
import { apiFixture } from "@/tests/support/api-fixture";
import { apiKey, callRoute, isNanoStreamError } from "@/tests/support/api";
import { fillPath, handlerFor, pathParams } from "@/tests/support/routes";
import { HOSTILE_STRINGS, PROPERTY_RUNS, expectNoPollution, hostileValue, pollutedObject, runCounter, schemaKeys } from "@/tests/support/property";
import { resetConfigForTests } from "@/lib/config";
import { API_CONTRACTS } from "@/lib/api/contracts";
import { errorBody } from "@/lib/api/contracts/common";
import { createStream } from "@/lib/data/streams";
import { systemActor } from "@/lib/auth/actor";
import type { ApiContract } from "@/lib/api/contract";
import { DENY_REASONS } from "@/lib/tokens/verify";

// Webhook URLs are checked against DNS; nothing leaves the machine (a public documentation address).
vi.mock("node:dns", () => {
  const lookup = (_host: string, _opts: unknown, cb: (e: null, a: { address: string; family: number }[]) => void) => cb(null, [{ address: "93.184.216.34", family: 4 }]);
  return { lookup, default: { lookup } };
});

// Hundreds of calls per credential: the API rate limit is a setting; raise it for this file.
process.env.PLAYGATE_RATE_LIMIT_API = "1000000/60";
resetConfigForTests();
setupTestDatabase();

const runs = runCounter();
afterAll(() => runs.report());

const TARGETS = API_CONTRACTS.filter((c) => c.body || c.query);
const authorizeDenial = z.object({ allowed: z.literal(false), reason: z.enum(DENY_REASONS), message: z.string(), reasons: z.array(z.enum(DENY_REASONS)).min(1) }).strict();

let fx: Awaited<ReturnType<typeof apiFixture>>;
let streamId = "";
beforeAll(async () => {
  fx = await apiFixture();
  streamId = (await createStream(systemActor(fx.orgA.id), { name: "Prop", renditions: 1, tags: [] })).id;
});

const queryValue = fc.oneof(fc.string(), fc.constantFrom(...HOSTILE_STRINGS), fc.integer().map(String), fc.constantFrom("0", "101", "-5", "1.5", "admin", "active", "2026-01-01T00:00:00Z"));

function bodyArb(contract: ApiContract) {
  const keys = schemaKeys(contract.body);
  const shaped = fc.record(Object.fromEntries(keys.map((k) => [k, hostileValue])), { requiredKeys: [] });
  return fc.oneof(
    { weight: 4, arbitrary: shaped.map((b) => ({ json: b as unknown })) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((json) => ({ json: json as unknown })) },
    { weight: 1, arbitrary: pollutedObject.map((json) => ({ json: json as unknown })) },
    { weight: 1, arbitrary: fc.constantFrom("{", '{"a":', "[1,", "nul", "\u0000", '{"__proto__":{"x":1}', "x".repeat(70_000)).map((raw) => ({ raw })) },
  );
}

function queryArb(contract: ApiContract) {
  const keys = [...schemaKeys(contract.query), "limit", "cursor", "orgId", "__proto__"];
  return fc.dictionary(fc.constantFrom(...keys), queryValue, { maxKeys: 4 });
}

describe("17: every API route with a body or query", () => {
  it("has targets", () => expect(TARGETS.length).toBeGreaterThanOrEqual(10));

  it.each(TARGETS.map((c) => [c.name, c] as const))("17: %s never answers 500 and always answers the error shape or its contract", async (_name, contract) => {
    const handler = await handlerFor(contract);
    const idPool = fc.oneof(fc.constantFrom(streamId, fx.userA.user.id, fx.readonlyA.user.id, fx.orgA.id), fc.constantFrom(...HOSTILE_STRINGS.filter((s) => s.length < 300 && s.length > 0)));
    const { method } = { method: contract.name.split(" ")[0] };
    const names = pathParams(contract);

    await fc.assert(
      fc.asyncProperty(
        contract.body ? bodyArb(contract) : fc.constant(undefined),
        contract.query ? queryArb(contract) : fc.constant(undefined),
        fc.array(idPool, { minLength: names.length, maxLength: names.length }),
        async (body, query, ids) => {
          runs.count();
          const params = Object.fromEntries(names.map((n, i) => [n, ids[i]]));
          const res = await callRoute(handler, method, fillPath(contract, params), {
            headers: apiKey(fx.masterA),
            params,
            query: query as Record<string, string> | undefined,
            ...(body === undefined ? {} : "raw" in body ? { rawBody: body.raw } : { body: body.json }),
          });
          const detail = `${res.status} ${JSON.stringify(res.json).slice(0, 400)}`;
          expect(res.status, detail).not.toBe(500);
          if (res.status < 300) {
            expect(res.status, detail).toBe(contract.status ?? 200);
            const parsed = contract.response.safeParse(res.json);
            expect(parsed.success, `${detail} ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
          } else if (contract.name === "POST /api/v1/playback/authorize" && res.status === 403) {
            expect(authorizeDenial.safeParse(res.json).success, detail).toBe(true);
          } else if (contract.dialect === "nanostream") {
            expect(isNanoStreamError(res.json), detail).toBe(true);
          } else {
            expect(errorBody.safeParse(res.json).success, detail).toBe(true);
          }
          expectNoPollution();
        },
      ),
      { numRuns: PROPERTY_RUNS },
    );
  });
});
