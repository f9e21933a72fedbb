// SECURITY.md rows 1, 2, 11 and 16 against the production build, over plain HTTP (and, for the
// CSP, in Chromium).
// The action matrix is generated from the build's own manifests: a new action is covered
// the moment it exists.
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { can } from "@/lib/permissions";
import { builtActions, callAction, signInCookie, signOutCookie, type BuiltAction } from "./support/http";
import { DEMO_PASSWORD, DESKTOP, sharedBrowser, signIn } from "./support/browser";

const baseUrl = inject("baseUrl");
const PROTECTED_PAGES = ["/streams", "/secure/token", "/organisation/overview", "/organisation/users", "/organisation/audit", "/account"];
const actions = builtActions();
const ROLES = [
  { role: "readonly", email: "readonly@demo.local" },
  { role: "user", email: "user@demo.local" },
  { role: "admin", email: "admin@demo.local" },
] as const;
const cookies: Record<string, string> = {};
/** A signed-out admin session: the proxy still sees a valid cookie, only the database knows it ended. */
let staleAdmin = "";

beforeAll(async () => {
  for (const { role, email } of ROLES) cookies[role] = await signInCookie(baseUrl, email);
  staleAdmin = await signInCookie(baseUrl, "admin@demo.local");
  await signOutCookie(baseUrl, staleAdmin);
});

