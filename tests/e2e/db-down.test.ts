// Faults (rows 17 and 22): with the database unreachable, /api/health answers 503 with a reason,
// the API answers 503 "unavailable" with Retry-After, and a dashboard page says the service is
// temporarily unavailable — no stack trace, no connection details — to a visitor with a
// well-formed session cookie (the page must reach the database to check it). The page tells the
// outage apart by the digest DatabaseUnavailableError carries, which a production build keeps.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encode } from "next-auth/jwt";
import type { Browser } from "playwright-core";
import { DESKTOP, launchBrowser, newContext, screenshot } from "./support/browser";

const SECRET = "db-down-test-secret-0123456789-0123456789";
let server: ChildProcess;
let baseUrl = "";
let browser: Browser;
let output = "";

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  server = spawn("npx", ["next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    env: {
      ...process.env,
      PLAYGATE_MODE: "deployment",
      PLAYGATE_SECRET: SECRET,
      NEXTAUTH_SECRET: SECRET,
      APP_URL: baseUrl,
      NEXTAUTH_URL: baseUrl,
      // Nothing listens on port 1: every query fails to connect.
      DATABASE_URL: "postgresql://postgres:hunter2@127.0.0.1:1/playgate",
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  server.stdout?.on("data", (d) => (output += d));
  server.stderr?.on("data", (d) => (output += d));
  for (let i = 0; i < 200; i++) {
    if (await fetch(`${baseUrl}/api/health`).then(() => true, () => false)) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  if (server?.pid) process.kill(-server.pid, "SIGTERM");
});

describe("database unreachable", () => {
  it("health answers 503 with a reason and nothing about the connection", async () => {
    const res = await fetch(`${baseUrl}/api/health`);
    expect(res.status).toBe(503);
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ status: "error", db: "unreachable" });
    expect(text).not.toMatch(/hunter2|127\.0\.0\.1:1|ECONNREFUSED|\bat \w/);
  });

  it("22: the API answers 503 unavailable with Retry-After and nothing about the connection", async () => {
    const res = await fetch(`${baseUrl}/api/v1/streams`, { headers: { "x-api-key": `pg_live_${"a".repeat(43)}` } });
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toMatch(/^\d+$/);
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ error: { code: "unavailable", message: expect.stringMatching(/temporarily unavailable/) } });
    expect(text).not.toMatch(/hunter2|127\.0\.0\.1:1|ECONNREFUSED|P1001|\bat \w/);
  });

  it("22: a dashboard page says the service is temporarily unavailable, without a stack trace", async () => {
    const cookie = await encode({ token: { sub: "u", email: "x@y.z", st: `pg_st_${"a".repeat(43)}`, role: "admin", org: "o" }, secret: SECRET });
    const context = await newContext(browser, DESKTOP);
    await context.addCookies([{ name: "next-auth.session-token", value: cookie, url: baseUrl }]);
    const page = await context.newPage();
    const res = await page.goto(`${baseUrl}/streams`);
    // Next answers a page whose render threw with 500; it has no way to say 503 for a page.
    expect(res?.status()).toBeGreaterThanOrEqual(500);
    await page.getByRole("heading", { name: "Playgate is temporarily unavailable" }).waitFor();
    await page.getByText(/Nothing you entered was changed\. Try again in \d+ seconds/).waitFor();
    expect(await page.getByRole("link", { name: "Try again" }).getAttribute("href")).toBe("/streams");
    const html = await page.content();
    expect(html).not.toContain("This page could not be loaded");
    expect(html).not.toMatch(/hunter2|127\.0\.0\.1:1|ECONNREFUSED|PrismaClient|node_modules|\bat async\b/);
    await screenshot(page, "db-down-unavailable");
    await context.close();
  });
});
