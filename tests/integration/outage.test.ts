// Row 22 / outages: the database stops under the running app (tests/support/outage.ts) and comes
// back. Meanwhile every authenticated API route answers 503 "unavailable" with Retry-After in the
// one error shape, a server action answers the "unavailable" state (nothing changed, what was typed
// kept), and a dashboard page throws the outage error whose digest the error boundary shows as
// "temporarily unavailable"; afterwards the same calls work again without a restart.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { newSession } from "@/tests/support/session-mock";

const auth = vi.hoisted(() => ({ current: null, jwt: null, jar: new Map<string, string>() }) as ReturnType<typeof newSession>);
vi.mock("next/headers", async () => (await import("@/tests/support/session-mock")).headersModule(auth));

import { setupTestDatabase } from "@/tests/support/db";
import { apiFixture } from "@/tests/support/api-fixture";
import { apiKey, bintu, callRoute, expectError } from "@/tests/support/api";
import { fillPath, handlerFor, pathParams } from "@/tests/support/routes";
import { stopDatabase } from "@/tests/support/outage";
import { db } from "@/lib/db";
import { API_CONTRACTS } from "@/lib/api/contracts";
import { encode } from "@/lib/auth/jwt-codec";
import { SESSION_COOKIE } from "@/lib/auth/cookies";
import { getConfig } from "@/lib/config";
import { UNAVAILABLE_DIGEST } from "@/lib/errors";
import { createStreamAction } from "@/app/(dashboard)/streams/actions";
import DashboardLayout from "@/app/(dashboard)/layout";

setupTestDatabase();

let f: Awaited<ReturnType<typeof apiFixture>>;
beforeAll(async () => {
  f = await apiFixture();
  // The admin's browser: a real encrypted session cookie that getCurrentUser checks against the database.
  auth.jar.set(SESSION_COOKIE, await encode({ token: { sub: f.adminA.user.id, st: f.adminA.token }, secret: getConfig().authSecret }));
});

const AUTHENTICATED = API_CONTRACTS.filter((c) => c.permission !== "public");
const LEAKS = [/\bat\s+\S+\s+\(/, /node_modules/, /prisma/i, /SQLITE_|ECONNREFUSED|P10\d\d|57P01|55000/, /127\.0\.0\.1|54329|pg_test_|playgate-tests/, /SELECT|INSERT/];

async function callContract(contract: (typeof API_CONTRACTS)[number], headers: Record<string, string>) {
  const handler = await handlerFor(contract);
  const params = Object.fromEntries(pathParams(contract).map((p) => [p, "any-id"]));
  return callRoute(handler, contract.name.split(" ")[0], fillPath(contract, params), { params, headers, ...(contract.body ? { body: {} } : {}) });
}

describe("22: the database stops under the running app", () => {
  let restore: (() => Promise<void>) | null = null;
  const logged: string[] = [];
  beforeAll(async () => {
    vi.spyOn(console, "error").mockImplementation((...args) => void logged.push(args.join(" ")));
    restore = await stopDatabase();
  });
  afterAll(async () => {
    await restore?.();
    vi.restoreAllMocks();
  });

  it("has targets", () => expect(AUTHENTICATED.length).toBeGreaterThanOrEqual(20));

  it.each(AUTHENTICATED.map((c) => [c.name, c] as const))("22: %s answers 503 unavailable with Retry-After, no internals", async (_name, contract) => {
    for (const headers of [apiKey(f.masterA), bintu(f.adminA.token)]) {
      const res = await callContract(contract, headers);
      expectError(res, 503, "unavailable");
      expect(res.headers.get("retry-after")).toMatch(/^\d+$/);
      expect((res.json as { error: { message: string } }).error.message).toMatch(/temporarily unavailable.*try again in \d+ seconds/i);
      for (const pattern of LEAKS) expect(JSON.stringify(res.json), `leaks ${pattern}`).not.toMatch(pattern);
    }
  });

  it("22: a server action answers 'unavailable', says nothing was changed, and keeps what was typed", async () => {
    const state = await createStreamAction(undefined, { name: "During the outage", renditions: 1, tags: [] });
    expect(state).toMatchObject({ ok: false, code: "unavailable", message: expect.stringMatching(/temporarily unavailable\. Nothing was changed; try again in \d+ seconds/) });
    expect(state && !state.ok && state.values).toMatchObject({ name: "During the outage" });
  });

  it("22: a dashboard page throws the outage error the boundary shows as 'temporarily unavailable'", async () => {
    await expect(DashboardLayout({ children: null })).rejects.toMatchObject({ name: "DatabaseUnavailableError", digest: UNAVAILABLE_DIGEST });
  });

  it("22: the server log names the failure class, never as an unexpected error", () => {
    expect(logged.some((line) => /database unavailable: \S+/.test(line))).toBe(true);
    expect(logged.filter((line) => line.includes("unexpected error"))).toEqual([]);
  });
});

describe("22: after the database is back", () => {
  it("22: the same calls work again without a restart", async () => {
    const streams = API_CONTRACTS.find((c) => c.name === "GET /api/v1/streams")!;
    for (const headers of [apiKey(f.masterA), bintu(f.adminA.token)]) expect((await callContract(streams, headers)).status).toBe(200);
    const state = await createStreamAction(undefined, { name: "After the outage", renditions: 1, tags: [] });
    expect(state, JSON.stringify(state)).toMatchObject({ ok: true });
    expect(await db.stream.count({ where: { name: "During the outage" } })).toBe(0);
    await expect(DashboardLayout({ children: null })).resolves.toBeTruthy();
  });
});