describe("1: proxy bypass", () => {
  const variants: Record<string, Record<string, string>> = {
    "x-middleware-subrequest": { "x-middleware-subrequest": "middleware" },
    "x-middleware-subrequest chain": { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" },
    "x-middleware-subrequest proxy chain": { "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy" },
    "src/ variant": { "x-middleware-subrequest": "src/middleware:src/middleware:src/middleware:src/middleware:src/middleware" },
    "RSC request": { RSC: "1" },
    "prefetch": { RSC: "1", "Next-Router-Prefetch": "1" },
  };
  const cases = PROTECTED_PAGES.flatMap((page) => Object.entries(variants).map(([name, headers]) => ({ page, name, headers })));

  it.each(cases)("1: $page with $name gets no data without a session", async ({ page, headers }) => {
    const res = await fetch(`${baseUrl}${page}`, { headers, redirect: "manual" });
    const body = await res.text();
    expect(body).not.toContain("Demo Streaming Co");
    expect(body).not.toContain("admin@demo.local");
    expect([307, 308, 401, 403, 404]).toContain(res.status);
  });

  it("1: .rsc and _rsc variants get no data", async () => {
    for (const page of PROTECTED_PAGES) {
      for (const url of [`${page}.rsc`, `${page}?_rsc=x1`, `${page}/index.rsc`]) {
        const body = await (await fetch(`${baseUrl}${url}`, { headers: { RSC: "1" }, redirect: "manual" })).text();
        expect(body, url).not.toContain("Demo Streaming Co");
      }
    }
  });

  it("1: next is at a version patched for CVE-2025-29927", () => {
    const version = JSON.parse(readFileSync("node_modules/next/package.json", "utf8")).version as string;
    const [major] = version.split(".").map(Number);
    expect(major).toBeGreaterThanOrEqual(16);
  });
});

describe("2: server actions called directly", () => {
  it("2: the build has actions to test", () => {
    expect(actions.length).toBeGreaterThan(0);
    for (const a of actions) expect(a.permission, `${a.file} ${a.name}`).not.toBe("unknown");
  });

  const guarded = actions.filter((a) => a.permission !== "public");
  it.each(guarded.map((a) => [a.actionName, a] as const))("2: %s without a session → sent to sign in, nothing runs", async (_name, action) => {
    const { status, result } = await callAction(baseUrl, action as BuiltAction, {});
    expect(result).toBeNull();
    expect([303, 307, 308]).toContain(status);
  });

  // The proxy lets a well-formed cookie through; the action itself must still refuse it.
  it.each(guarded.map((a) => [a.actionName, a] as const))("2: %s with a signed-out session → unauthenticated", async (_name, action) => {
    const { result } = await callAction(baseUrl, action as BuiltAction, {}, { cookie: staleAdmin });
    expect(result?.ok).toBe(false);
    expect(result?.code).toBe("unauthenticated");
  });

  // Only denials are replayed: a permitted role would really run the action.
  const denied = guarded.flatMap((a) => ROLES.filter(({ role }) => !can(role, a.permission as never)).map(({ role }) => ({ role, action: a, label: `${a.actionName} as ${role}` })));
  // Refused by the action (forbidden) or, for pages the role may not open, already by the proxy
  // (403 "not permitted"); the action-level refusal with an unchanged database is proven per
  // feature in tests/integration (users, token-actions, organisation-overview).
  it.each(denied)("2: $label → refused", async ({ role, action }) => {
    const { status, result } = await callAction(baseUrl, action, { id: "x", tag: "x", role: "admin" }, { cookie: cookies[role] });
    if (result) expect(result).toMatchObject({ ok: false, code: "forbidden" });
    else expect(status).toBeGreaterThanOrEqual(400); // the proxy's "not permitted" page: the action never ran
  });
});

describe("11: CSRF", () => {
  it.each(actions.map((a) => [a.actionName, a] as const))("11: cross-origin POST to %s is rejected before it runs", async (_name, action) => {
    const { status, result } = await callAction(baseUrl, action as BuiltAction, {}, { cookie: cookies.admin, origin: "https://evil.example" });
    expect(result).toBeNull();
    expect(status).toBeGreaterThanOrEqual(400);
  });
});

describe("16: security headers", () => {
  it.each(["/login", "/signup", "/streams", "/organisation/overview", "/api/health", "/not-permitted"])("16: %s sends CSP without unsafe-eval, frame-ancestors, nosniff, Referrer-Policy", async (page) => {
    const res = await fetch(`${baseUrl}${page}`, { headers: { Cookie: cookies.admin }, redirect: "manual" });
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-eval");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBeTruthy();
  });

  // Pages of every kind: public, signed in, refused by the proxy (403), unknown (404), docs.
  const PAGES = [
    { page: "/login", as: "anonymous" },
    { page: "/signup", as: "anonymous" },
    { page: "/streams", as: "admin" },
    { page: "/secure/token", as: "user" },
    { page: "/organisation/overview", as: "admin" },
    { page: "/organisation/users", as: "readonly" },
    { page: "/account", as: "readonly" },
    { page: "/docs/api", as: "admin" },
    { page: "/no-such-page", as: "admin" },
  ] as const;
  const get = (page: string, as: string) => fetch(`${baseUrl}${page}`, { headers: as === "anonymous" ? {} : { Cookie: cookies[as] }, redirect: "manual" });
  const scriptSrc = (csp: string) => csp.split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src ")) ?? "";
  const nonceOf = (csp: string) => /'nonce-([^']+)'/.exec(scriptSrc(csp))?.[1] ?? "";

  it.each(PAGES.map(({ page, as }) => [page, as]))("16: %s (as %s) allows scripts only by a per-request nonce, and every script in its HTML carries it", async (page, as) => {
    const [first, second] = [await get(page, as), await get(page, as)];
    expect(first.headers.get("content-type")).toContain("text/html");
    const csp = first.headers.get("content-security-policy") ?? "";
    expect(scriptSrc(csp)).toMatch(/^script-src 'self' 'nonce-[A-Za-z0-9+/]{22}==' 'strict-dynamic'$/);
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).not.toContain("unsafe-eval");
    expect(nonceOf(csp)).not.toBe(nonceOf(second.headers.get("content-security-policy") ?? ""));

    const scripts = (await first.text()).match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(` nonce="${nonceOf(csp)}"`);
    await second.body?.cancel();
  });

  // Browsers enforce every CSP header they get, so a page with the proxy's and a static one would
  // run under the stricter of both; answers that bypass the proxy get the strict static one.
  it("16: every answer carries exactly one CSP; answers outside the proxy allow nothing", async () => {
    const html = await (await get("/login", "anonymous")).text();
    const chunk = /<script\b[^>]*src="(\/_next\/static\/[^"]+)"/.exec(html)?.[1] ?? "";
    expect(chunk).not.toBe("");
    const answers = [
      ...PAGES.map(({ page, as }) => ({ page, as, strict: false })),
      { page: "/", as: "anonymous", strict: false },
      { page: "/api/auth/session", as: "admin", strict: false },
      { page: "/.well-known/jwks.json", as: "anonymous", strict: false },
      { page: "/api/health", as: "anonymous", strict: true },
      { page: "/api/v1/me", as: "anonymous", strict: true },
      { page: "/api/v1/no-such-route", as: "anonymous", strict: true },
      { page: "/icon.svg", as: "anonymous", strict: true },
      { page: chunk, as: "anonymous", strict: true },
    ];
    for (const { page, as, strict } of answers) {
      const res = await get(page, as);
      await res.body?.cancel();
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp.match(/frame-ancestors/g), `${page}: ${csp}`).toHaveLength(1);
      expect(res.headers.get("x-content-type-options"), page).toBe("nosniff");
      if (strict) expect(csp.split("; "), page).toContain("default-src 'none'");
      else expect(nonceOf(csp), page).not.toBe("");
    }
  });
});

