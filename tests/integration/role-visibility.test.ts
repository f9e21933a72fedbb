// What each role is sent about the webhook and token creators (row 8). A webhook URL's path or
// query may be the receiver's secret, a delivery's error names it, and a creator's email names a
// member: roles that may not manage the webhook see its URL as scheme and host; the delivery log is
// for admins; roles that may not list users (user:list) see "a member of this organisation". Checked
// where data leaves the server: the element tree a server component hands to React (the props that
// become the RSC payload, client islands included), its rendered HTML, and the API's answers.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createElement, type ReactNode } from "react";
import { prerender } from "react-dom/static";
import { AppRouterContext } from "next/dist/shared/lib/app-router-context.shared-runtime";
import { ToastProvider } from "@/components/ui/toast";
import { applyTestConfig } from "@/tests/support/config";
import { setupTestDatabase } from "@/tests/support/db";
import { apiFixture } from "@/tests/support/api-fixture";
import { apiKey, bintu, callRoute, expectContract, expectError } from "@/tests/support/api";
import { db } from "@/lib/db";
import { resolveSessionToken, type CurrentUser } from "@/lib/data/sessions";
import { actorFromUser } from "@/lib/auth/session";
import { authenticateApiRequest } from "@/lib/api/auth";
import { createStream } from "@/lib/data/streams";
import { createPlaybackToken } from "@/lib/data/playback-tokens";
import { apiBodyToTokenInput } from "@/lib/validation/tokens";
import { MASTER_KEY_CREATOR, ORGANISATION_MEMBER } from "@/lib/tokens/creator";
import * as orgContracts from "@/lib/api/contracts/organisation";
import * as tokenContracts from "@/lib/api/contracts/tokens";

const auth = vi.hoisted(() => ({ current: null as CurrentUser | null }));
vi.mock("@/lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  getCurrentUser: async () => auth.current,
  requireUser: async () => auth.current,
}));

const { WebhookSection } = await import("@/app/(dashboard)/organisation/overview/webhook-section");
const { TokenRegistry } = await import("@/app/(dashboard)/secure/token/token-registry");
const { default: TokenOverviewPage } = await import("@/app/(dashboard)/secure/token/[id]/page");
const webhookRoute = await import("@/app/api/v1/organisation/webhook/route");
const deliveriesRoute = await import("@/app/api/v1/organisation/webhook/deliveries/route");
const tokensRoute = await import("@/app/api/v1/secure/token/route");
const tokenRoute = await import("@/app/api/v1/secure/token/[id]/route");

applyTestConfig();
setupTestDatabase();

// Canaries: none of these may reach a role that may not see them.
const PATH_SECRET = "pathsecret7Q2xZ";
const QUERY_SECRET = "querysecret9Kd4W";
const WEBHOOK_URL = `https://hooks.canary.test/services/${PATH_SECRET}/in?token=${QUERY_SECRET}`;
const MASKED_URL = "https://hooks.canary.test/…";
const DELIVERY_ERROR = "ENOTFOUND deliveryerror3Vb8 hooks.canary.test";

type Role = "admin" | "user" | "readonly";
let f: Awaited<ReturnType<typeof apiFixture>>;
const people = {} as Record<Role, CurrentUser>;
const tokens = {} as Record<Role, string>;
const tokenIds = { byAdmin: "", byKey: "" };
let maskedMasterKey = "";

