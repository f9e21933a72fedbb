// POST /api/v1/streams/{id}/events: publish → live, publish_done → idle, play events leave the
// state; each fans out to the webhook when subscribed; other organisations' streams are 404;
// readonly tokens are 403.
import { beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { applyTestConfig } from "@/tests/support/config";
import { setupTestDatabase } from "@/tests/support/db";
import { db } from "@/lib/db";
import { createOrganisation } from "@/lib/data/organisations";
import { createApiSession } from "@/lib/data/sessions";
import { saveWebhookSettings } from "@/lib/data/webhooks";
import { createStream, createUser } from "@/tests/support/factory";
import { systemActor } from "@/lib/auth/actor";
import { POST } from "@/app/api/v1/streams/[id]/events/route";

applyTestConfig();

setupTestDatabase();

let orgId = "";
let key = "";
let otherKey = "";

const send = (id: string, event: string, headers: Record<string, string>) =>
  POST(new NextRequest(`https://playgate.test/api/v1/streams/${id}/events`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ event }) }), { params: Promise.resolve({ id }) });

beforeAll(async () => {
  const made = await createOrganisation({ name: "Events Org", admin: { email: "ev@example.test", name: "E", password: "long-enough-password" } });
  orgId = made.org.id;
  key = made.masterKey;
  otherKey = (await createOrganisation({ name: "Other", admin: { email: "ev2@example.test", name: "O", password: "long-enough-password" } })).masterKey;
  await saveWebhookSettings(systemActor(orgId, "test"), { url: "https://93.184.215.14/hook", events: ["publish", "publish_done"], enabled: true });
});

describe("stream events", () => {
  it("publish makes the stream live and queues a publish webhook; publish_done makes it idle", async () => {
    const stream = await createStream(orgId);
    const res = await send(stream.id, "publish", { "x-api-key": key });
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ stream: { id: stream.id, state: "live" }, webhookQueued: true });
    expect((await db.stream.findUniqueOrThrow({ where: { id: stream.id } })).state).toBe("live");
    const delivery = await db.webhookDelivery.findFirstOrThrow({ where: { orgId, eventType: "publish" } });
    expect(JSON.parse(delivery.payload)).toMatchObject({ type: "publish", data: { stream: { id: stream.id, state: "live" } } });
    expect((await send(stream.id, "publish_done", { "x-api-key": key })).status).toBe(202);
    expect((await db.stream.findUniqueOrThrow({ where: { id: stream.id } })).state).toBe("idle");
  });

  it("play is not subscribed here: state unchanged, nothing queued", async () => {
    const stream = await createStream(orgId, { state: "live" });
    const res = await send(stream.id, "play", { "x-api-key": key });
    expect(await res.json()).toMatchObject({ stream: { state: "live" }, webhookQueued: false });
  });

  it("another organisation's key gets 404 and changes nothing; a readonly token gets 403; bad events 400", async () => {
    const stream = await createStream(orgId);
    expect((await send(stream.id, "publish", { "x-api-key": otherKey })).status).toBe(404);
    const reader = await createUser(orgId, "readonly");
    const { token } = await createApiSession(reader.id);
    expect((await send(stream.id, "publish", { "x-bintu-token": token })).status).toBe(403);
    expect((await send(stream.id, "explode", { "x-api-key": key })).status).toBe(400);
    expect((await db.stream.findUniqueOrThrow({ where: { id: stream.id } })).state).toBe("idle");
  });
});