describe("16: pages work under the CSP in Chromium", () => {
  const openContext = sharedBrowser();

  it("16: a signed-in user opens pages and the token dialog with zero CSP violations", async () => {
    const context = await openContext(DESKTOP);
    const violations: string[] = [];
    // Reported by the page itself (init scripts run outside the page's CSP) and by the console.
    await context.exposeFunction("reportCspViolation", (v: string) => violations.push(v));
    await context.addInitScript(() =>
      document.addEventListener("securitypolicyviolation", (e) => (window as unknown as { reportCspViolation: (v: string) => void }).reportCspViolation(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`)),
    );
    const page = await context.newPage();
    page.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });

    await signIn(page, baseUrl, "user@demo.local");
    await page.goto(`${baseUrl}/streams`);
    // A client-side navigation: the router loads the next page's chunks under 'strict-dynamic'.
    await page.getByRole("link", { name: "Main Stage" }).first().click();
    await page.waitForURL(/\/streams\/grp_[^/]+$/);
    await page.getByRole("button", { name: "Create playback token" }).click();
    await page.getByRole("dialog").getByText("can be reused").waitFor();
    await page.keyboard.press("Escape");
    for (const path of ["/secure/token", "/account", "/organisation/overview", "/docs/api", "/no-such-page"]) {
      await page.goto(`${baseUrl}${path}`);
      await page.waitForLoadState("networkidle");
    }
    expect(violations).toEqual([]);
    await context.close();
  });

  it("16: a script injected into a page's HTML does not run: it has no nonce", async () => {
    const context = await openContext(DESKTOP);
    const page = await context.newPage();
    const refused: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) refused.push(m.text());
    });
    // What an HTML injection would add: an inline script, an event handler, a javascript: URL.
    const injected = `<script>document.title = "injected"</script><img src="/no-such.png" alt="" onerror="document.title = 'handler ran'"><a id="js-url" href="javascript:document.title='url ran'">x</a>`;
    await page.route(`${baseUrl}/login`, async (route) => {
      const res = await route.fetch();
      await route.fulfill({ response: res, body: (await res.text()).replace("</body>", `${injected}</body>`) });
    });
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel("Email").waitFor();
    await page.locator("#js-url").click();
    await expect.poll(() => refused.length).toBeGreaterThanOrEqual(3);
    expect(await page.title()).not.toMatch(/injected|ran/);
    // The page's own scripts still run: the sign-in form is hydrated and signs in.
    await page.getByLabel("Email").fill("user@demo.local");
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/login"), { timeout: 30_000 });
    await context.close();
  });
});