beforeAll(async () => {
  f = await apiFixture();
  for (const [role, token] of [["admin", f.adminA.token], ["user", f.userA.token], ["readonly", f.readonlyA.token]] as const) {
    people[role] = (await resolveSessionToken(token))!;
    tokens[role] = token;
  }
  const admin = actorFromUser(people.admin);
  const stream = await createStream(admin, { name: "Canary Hall", tags: [] });
  tokenIds.byAdmin = (await createPlaybackToken(admin, apiBodyToTokenInput({ groupid: stream.id, tag: "by-admin" }), "ui")).id;
  const keyActor = (await authenticateApiRequest(new Headers({ "x-api-key": f.masterA })))!.actor;
  maskedMasterKey = keyActor.email.replace(/^API key /, "");
  tokenIds.byKey = (await createPlaybackToken(keyActor, apiBodyToTokenInput({ groupid: stream.id, tag: "by-key" }), "api")).id;
  // Planted after the tokens, so their events queue nothing and the log holds exactly this delivery.
  const webhook = { url: WEBHOOK_URL, events: JSON.stringify(["token.created"]), enabled: true, secretMasked: "whsec_abcd…wxyz" };
  await db.webhook.upsert({ where: { orgId: f.orgA.id }, update: webhook, create: { orgId: f.orgA.id, secretNonce: "nonce-for-tests", ...webhook } });
  await db.webhookDelivery.create({
    data: { orgId: f.orgA.id, messageId: "msg_canary", eventType: "token.created", url: WEBHOOK_URL, payload: "{}", status: "failed", attempts: 8, lastError: DELIVERY_ERROR },
  });
});

/** The element tree as data (what React serialises for client islands) and its HTML, both as text. */
async function sent(tree: ReactNode): Promise<string> {
  const router = { back() {}, forward() {}, refresh() {}, push() {}, replace() {}, prefetch() {} };
  const wrapped = createElement(AppRouterContext.Provider, { value: router as never }, createElement(ToastProvider, null, tree));
  const { prelude } = await prerender(wrapped);
  return `${treeData(tree)}\n${await new Response(prelude).text()}`;
}

/** Every prop value in the tree as JSON, skipping React's own bookkeeping (_owner, _store, _debug…). */
function treeData(tree: ReactNode): string {
  const seen = new WeakSet<object>();
  return JSON.stringify(tree, (key, value: unknown) => {
    if (key.startsWith("_")) return undefined;
    if (typeof value === "object" && value !== null) {
      if (seen.has(value)) return "[seen]";
      seen.add(value);
    }
    return value;
  });
}

function as(role: Role) {
  auth.current = people[role];
  return people[role];
}

describe("the webhook URL and the delivery log", () => {
  it.each(["user", "readonly"] as const)("8: %s is sent the overview's webhook URL masked and no delivery log (page data and HTML)", async (role) => {
    const text = await sent(await WebhookSection({ user: as(role) }));
    expect(text).toContain(MASKED_URL);
    for (const canary of [PATH_SECRET, QUERY_SECRET, "deliveryerror3Vb8", "msg_canary"]) expect(text).not.toContain(canary);
    expect(text).not.toContain("Delivery log");
  });

  it("8: an admin is sent the full URL, the delivery log and its error text", async () => {
    const text = await sent(await WebhookSection({ user: as("admin") }));
    expect(text).toContain(WEBHOOK_URL.replace("&", "&amp;").split("?")[0]);
    expect(text).toContain(QUERY_SECRET);
    expect(text).toContain("Delivery log");
    expect(text).toContain("deliveryerror3Vb8");
  });

  it("8: GET /api/v1/organisation/webhook masks the URL for user and readonly; admin and the master key get it in full", async () => {
    for (const role of ["user", "readonly"] as const) {
      const answer = await callRoute(webhookRoute.GET, "GET", "/api/v1/organisation/webhook", { headers: bintu(tokens[role]) });
      expectContract(orgContracts.getWebhook, answer);
      expect(answer.json).toMatchObject({ url: MASKED_URL, enabled: true, events: ["token.created"] });
      expect(JSON.stringify(answer.json)).not.toContain(PATH_SECRET);
      expect(JSON.stringify(answer.json)).not.toContain(QUERY_SECRET);
    }
    for (const headers of [bintu(tokens.admin), apiKey(f.masterA)]) {
      const answer = await callRoute(webhookRoute.GET, "GET", "/api/v1/organisation/webhook", { headers });
      expect(answer.json).toMatchObject({ url: WEBHOOK_URL });
    }
  });

  it("8: the delivery log API answers 403 to user and readonly (audited), and admins get it", async () => {
    for (const role of ["user", "readonly"] as const) {
      const answer = await callRoute(deliveriesRoute.GET, "GET", "/api/v1/organisation/webhook/deliveries", { headers: bintu(tokens[role]) });
      expectError(answer, 403);
      expect(JSON.stringify(answer.json)).not.toContain(PATH_SECRET);
      expect(JSON.stringify(answer.json)).not.toContain("deliveryerror3Vb8");
      const denied = await db.auditEvent.count({ where: { orgId: f.orgA.id, action: "permission.denied", actorEmail: people[role].email, targetLabel: orgContracts.listDeliveries.name } });
      expect(denied).toBeGreaterThan(0);
    }
    const answer = await callRoute(deliveriesRoute.GET, "GET", "/api/v1/organisation/webhook/deliveries", { headers: bintu(tokens.admin) });
    expectContract(orgContracts.listDeliveries, answer);
    expect((answer.json as { items: { url: string; lastError: string | null }[] }).items).toEqual([expect.objectContaining({ url: WEBHOOK_URL, lastError: DELIVERY_ERROR })]);
  });
});

