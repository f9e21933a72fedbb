// Per-credential API rate limits: RateLimit-* headers on every answer, 429 with Retry-After past
// the limit, counted in the database (so several app instances share one count).
import { beforeAll, afterAll, describe, expect, it } from "vitest";
import { setupTestDatabase } from "@/tests/support/db";
import { apiFixture } from "@/tests/support/api-fixture";
import { apiKey, bintu, callRoute, expectError } from "@/tests/support/api";
import { resetConfigForTests } from "@/lib/config";
import * as me from "@/app/api/v1/me/route";
import * as users from "@/app/api/v1/users/route";
import * as splay from "@/app/api/v1/splay/route";
import { db } from "@/lib/db";

setupTestDatabase();
let f: Awaited<ReturnType<typeof apiFixture>>;
beforeAll(async () => {
  process.env.PLAYGATE_RATE_LIMIT_API = "3/60";
  resetConfigForTests();
  f = await apiFixture();
});
afterAll(() => {
  delete process.env.PLAYGATE_RATE_LIMIT_API;
  resetConfigForTests();
});

describe("API rate limits", () => {
  it("15: answers 429 with Retry-After past the limit, per credential", async () => {
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await callRoute(me.GET, "GET", "/api/v1/me", { headers: apiKey(f.masterA) }));
    expect(answers.slice(0, 3).map((a) => a.status)).toEqual([200, 200, 200]);
    expect(answers[0].headers.get("ratelimit-limit")).toBe("3");
    expect(answers[2].headers.get("ratelimit-remaining")).toBe("0");
    expectError(answers[3], 429, "rate_limited");
    expect(Number(answers[3].headers.get("retry-after"))).toBeGreaterThan(0);
    // Another credential has its own budget.
    expect((await callRoute(me.GET, "GET", "/api/v1/me", { headers: bintu(f.userA.token) })).status).toBe(200);
  });

  it("15: refused calls count too: probing with a weak credential is limited, and the audit log stops growing", async () => {
    const probe = () => callRoute(users.GET, "GET", "/api/v1/users", { headers: bintu(f.readonlyA.token) });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await probe()).status);
    expect(statuses).toEqual([403, 403, 403, 429, 429]);
    expect(await db.auditEvent.count({ where: { orgId: f.orgA.id, action: "permission.denied", actorEmail: f.readonlyA.user.email } })).toBe(3);
  });

  it("15: nanoStream's splay family shares the limit and answers past it in its own shape: 429, errorCode 9429, Retry-After", async () => {
    const call = () => callRoute(splay.POST, "POST", "/api/v1/splay", { headers: { "x-bintu-apikey": f.masterB }, body: { orgawide: true } });
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await call());
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429]);
    expect(answers[3].json).toMatchObject({ success: false, error: { errorCode: 9429 } });
    expect(Number(answers[3].headers.get("retry-after"))).toBeGreaterThan(0);
    expect(answers[0].headers.get("ratelimit-limit")).toBe("3");
  });
});
