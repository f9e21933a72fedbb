// GET /api/v1/me answers to the keys the overview shows: the master API key (X-API-Key) and a
// user's session API token (X-BINTU-TOKEN or Authorization: Bearer); 401 otherwise, and 401 at
// once for a master key that was rotated away.
import { beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { applyTestConfig } from "@/tests/support/config";
import { setupTestDatabase } from "@/tests/support/db";
import { createOrganisation } from "@/lib/data/organisations";
import { createApiSession } from "@/lib/data/sessions";
import { rotateMasterKey } from "@/lib/data/api-keys";
import { systemActor } from "@/lib/auth/actor";
import { GET } from "@/app/api/v1/me/route";

applyTestConfig();

setupTestDatabase();

let orgId = "";
let masterKey = "";
let sessionToken = "";
let adminEmail = "";

const call = (headers: Record<string, string>) =>
  GET(new NextRequest("https://playgate.test/api/v1/me", { headers }), { params: Promise.resolve({}) });

beforeAll(async () => {
  const made = await createOrganisation({ name: "Me Org", admin: { email: "me-admin@example.test", name: "M", password: "long-enough-password" } });
  orgId = made.org.id;
  masterKey = made.masterKey;
  adminEmail = made.admin.email;
  sessionToken = (await createApiSession(made.admin.id)).token;
});

describe("GET /api/v1/me", () => {
  it("answers to the master API key as X-API-Key", async () => {
    const res = await call({ "x-api-key": masterKey });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ credential: "api_key", role: "admin", user: null, organisation: { id: orgId, name: "Me Org" } });
  });

  it.each([
    ["X-BINTU-TOKEN", (t: string) => ({ "x-bintu-token": t })],
    ["Authorization: Bearer", (t: string) => ({ authorization: `Bearer ${t}` })],
  ])("answers to the session API token as %s", async (_label, headers) => {
    const res = await call(headers(sessionToken));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ credential: "session_token", role: "admin", user: { email: adminEmail }, organisation: { id: orgId } });
  });

  it.each([
    ["no credentials", {}],
    ["an unknown master key", { "x-api-key": "pg_live_not-a-real-key-at-all-000000000000" }],
    ["an unknown session token", { "x-bintu-token": "pg_st_nope" }],
    ["a malformed Authorization header", { authorization: "Basic abc" }],
  ] as const)("answers 401 with %s", async (_label, headers) => {
    const res = await call(headers as Record<string, string>);
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe("unauthenticated");
  });

  it("refuses a rotated master key at once, and accepts the new one", async () => {
    const { key } = await rotateMasterKey(systemActor(orgId, "test"));
    expect((await call({ "x-api-key": masterKey })).status).toBe(401);
    expect((await call({ "x-api-key": key })).status).toBe(200);
  });
});
