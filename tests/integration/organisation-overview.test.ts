// The organisation overview per role: what each role sees and may change (admin, user, readonly,
// another organisation's admin). Server actions are called directly, as an attacker replaying a
// POST would; a forbidden call must leave the database exactly as it was.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { AppRouterContext } from "next/dist/shared/lib/app-router-context.shared-runtime";
import { ToastProvider } from "@/components/ui/toast";
import { applyTestConfig } from "@/tests/support/config";
import { setupTestDatabase } from "@/tests/support/db";
import { createUser } from "@/tests/support/factory";
import { db } from "@/lib/db";
import { createOrganisation } from "@/lib/data/organisations";
import { getMasterKeyInfo, resolveMasterKey } from "@/lib/data/api-keys";
import { getWebhookSettings, listDeliveries } from "@/lib/data/webhooks";
import { listTagsInUse } from "@/lib/data/organisation-settings";
import type { CurrentUser } from "@/lib/data/sessions";
import { getCurrentUser } from "@/lib/auth/session";
import { can } from "@/lib/permissions";
import { webhookSecret } from "@/lib/webhooks/sign";
import { getConfig } from "@/lib/config";
import {
  redeliverAction, rotateMasterKeyAction, rotatePlayerKeyAction, rotateWebhookSecretAction, saveWebhookAction, sendTestEventAction, setVodPublicAction,
} from "@/app/(dashboard)/organisation/overview/actions";
import { ApiAccessSection } from "@/app/(dashboard)/organisation/overview/api-access-section";
import { PackagesSection } from "@/app/(dashboard)/organisation/overview/packages-section";
import { TagsSection } from "@/app/(dashboard)/organisation/overview/tags-section";
import { OrganisationHeader } from "@/components/organisation/organisation-header";
import { setLevel } from "@/lib/data/organisations";
import { systemActor } from "@/lib/auth/actor";
import { PACKAGE_IDS } from "@/lib/packages";

vi.mock("@/lib/auth/session", async (importOriginal) => ({ ...(await importOriginal<object>()), getCurrentUser: vi.fn() }));

applyTestConfig({ PLAYGATE_WEBHOOK_ALLOW_INSECURE: undefined });

setupTestDatabase();

type Role = "admin" | "user" | "readonly" | "other";
const people = {} as Record<Role, CurrentUser>;
let orgId = "";
let otherOrgId = "";
let masterKey = "";

async function asUser(id: string): Promise<CurrentUser> {
  const u = await db.user.findUniqueOrThrow({ where: { id }, include: { org: true } });
  return { id: u.id, email: u.email, name: u.name, role: u.role as CurrentUser["role"], orgId: u.orgId, orgName: u.org.name, sessionId: `s_${u.id}`, tokenLabel: "pg_st_test…" };
}
function actingAs(role: Role) {
  vi.mocked(getCurrentUser).mockResolvedValue(people[role]);
  return people[role];
}
/** Everything the overview's actions could change, for "nothing changed" checks. */
async function snapshot(id = orgId) {
  const [org, keys, webhook, deliveries, audit] = await Promise.all([
    db.organisation.findUniqueOrThrow({ where: { id }, select: { playerKey: true, vodPublic: true } }),
    db.apiKey.findMany({ where: { orgId: id }, orderBy: { id: "asc" } }),
    db.webhook.findUnique({ where: { orgId: id } }),
    db.webhookDelivery.findMany({ where: { orgId: id }, orderBy: { id: "asc" } }),
    // Refusals are audited (permission.denied); "nothing changed" means nothing else was.
    db.auditEvent.count({ where: { orgId: id, action: { not: "permission.denied" } } }),
  ]);
  return JSON.stringify({ org, keys, webhook, deliveries, audit });
}

beforeAll(async () => {
  const made = await createOrganisation({ name: "Overview Org", admin: { email: "admin@overview.test", name: "A", password: "long-enough-password" }, packages: ["vod"] });
  orgId = made.org.id;
  masterKey = made.masterKey;
  const other = await createOrganisation({ name: "Other Org", admin: { email: "admin@other.test", name: "O", password: "long-enough-password" } });
  otherOrgId = other.org.id;
  people.admin = await asUser(made.admin.id);
  people.user = await asUser((await createUser(orgId, "user")).id);
  people.readonly = await asUser((await createUser(orgId, "readonly")).id);
  people.other = await asUser(other.admin.id);
});

