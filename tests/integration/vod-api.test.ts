// GET /api/v1/organisations/{orgId}/vod: public on → anyone may list; off → 401 without
// credentials and 200 with this organisation's; another organisation's key → 404; no VOD
// package → 404 whoever asks.
import { beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { applyTestConfig } from "@/tests/support/config";
import { setupTestDatabase } from "@/tests/support/db";
import { db } from "@/lib/db";
import { createOrganisation } from "@/lib/data/organisations";
import { createApiSession } from "@/lib/data/sessions";
import { createUser } from "@/tests/support/factory";
import { GET } from "@/app/api/v1/organisations/[orgId]/vod/route";

applyTestConfig();

setupTestDatabase();

const org = { id: "", key: "" };
const other = { id: "", key: "" };
const noVod = { id: "", key: "" };

const list = (orgId: string, headers: Record<string, string> = {}) =>
  GET(new NextRequest(`https://playgate.test/api/v1/organisations/${orgId}/vod`, { headers }), { params: Promise.resolve({ orgId }) });
const setPublic = (id: string, vodPublic: boolean) => db.organisation.update({ where: { id }, data: { vodPublic } });

beforeAll(async () => {
  const make = async (name: string, packages: ("vod" | "secure_playback")[]) => {
    const made = await createOrganisation({ name, admin: { email: `${name.replace(/\W/g, "")}@vod.test`, name, password: "long-enough-password" }, packages });
    await db.vodItem.create({ data: { orgId: made.org.id, title: `${name} keynote`, url: `https://vod.example.com/${made.org.id}.mp4`, durationSec: 60 } });
    return { id: made.org.id, key: made.masterKey };
  };
  Object.assign(org, await make("Vod Org", ["vod"]));
  Object.assign(other, await make("Other Vod Org", ["vod"]));
  Object.assign(noVod, await make("No Vod Org", ["secure_playback"]));
});

describe("public VOD list", () => {
  it("public on: 200 without any credentials, listing only this organisation's items", async () => {
    await setPublic(org.id, true);
    const res = await list(org.id);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({ title: "Vod Org keynote", durationSec: 60 });
  });

  it("public off: 401 without credentials", async () => {
    await setPublic(org.id, false);
    const res = await list(org.id);
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe("unauthenticated");
  });

  it("public off: 200 with this organisation's master key or a member's session token (even readonly)", async () => {
    await setPublic(org.id, false);
    expect((await list(org.id, { "x-api-key": org.key })).status).toBe(200);
    const reader = await createUser(org.id, "readonly");
    const { token } = await createApiSession(reader.id);
    expect((await list(org.id, { "x-bintu-token": token })).status).toBe(200);
    expect((await list(org.id, { authorization: `Bearer ${token}` })).status).toBe(200);
  });

  it("invalid credentials are 401 even when the list is public", async () => {
    await setPublic(org.id, true);
    expect((await list(org.id, { "x-api-key": "pg_live_wrong-key-000000000000000000" })).status).toBe(401);
  });

  it.each([true, false])("another organisation's key gets 404 (public=%s), never the list", async (vodPublic) => {
    await setPublic(org.id, vodPublic);
    const res = await list(org.id, { "x-api-key": other.key });
    expect(res.status).toBe(404);
    expect(JSON.stringify(await res.json())).not.toContain("keynote");
  });

  it.each([true, false])("without the VOD package the list does not exist: 404 (public=%s), also with its own key", async (vodPublic) => {
    await setPublic(noVod.id, vodPublic);
    expect((await list(noVod.id)).status).toBe(404);
    expect((await list(noVod.id, { "x-api-key": noVod.key })).status).toBe(404);
  });

  it("an unknown organisation is 404", async () => {
    expect((await list("does-not-exist")).status).toBe(404);
  });
});
