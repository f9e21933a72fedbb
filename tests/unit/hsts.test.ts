// Row 16 (headers), deployment half: the proxy adds HSTS in deployment mode only (demo mode
// serves plain http on localhost) and marks credential pages no-store; the e2e header test
// covers CSP, frame-ancestors, nosniff and Referrer-Policy on the built demo server.
import { afterEach, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { resetConfigForTests } from "@/lib/config";
import { proxy } from "@/proxy";

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
  it.each(["/login", "/api/health", "/streams", "/organisation/overview"])("16: deployment mode sends HSTS on %s", async (path) => {
    expect((await headersFor("deployment", path)).get("strict-transport-security")).toMatch(/max-age=\d{8,}; includeSubDomains/);
  });

  it("16: demo mode sends no HSTS (plain http on localhost)", async () => {
    expect((await headersFor("demo", "/login")).get("strict-transport-security")).toBeNull();
  });

  it.each(["/organisation/overview", "/organisation/users", "/secure/token", "/account"])("8: credential page %s is marked no-store even on the way to /login", async (path) => {
    expect((await headersFor("deployment", path)).get("cache-control")).toContain("no-store");
  });
});
