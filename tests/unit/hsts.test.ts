// Row 16 (headers), deployment half: HSTS in deployment mode only (demo mode serves plain http on
// localhost) — pages get it from the proxy, /api/v1 and /api/health (which bypass the proxy) from
// their own wrappers — and credential pages are marked no-store; the e2e header test covers CSP,
// frame-ancestors, nosniff and Referrer-Policy on the built demo server.
import { afterEach, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { resetConfigForTests } from "@/lib/config";
import { proxy, config as proxyConfig } from "@/proxy";
import { GET as openapi } from "@/app/api/v1/openapi.json/route";
import { GET as listTokens } from "@/app/api/v1/secure/token/route";

const modeBefore = process.env.PLAYGATE_MODE;
afterEach(() => {
  process.env.PLAYGATE_MODE = modeBefore;
  resetConfigForTests();
});

async function headersFor(mode: "demo" | "deployment", path: string) {
  process.env.PLAYGATE_MODE = mode;
  resetConfigForTests();
  return (await proxy(new NextRequest(`https://playgate.test${path}`))).headers;
}

describe("16: HSTS and no-store from the proxy", () => {
  it.each(["/login", "/api/auth/session", "/streams", "/organisation/overview"])("16: deployment mode sends HSTS on %s", async (path) => {
    expect((await headersFor("deployment", path)).get("strict-transport-security")).toMatch(/max-age=\d{8,}; includeSubDomains/);
  });

  it("16: the proxy skips /api/v1 and /api/health, which set HSTS themselves", async () => {
    const matcher = new RegExp(`^${proxyConfig.matcher[0]}$`);
    for (const path of ["/api/v1/secure/token", "/api/health"]) expect(matcher.test(path), path).toBe(false);
    for (const path of ["/login", "/api/auth/session", "/secure/token", "/organisation/users"]) expect(matcher.test(path), path).toBe(true);

    process.env.PLAYGATE_MODE = "deployment";
    resetConfigForTests();
    const ctx = { params: Promise.resolve({}) };
    const publicAnswer = await openapi(new NextRequest("https://playgate.test/api/v1/openapi.json"), ctx);
    const refused = await listTokens(new NextRequest("https://playgate.test/api/v1/secure/token"), ctx);
    expect(refused.status).toBe(401);
    for (const res of [publicAnswer, refused]) expect(res.headers.get("strict-transport-security")).toMatch(/max-age=\d{8,}; includeSubDomains/);

    process.env.PLAYGATE_MODE = "demo";
    resetConfigForTests();
    expect((await listTokens(new NextRequest("http://127.0.0.1/api/v1/secure/token"), ctx)).headers.get("strict-transport-security")).toBeNull();
  });

  it("16: demo mode sends no HSTS (plain http on localhost)", async () => {
    expect((await headersFor("demo", "/login")).get("strict-transport-security")).toBeNull();
  });

  it.each(["/organisation/overview", "/organisation/users", "/secure/token", "/account"])("8: credential page %s is marked no-store even on the way to /login", async (path) => {
    expect((await headersFor("deployment", path)).get("cache-control")).toContain("no-store");
  });
});