describe("API access section", () => {
  it("shows the masked master key and its dates to admins only; other roles never receive it in the HTML", async () => {
    const info = await getMasterKeyInfo(orgId);
    expect(info?.maskedKey).toMatch(/^pg_live_.{4}….{4}$/);
    for (const role of ["admin", "user", "readonly"] as const) {
      const section = await ApiAccessSection({ user: people[role], sessionToken: `pg_st_own_${role}`, playerKey: "pg_pk_public" });
      // Client islands need the providers the app shell gives them (a router that does nothing here).
      const router = { back() {}, forward() {}, refresh() {}, push() {}, replace() {}, prefetch() {} };
      const html = renderToString(createElement(AppRouterContext.Provider, { value: router as never }, createElement(ToastProvider, null, section)));
      expect(html.includes(info!.maskedKey)).toBe(role === "admin");
      expect(html.includes("Master API key")).toBe(role === "admin");
      expect(html).not.toContain(masterKey);
      // Every role sees the player key and its own session token (masked until "Show").
      expect(html).toContain("pg_pk_public");
      expect(html.includes("Rotate player key")).toBe(role === "admin");
      // Every role finds the API reference from here.
      expect(html).toMatch(/<a [^>]*href="\/docs\/api"[^>]*>API reference<\/a>/);
    }
  });

  it("admin rotates the master key: the new key is returned once, the old one is refused at once", async () => {
    actingAs("admin");
    const state = await rotateMasterKeyAction(undefined, {});
    expect(state).toMatchObject({ ok: true });
    const key = (state as { data: { key: string } }).data.key;
    expect(key).toMatch(/^pg_live_/);
    expect(await resolveMasterKey(masterKey)).toBeNull();
    expect((await resolveMasterKey(key))?.orgId).toBe(orgId);
    const rows = await db.apiKey.findMany({ where: { orgId }, omit: { keyHash: false } });
    expect(rows.filter((r) => !r.revokedAt)).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(key);
    masterKey = key;
  });

  it.each(["user", "readonly"] as const)("%s cannot rotate the master key or the player key; nothing changes", async (role) => {
    actingAs(role);
    const before = await snapshot();
    expect(await rotateMasterKeyAction(undefined, {})).toMatchObject({ ok: false, code: "forbidden" });
    expect(await rotatePlayerKeyAction(undefined, {})).toMatchObject({ ok: false, code: "forbidden" });
    expect(await snapshot()).toBe(before);
    expect(await resolveMasterKey(masterKey)).not.toBeNull();
  });

  it("admin rotates the player key; another organisation's admin rotates only their own", async () => {
    actingAs("admin");
    const before = (await db.organisation.findUniqueOrThrow({ where: { id: orgId } })).playerKey;
    expect(await rotatePlayerKeyAction(undefined, {})).toMatchObject({ ok: true });
    const after = (await db.organisation.findUniqueOrThrow({ where: { id: orgId } })).playerKey;
    expect(after).not.toBe(before);
    actingAs("other");
    const mine = await snapshot();
    expect(await rotatePlayerKeyAction(undefined, {})).toMatchObject({ ok: true });
    expect(await snapshot()).toBe(mine);
  });
});