describe("token creators", () => {
  const adminEmail = () => people.admin.email;

  it("8: readonly is sent 'a member of this organisation' and never a creator's email or the masked master key: registry rows, token page, token API", async () => {
    const registry = await sent(await TokenRegistry({ orgId: f.orgA.id, viewer: as("readonly").role, searchParams: {}, canRevoke: false }));
    const page = await sent(await TokenOverviewPage({ params: Promise.resolve({ id: tokenIds.byAdmin }) }));
    const keyPage = await sent(await TokenOverviewPage({ params: Promise.resolve({ id: tokenIds.byKey }) }));
    const list = await callRoute(tokensRoute.GET, "GET", "/api/v1/secure/token", { headers: bintu(tokens.readonly) });
    expectContract(tokenContracts.listTokens, list);
    const one = await callRoute(tokenRoute.GET, "GET", `/api/v1/secure/token/${tokenIds.byAdmin}`, { headers: bintu(tokens.readonly), params: { id: tokenIds.byAdmin } });
    expectContract(tokenContracts.getToken, one);
    for (const text of [registry, page, keyPage, JSON.stringify(list.json), JSON.stringify(one.json)]) {
      expect(text).not.toContain(adminEmail());
      expect(text).not.toContain(maskedMasterKey);
    }
    for (const text of [registry, page, JSON.stringify(list.json), JSON.stringify(one.json)]) expect(text).toContain(ORGANISATION_MEMBER);
    for (const text of [registry, keyPage, JSON.stringify(list.json)]) expect(text).toContain(MASTER_KEY_CREATOR);
  });

  it.each(["user", "admin"] as const)("8: %s (who may list users) is sent the creator's email", async (role) => {
    const registry = await sent(await TokenRegistry({ orgId: f.orgA.id, viewer: as(role).role, searchParams: {}, canRevoke: true }));
    const page = await sent(await TokenOverviewPage({ params: Promise.resolve({ id: tokenIds.byAdmin }) }));
    const list = await callRoute(tokensRoute.GET, "GET", "/api/v1/secure/token", { headers: bintu(tokens[role]) });
    const one = await callRoute(tokenRoute.GET, "GET", `/api/v1/secure/token/${tokenIds.byAdmin}`, { headers: bintu(tokens[role]), params: { id: tokenIds.byAdmin } });
    for (const text of [registry, page, JSON.stringify(list.json), JSON.stringify(one.json)]) {
      expect(text).toContain(adminEmail());
      expect(text).not.toContain(ORGANISATION_MEMBER);
    }
    // The masked master key is for admins (apiKey:manage); a user sees which kind of creator it was.
    for (const text of [registry, JSON.stringify(list.json)]) expect(text.includes(maskedMasterKey)).toBe(role === "admin");
  });
});
