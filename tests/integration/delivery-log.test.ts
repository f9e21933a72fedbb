// The webhook delivery log on the organisation overview (admins only): why a delivery failed is
// visible text in its row (not a title tooltip keyboard and touch users cannot reach), and a
// retrying delivery says when its next attempt is due, in UTC.
import { beforeAll, describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { AppRouterContext } from "next/dist/shared/lib/app-router-context.shared-runtime";
import { ToastProvider } from "@/components/ui/toast";
import { applyTestConfig } from "@/tests/support/config";
import { setupTestDatabase } from "@/tests/support/db";
import { createUser } from "@/tests/support/factory";
import { db } from "@/lib/db";
import { createOrganisation } from "@/lib/data/organisations";
import type { CurrentUser } from "@/lib/data/sessions";
import { DeliveryLog } from "@/app/(dashboard)/organisation/overview/delivery-log";

applyTestConfig();
setupTestDatabase();

const REASON = "ENOTFOUND: getaddrinfo ENOTFOUND hooks.example.com";
const NEXT_ATTEMPT = new Date("2030-01-02T03:04:05Z");
const people = {} as Record<"admin" | "readonly", CurrentUser>;

async function asUser(id: string): Promise<CurrentUser> {
  const u = await db.user.findUniqueOrThrow({ where: { id }, include: { org: true } });
  return { id: u.id, email: u.email, name: u.name, role: u.role as CurrentUser["role"], orgId: u.orgId, orgName: u.org.name, sessionId: `s_${u.id}`, tokenLabel: "pg_st_test…" };
}

async function render(user: CurrentUser) {
  // Admins get the Redeliver islands, which need the providers the app shell gives them.
  const router = { back() {}, forward() {}, refresh() {}, push() {}, replace() {}, prefetch() {} };
  const log = await DeliveryLog({ user, hasUrl: true });
  return renderToString(createElement(AppRouterContext.Provider, { value: router as never }, createElement(ToastProvider, null, log)));
}

beforeAll(async () => {
  const made = await createOrganisation({ name: "Delivery Log Org", admin: { email: "admin@deliverylog.test", name: "A", password: "long-enough-password" } });
  people.admin = await asUser(made.admin.id);
  people.readonly = await asUser((await createUser(made.org.id, "readonly")).id);
  const base = { orgId: made.org.id, url: "https://hooks.example.com/playgate", payload: "{}" };
  await db.webhookDelivery.createMany({
    data: [
      { ...base, messageId: "msg_retrying", eventType: "publish", status: "pending", attempts: 2, lastError: REASON, nextAttemptAt: NEXT_ATTEMPT, createdAt: new Date("2030-01-02T03:00:00Z") },
      { ...base, messageId: "msg_failed", eventType: "play", status: "failed", attempts: 8, lastError: "TLS: certificate has expired", createdAt: new Date("2030-01-02T02:00:00Z") },
      { ...base, messageId: "msg_ok", eventType: "play_done", status: "succeeded", attempts: 1, lastStatusCode: 204, createdAt: new Date("2030-01-02T01:00:00Z") },
    ],
  });
});

describe("delivery log", () => {
  it("shows an admin the failure reason as text and when a retry is due", async () => {
    const html = await render(people.admin);
    expect(html).not.toMatch(/title="[^"]*ENOTFOUND/);
    expect(html).toMatch(/<p[^>]*wrap-anywhere[^>]*>ENOTFOUND: getaddrinfo ENOTFOUND hooks\.example\.com<\/p>/);
    expect(html).toMatch(/<p[^>]*wrap-anywhere[^>]*>TLS: certificate has expired<\/p>/);
    expect(html).toContain("retrying");
    expect(html).toMatch(/Next attempt (<!-- -->)?<time dateTime="2030-01-02T03:04:05.000Z"[^>]*>2030-01-02 03:04:05 UTC<\/time>/);
    // Only the retrying row has a next attempt.
    expect(html.match(/Next attempt/g)).toHaveLength(1);
    // Every row opens its details; only finished ones can be sent again (a pending one is on its way).
    const rows = await db.webhookDelivery.findMany({ where: { orgId: people.admin.orgId } });
    for (const row of rows) expect(html).toContain(`href="/organisation/overview/deliveries/${row.id}"`);
    expect(html.match(/>Redeliver</g)).toHaveLength(rows.filter((r) => r.status !== "pending").length);
  });

  it("8: is not rendered for readonly: no row, URL or error reason is sent", async () => {
    expect(await DeliveryLog({ user: people.readonly, hasUrl: true })).toBeNull();
  });
});