describe("webhook config", () => {
  it("admin saves a public https endpoint and events; everyone with webhook:read sees them, secret masked (and the URL's path for non-admins)", async () => {
    actingAs("admin");
    const form = new FormData();
    form.set("url", "https://93.184.215.14/hooks/playgate");
    form.append("events", "publish");
    form.append("events", "token.created");
    form.set("enabled", "on");
    expect(await saveWebhookAction(undefined, form)).toMatchObject({ ok: true });
    const settings = await getWebhookSettings(orgId, "admin");
    expect(settings).toMatchObject({ url: "https://93.184.215.14/hooks/playgate", events: ["publish", "token.created"], enabled: true });
    expect(settings.secretMasked).toMatch(/^whsec_.{4}….{4}$/);
    expect(["admin", "user", "readonly"].every((r) => can(r, "webhook:read"))).toBe(true);
    // The path may be the receiver's secret: roles that cannot manage the webhook see scheme and host only.
    for (const role of ["user", "readonly"] as const) {
      expect(await getWebhookSettings(orgId, role)).toMatchObject({ url: "https://93.184.215.14/…", events: ["publish", "token.created"], enabled: true, secretMasked: settings.secretMasked });
    }
    expect(["user", "readonly"].some((r) => can(r, "webhook:manage"))).toBe(false);
  });

  it.each([
    "http://93.184.215.14/hook",
    "https://127.0.0.1/hook",
    "https://169.254.169.254/latest/meta-data",
    "https://2130706433/",
    "https://[::ffff:127.0.0.1]/",
    "https://10.1.2.3/",
    "https://localhost/hook",
  ])("refuses %s at save with a field error, changing nothing", async (url) => {
    actingAs("admin");
    const before = await snapshot();
    const state = await saveWebhookAction(undefined, { url, enabled: "on", events: ["publish"] });
    expect(state).toMatchObject({ ok: false });
    expect((state as { fields?: Record<string, string[]> }).fields?.url?.[0]).toBeTruthy();
    expect(await snapshot()).toBe(before);
  });

  it("rejects unknown fields and unknown events (mass assignment)", async () => {
    actingAs("admin");
    const before = await snapshot();
    expect(await saveWebhookAction(undefined, { url: "https://93.184.215.14/x", secretNonce: "mine" })).toMatchObject({ ok: false, code: "invalid" });
    expect(await saveWebhookAction(undefined, { url: "https://93.184.215.14/x", events: ["everything"] })).toMatchObject({ ok: false, code: "invalid" });
    expect(await snapshot()).toBe(before);
  });

  it("rotating the signing secret shows a derived whsec_ secret once; the database holds only the nonce and a mask", async () => {
    actingAs("admin");
    const state = await rotateWebhookSecretAction(undefined, {});
    const secret = (state as { data: { secret: string } }).data.secret;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/);
    const row = await db.webhook.findUniqueOrThrow({ where: { orgId } });
    expect(webhookSecret(getConfig().appSecret, row.secretNonce)).toBe(secret);
    expect(JSON.stringify(row)).not.toContain(secret.slice(6));
    expect(row.secretMasked).toBe(`whsec_${secret.slice(6, 10)}…${secret.slice(-4)}`);
  });

  it.each(["user", "readonly"] as const)("%s cannot save, rotate the secret, send a test event or redeliver; nothing changes", async (role) => {
    actingAs("admin");
    await sendTestEventAction(undefined, {});
    const delivery = (await listDeliveries(orgId))[0];
    await db.webhookDelivery.update({ where: { id: delivery.id }, data: { status: "failed" } });
    actingAs(role);
    const before = await snapshot();
    expect(await saveWebhookAction(undefined, { url: "https://93.184.215.14/evil", enabled: "on" })).toMatchObject({ code: "forbidden" });
    expect(await rotateWebhookSecretAction(undefined, {})).toMatchObject({ code: "forbidden" });
    expect(await sendTestEventAction(undefined, {})).toMatchObject({ code: "forbidden" });
    expect(await redeliverAction(undefined, { deliveryId: delivery.id })).toMatchObject({ code: "forbidden" });
    expect(await snapshot()).toBe(before);
  });

  it("another organisation's admin cannot redeliver this organisation's delivery (not found) and never sees its log", async () => {
    const delivery = (await listDeliveries(orgId))[0];
    actingAs("other");
    const before = await snapshot();
    expect(await redeliverAction(undefined, { deliveryId: delivery.id })).toMatchObject({ ok: false, code: "not_found" });
    expect(await snapshot()).toBe(before);
    expect(await listDeliveries(otherOrgId)).toHaveLength(0);
    expect((await getWebhookSettings(otherOrgId, "admin")).url).toBe("");
  });

  it("admin redelivers a finished delivery: the same message is queued again", async () => {
    actingAs("admin");
    const delivery = (await listDeliveries(orgId))[0];
    expect(await redeliverAction(undefined, { deliveryId: delivery.id })).toMatchObject({ ok: true });
    const row = await db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } });
    expect(row).toMatchObject({ status: "pending", messageId: delivery.messageId });
  });
});

