// The audit page's "Download CSV" (GET /organisation/audit/export): the same CSV as the API's
// export, for the signed-in browser. The page's filters carry over, its From/To days read as whole
// UTC days; a role without audit:read gets 403 and the signed-out are sent to sign in.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { newSession } from "@/tests/support/session-mock";

// The browser: a real session cookie, checked by the real getCurrentUser.
const auth = vi.hoisted(() => ({ current: null, jwt: null, jar: new Map<string, string>() }) as ReturnType<typeof newSession>);
vi.mock("next/headers", async () => (await import("@/tests/support/session-mock")).headersModule(auth));

import { setupTestDatabase } from "@/tests/support/db";
import { apiFixture } from "@/tests/support/api-fixture";
import { callRoute } from "@/tests/support/api";
import { db } from "@/lib/db";
import { encode } from "@/lib/auth/jwt-codec";
import { SESSION_COOKIE } from "@/lib/auth/cookies";
import { getConfig } from "@/lib/config";
import * as download from "@/app/(dashboard)/organisation/audit/export/route";

setupTestDatabase();
let f: Awaited<ReturnType<typeof apiFixture>>;
beforeAll(async () => {
  f = await apiFixture();
});
beforeEach(() => auth.jar.clear());

async function signIn(who: { user: { id: string }; token: string }) {
  auth.jar.set(SESSION_COOKIE, await encode({ token: { sub: who.user.id, st: who.token }, secret: getConfig().authSecret }));
}

const exportPage = (query: Record<string, string> = {}) => callRoute(download.GET, "GET", "/organisation/audit/export", { query });

/** Data rows of a CSV whose cells hold no comma, quote or line break (the ones below). */
const rowsOf = (text: string) => text.split("\r\n").slice(1, -1).map((line) => line.split(","));

describe("the audit page's Download CSV", () => {
  it("downloads the events of the page's filters, From and To as whole UTC days, times in ISO UTC", async () => {
    const at = ["2026-10-31T23:59:59.999Z", "2026-11-01T00:00:00.000Z", "2026-11-02T23:59:59.999Z", "2026-11-03T00:00:00.000Z"];
    await db.auditEvent.createMany({ data: at.map((iso, i) => ({ orgId: f.orgA.id, actorKind: "system", actorEmail: "days@test", action: "days.test", targetLabel: `d${i}`, createdAt: new Date(iso) })) });
    await db.auditEvent.create({ data: { orgId: f.orgB.id, actorKind: "system", actorEmail: "days@test", action: "days.test", targetLabel: "other org", createdAt: new Date(at[1]) } });
    await signIn(f.adminA);
    const res = await exportPage({ action: "days.test", from: "2026-11-01", to: "2026-11-02" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="playgate-audit-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(rowsOf(res.json as string).map((r) => [r[0], r[8]])).toEqual([
      ["2026-11-02T23:59:59.999Z", "d2"],
      ["2026-11-01T00:00:00.000Z", "d1"],
    ]);
  });

  it("starts no cell with a formula character, whichever way in", async () => {
    const labels = ["=1+1", "+1", "-1", "@A1", "\tx", "\rx"];
    await db.auditEvent.createMany({ data: labels.map((targetLabel, i) => ({ orgId: f.orgA.id, actorKind: "system", actorEmail: "formula@test", action: "formula.test", targetLabel, createdAt: new Date(Date.now() - 1000 + i) })) });
    await signIn(f.adminA);
    const text = (await exportPage({ action: "formula.test" })).json as string;
    expect(text).toContain(`'=1+1,`);
    expect(text).toContain(`"'\rx",`);
    expect(text.split(/,|\r\n/).filter((cell) => /^"?[=+\-@\t\r]/.test(cell))).toEqual([]);
  });

  it("answers 403 to a role without audit:read and sends the signed-out to sign in, keeping the filters", async () => {
    await signIn(f.userA);
    const user = await exportPage();
    expect(user.status).toBe(403);
    expect(user.json).toContain("audit:read");
    await signIn(f.readonlyA);
    expect((await exportPage()).status).toBe(403);
    auth.jar.clear();
    const anonymous = await exportPage({ action: "token.created" });
    expect(anonymous.status).toBe(307);
    const login = new URL(anonymous.headers.get("location")!);
    expect([login.pathname, login.searchParams.get("callbackUrl")]).toEqual(["/login", "/organisation/audit/export?action=token.created"]);
  });
});
