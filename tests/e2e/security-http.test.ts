// SECURITY.md rows 1, 2, 11 and 16 against the production build, over plain HTTP.
// The action matrix is generated from the build's own manifests: a new action is covered
// the moment it exists.
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { can } from "@/lib/permissions";
import { builtActions, callAction, signInCookie, signOutCookie, type BuiltAction } from "./support/http";

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
});