describe("VOD public accessibility", () => {
  it("admin switches it on and off", async () => {
    actingAs("admin");
    expect(await setVodPublicAction(undefined, { vodPublic: true })).toMatchObject({ ok: true });
    expect((await db.organisation.findUniqueOrThrow({ where: { id: orgId } })).vodPublic).toBe(true);
    expect(await setVodPublicAction(undefined, new FormData())).toMatchObject({ ok: true });
    expect((await db.organisation.findUniqueOrThrow({ where: { id: orgId } })).vodPublic).toBe(false);
  });

  it.each(["user", "readonly"] as const)("%s cannot change it; nothing changes", async (role) => {
    actingAs(role);
    const before = await snapshot();
    expect(await setVodPublicAction(undefined, { vodPublic: true })).toMatchObject({ code: "forbidden" });
    expect(await snapshot()).toBe(before);
  });

  it("an anonymous replay of the action is refused", async () => {
    vi.mocked(getCurrentUser).mockResolvedValue(null);
    const before = await snapshot();
    expect(await setVodPublicAction(undefined, { vodPublic: true })).toMatchObject({ code: "unauthenticated" });
    expect(await snapshot()).toBe(before);
  });
});

describe("tags", () => {
  it("lists every tag in use on streams and tokens of this organisation only, with counts", async () => {
    await db.stream.create({ data: { id: "grp_tag1", orgId, name: "S1", tags: { create: [{ orgId, tag: "live" }, { orgId, tag: "sports" }] } } });
    await db.stream.create({ data: { id: "grp_tag2", orgId, name: "S2", tags: { create: [{ orgId, tag: "live" }] } } });
    await db.stream.create({ data: { id: "grp_tag3", orgId: otherOrgId, name: "O", tags: { create: [{ orgId: otherOrgId, tag: "secret-other" }] } } });
    const token = { kid: "k", targetType: "org", issuedAt: new Date(), expiresAt: new Date(Date.now() + 1e6), token: "t", createdByEmail: "a@x" };
    await db.playbackToken.create({ data: { ...token, orgId, jti: "j1", tag: "live" } });
    await db.playbackToken.create({ data: { ...token, orgId, jti: "j2", tag: "promo" } });
    expect(await listTagsInUse(orgId)).toEqual([
      { tag: "live", streams: 2, tokens: 1 },
      { tag: "promo", streams: 0, tokens: 1 },
      { tag: "sports", streams: 1, tokens: 0 },
    ]);
  });
});

describe("what the overview shows", () => {
  const html = async (node: Promise<React.ReactElement> | React.ReactElement) => renderToString(await node);

  it("the header shows the Support Level and Analytics Level the operator set", async () => {
    await setLevel(systemActor(orgId, "cli"), "support", "Premium");
    const page = await html(OrganisationHeader({ user: people.readonly, current: "/organisation/overview" }));
    expect(page).toContain("Support Level: <!-- -->Premium");
    expect(page).toContain("Analytics Level: <!-- -->Basic");
  });

  it("enabled packages are marked enabled and every absent one says Upgrade needed", async () => {
    const page = await html(PackagesSection({ orgName: "Overview Org", enabled: ["vod"], role: "admin" }));
    const upgrades = page.match(/Upgrade needed/g) ?? [];
    expect(upgrades).toHaveLength(PACKAGE_IDS.length - 1);
    expect(page).toMatch(/VOD[\s\S]{0,400}Enabled/);
  });

  it("each tag links to the streams and the tokens that carry it", async () => {
    const page = await html(TagsSection({ orgId }));
    expect(page).toContain('href="/streams?tag=live"');
    expect(page).toContain('href="/secure/token?tag=live#issued-tokens"');
    expect(page).toContain('href="/secure/token?tag=promo#issued-tokens"');
    expect(page).not.toContain('href="/streams?tag=promo"');
    expect(page).not.toContain("secret-other");
  });
});

describe("audit", () => {
  it("the overview's actions are audited without secrets; only admins may read the log", async () => {
    const events = await db.auditEvent.findMany({ where: { orgId } });
    const actions = new Set(events.map((e) => e.action));
    for (const a of ["apiKey.rotated", "playerKey.rotated", "webhook.updated", "webhook.secret_rotated", "vod.made_public"]) expect(actions).toContain(a);
    expect(JSON.stringify(events)).not.toContain(masterKey);
    expect(can("admin", "audit:read")).toBe(true);
    expect(can("user", "audit:read") || can("readonly", "audit:read")).toBe(false);
  });
});
