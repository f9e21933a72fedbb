// Row 22 / races: requests in flight while their user is deleted or demoted, and writes racing
// the delete of their target. Every answer is 2xx, 401, 403 or 404 (409 where a rule refuses) —
// never a 500 from a vanished row ("Cannot read properties of null", Prisma's "No record was
// found for an update"). Many rounds, because each race is won only some of the time.
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { newSession } from "@/tests/support/session-mock";

// The member's browser for the action race: a real session cookie, checked by the real getCurrentUser.
const auth = vi.hoisted(() => ({ current: null, jwt: null, jar: new Map<string, string>() }) as ReturnType<typeof newSession>);
vi.mock("next/headers", async () => (await import("@/tests/support/session-mock")).headersModule(auth));

import { setupTestDatabase } from "@/tests/support/db";
import { apiFixture } from "@/tests/support/api-fixture";
import { apiKey, bintu, callRoute } from "@/tests/support/api";
import { handlerFor } from "@/tests/support/routes";
import { db } from "@/lib/db";
import { API_CONTRACTS } from "@/lib/api/contracts";
import { newUserData } from "@/lib/data/users";
import { createApiSession } from "@/lib/data/sessions";
import type { Role } from "@/lib/permissions";
import { encode } from "@/lib/auth/jwt-codec";
import { SESSION_COOKIE } from "@/lib/auth/cookies";
import { getConfig } from "@/lib/config";
import { renameStreamAction } from "@/app/(dashboard)/streams/actions";

setupTestDatabase();

const ROUNDS = 8;
const IN_FLIGHT = 24;

let f: Awaited<ReturnType<typeof apiFixture>>;
beforeAll(async () => {
  f = await apiFixture();
});

let unexpected: string[] = [];
beforeEach(() => {
  unexpected = [];
  vi.spyOn(console, "error").mockImplementation((...args) => void unexpected.push(args.join(" ")));
});
afterEach(() => vi.restoreAllMocks());

async function call(name: string, headers: Record<string, string>, opts: { params?: Record<string, string>; body?: unknown } = {}) {
  const contract = API_CONTRACTS.find((c) => c.name === name)!;
  const path = name.split(" ")[1].replace(/\{(\w+)\}/g, (_m, p: string) => opts.params?.[p] ?? "x");
  return callRoute(await handlerFor(contract), name.split(" ")[0], path, { ...opts, headers });
}

let serial = 0;
async function newMember(role: Role) {
  serial += 1;
  const user = await db.user.create({ data: { orgId: f.orgA.id, ...(await newUserData({ email: `race-${serial}-${Date.now()}@a.test`, name: "Racer", password: "long-enough-password", role })) } });
  return { user, token: (await createApiSession(user.id)).token };
}

const later = <T>(ms: number, run: () => Promise<T>) => new Promise<T>((resolve, reject) => setTimeout(() => run().then(resolve, reject), ms));

/**
 * The member's own requests, started one a millisecond so some begin before the change, some
 * while it runs and some after: reads, and a write their role allows before the change.
 */
function memberRequests(token: string, streamId: string) {
  const as = bintu(token);
  return Array.from({ length: IN_FLIGHT }, (_, i) =>
    later(i, () => {
      switch (i % 4) {
        case 0: return call("GET /api/v1/me", as);
        case 1: return call("GET /api/v1/streams", as);
        case 2: return call("PATCH /api/v1/streams/{id}", as, { params: { id: streamId }, body: { name: `Renamed ${i}` } });
        default: return call("GET /api/v1/users", as);
      }
    }),
  );
}

const statusesOf = (answers: { status: number }[]) => [...new Set(answers.map((a) => a.status))].sort();

describe("22: requests in flight while their user changes", () => {
  let streamId = "";
  beforeAll(async () => {
    const created = await call("POST /api/v1/streams", apiKey(f.masterA), { body: { name: "Race target", renditions: 1 } });
    streamId = (created.json as { id: string }).id;
  });

  it("22: while their user is deleted, every answer is 2xx, 401 or 403 — and 401 after", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const member = await newMember("admin");
      const requests = memberRequests(member.token, streamId);
      const deletion = later(IN_FLIGHT / 4, () => call("DELETE /api/v1/users/{id}", apiKey(f.masterA), { params: { id: member.user.id } }));
      const answers = await Promise.all([...requests, deletion]);
      expect([200, 204]).toContain((await deletion).status);
      expect(statusesOf(answers).filter((s) => ![200, 204, 401, 403].includes(s)), JSON.stringify(answers.map((a) => a.json))).toEqual([]);
      expect((await call("GET /api/v1/me", bintu(member.token))).status).toBe(401);
    }
    expect(unexpected).toEqual([]);
  });

  it("22: while their user is demoted, every answer is 2xx, 401 or 403 — and 401 after", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const member = await newMember("admin");
      const requests = memberRequests(member.token, streamId);
      const demotion = later(IN_FLIGHT / 4, () => call("PATCH /api/v1/users/{id}", apiKey(f.masterA), { params: { id: member.user.id }, body: { role: "readonly" } }));
      const answers = await Promise.all([...requests, demotion]);
      expect((await demotion).status).toBe(200);
      expect(statusesOf(answers).filter((s) => ![200, 401, 403].includes(s)), JSON.stringify(answers.map((a) => a.json))).toEqual([]);
      expect((await call("GET /api/v1/me", bintu(member.token))).status).toBe(401);
    }
    expect(unexpected).toEqual([]);
  });
});

