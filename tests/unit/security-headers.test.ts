// Row 16 (headers), the page CSP: the builder's policy and the proxy's per-request nonce. The
// e2e header test checks the same on the built server, and in Chromium that pages run under it.
import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { API_CSP, STATIC_SECURITY_HEADERS, pageCsp } from "@/lib/security-headers";
import { proxy } from "@/proxy";

const directive = (csp: string, name: string) => csp.split("; ").find((d) => d.startsWith(`${name} `)) ?? "";
const nonceOf = (csp: string) => /'nonce-([^']+)'/.exec(directive(csp, "script-src"))?.[1] ?? "";

describe("16: the page Content-Security-Policy", () => {
  it("16: scripts run only with the nonce: no unsafe-inline, no unsafe-eval outside next dev", () => {
    const csp = pageCsp("abc123");
    expect(directive(csp, "script-src")).toBe("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).not.toContain("unsafe-eval");
    for (const d of ["object-src 'none'", "frame-ancestors 'none'", "base-uri 'self'", "form-action 'self'"]) expect(csp).toContain(d);
    expect(directive(csp, "style-src")).toBe("style-src 'self' 'nonce-abc123'");
    expect(directive(pageCsp("abc123", { dev: true }), "script-src")).toBe("script-src 'self' 'nonce-abc123' 'strict-dynamic' 'unsafe-eval'");
  });

  it("16: a page's additions widen only the directives they name", () => {
    const csp = pageCsp("n", { add: { "media-src": ["blob:"], "worker-src": ["blob:"], "connect-src": ["https://edge.example", "'self'"] } });
    expect(directive(csp, "media-src")).toBe("media-src 'self' blob:");
    expect(directive(csp, "worker-src")).toBe("worker-src 'self' blob:");
    expect(directive(csp, "connect-src")).toBe("connect-src 'self' https://edge.example");
    expect(directive(csp, "script-src")).toBe(directive(pageCsp("n"), "script-src"));
  });

  it("16: answers outside the proxy get a policy that allows nothing, and the static headers carry no CSP", () => {
    expect(API_CSP.split("; ")).toEqual(expect.arrayContaining(["default-src 'none'", "frame-ancestors 'none'"]));
    expect(Object.keys(STATIC_SECURITY_HEADERS).map((k) => k.toLowerCase())).not.toContain("content-security-policy");
    expect(STATIC_SECURITY_HEADERS["X-Content-Type-Options"]).toBe("nosniff");
  });
});

describe("16: the proxy's nonce", () => {
  const answer = (path: string, headers: Record<string, string> = {}) => proxy(new NextRequest(`http://playgate.test${path}`, { headers }));

  it.each(["/login", "/streams", "/api/auth/session", "/not-permitted"])("16: %s gets a fresh 128-bit nonce, the same on the request Next renders and the response", async (path) => {
    const [a, b] = await Promise.all([answer(path), answer(path)]);
    const csp = a.headers.get("content-security-policy") ?? "";
    expect(Buffer.from(nonceOf(csp), "base64")).toHaveLength(16);
    expect(nonceOf(csp)).not.toBe(nonceOf(b.headers.get("content-security-policy") ?? ""));
    // A redirect to /login renders nothing; the others pass the policy on to Next's renderer.
    if (a.headers.get("location") === null) expect(a.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
  });

  it("16: a CSP header sent by the client never reaches the renderer", async () => {
    const res = await answer("/login", { "Content-Security-Policy": "script-src 'nonce-chosen-by-attacker'" });
    expect(res.headers.get("x-middleware-request-content-security-policy")).not.toContain("chosen-by-attacker");
    expect(nonceOf(res.headers.get("x-middleware-request-content-security-policy") ?? "")).toHaveLength(24);
  });
});