describe("22: actions in flight while their user changes", () => {
  it("22: while their user is deleted or demoted, an action answers ok, unauthenticated or forbidden — never an error", async () => {
    const created = await call("POST /api/v1/streams", apiKey(f.masterA), { body: { name: "Action race", renditions: 1 } });
    const id = (created.json as { id: string }).id;
    for (let round = 0; round < ROUNDS; round++) {
      const member = await newMember("admin");
      auth.jar.set(SESSION_COOKIE, await encode({ token: { sub: member.user.id, st: member.token }, secret: getConfig().authSecret }));
      const change = round % 2
        ? () => call("DELETE /api/v1/users/{id}", apiKey(f.masterA), { params: { id: member.user.id } })
        : () => call("PATCH /api/v1/users/{id}", apiKey(f.masterA), { params: { id: member.user.id }, body: { role: "readonly" } });
      const [states, changed] = await Promise.all([
        Promise.all(Array.from({ length: IN_FLIGHT }, (_, i) => later(i, () => renameStreamAction(undefined, { id, name: `Action ${round}.${i}` })))),
        later(IN_FLIGHT / 4, change),
      ]);
      expect([200, 204]).toContain(changed.status);
      const codes = [...new Set(states.map((state) => (state?.ok ? "ok" : state?.code)))];
      expect(codes.filter((code) => !["ok", "unauthenticated", "forbidden"].includes(code!)), JSON.stringify(states)).toEqual([]);
      expect(await renameStreamAction(undefined, { id, name: "After" })).toMatchObject({ ok: false, code: "unauthenticated" });
    }
    expect(unexpected).toEqual([]);
  });
});

describe("22: writes racing the delete of their target", () => {
  it("22: renaming, tagging and deleting one stream at once answer 200/204 or 404, never 500", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const created = await call("POST /api/v1/streams", apiKey(f.masterA), { body: { name: `Doomed ${round}`, renditions: 1 } });
      const id = (created.json as { id: string }).id;
      const key = apiKey(f.masterA);
      const answers = await Promise.all([
        ...Array.from({ length: 6 }, (_, i) => call("PATCH /api/v1/streams/{id}", key, { params: { id }, body: i % 2 ? { name: `Doomed ${round}.${i}` } : { tags: [`t${i}`] } })),
        call("DELETE /api/v1/streams/{id}", key, { params: { id } }),
        ...Array.from({ length: 6 }, (_, i) => call("PATCH /api/v1/streams/{id}", key, { params: { id }, body: { name: `Late ${round}.${i}` } })),
      ]);
      expect(statusesOf(answers).filter((s) => ![200, 204, 404].includes(s)), JSON.stringify(answers.map((a) => a.json))).toEqual([]);
    }
    expect(unexpected).toEqual([]);
  });

  it("22: changing a user's role, resetting their token key and deleting them at once answer 200/204 or 404, never 500", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const member = await newMember("user");
      const key = apiKey(f.masterA);
      const params = { id: member.user.id };
      const answers = await Promise.all([
        call("PATCH /api/v1/users/{id}", key, { params, body: { role: "readonly" } }),
        call("POST /api/v1/users/{id}/reset-token-key", key, { params }),
        call("DELETE /api/v1/users/{id}", key, { params }),
        call("PATCH /api/v1/users/{id}", key, { params, body: { role: "admin" } }),
        call("POST /api/v1/users/{id}/reset-token-key", key, { params }),
      ]);
      expect(statusesOf(answers).filter((s) => ![200, 204, 404].includes(s)), JSON.stringify(answers.map((a) => a.json))).toEqual([]);
      expect([200, 204]).toContain(answers[2].status);
    }
    expect(unexpected).toEqual([]);
  });
});
