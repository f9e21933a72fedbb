// server.ts's screening of requests before Next: which it refuses, with what, and the body limit
// each path gets. The same rules are exercised against the production server in
// tests/e2e/server-guards.test.ts.
import { describe, expect, it } from "vitest";
import { bodyLimitFor, pathOf, screenRequest } from "@/lib/server/screen";
import { MAX_API_BODY_BYTES, MAX_AUTH_BODY_BYTES, MAX_OTHER_BODY_BYTES } from "@/lib/validation/limits";

const APP = "https://playgate.example.com";
const req = (method: string, url: string, headers: Record<string, string> = {}) => ({ method, url, headers: { host: "playgate.example.com", ...headers } });

describe("22: screening before Next", () => {
  it.each(["TRACE", "CONNECT", "PROPFIND", "", "get x"])("22: method %j → 405 naming what is allowed", (method) => {
    const refusal = screenRequest(req(method, "/"), APP);
    expect(refusal?.status).toBe(405);
    expect(refusal?.headers?.Allow).toBe("GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
  });

  it.each(["/api/v1/organisations/%ff/jwks.json", "/invite/%ff", "/api/v1/streams/%c0%af", "/a/%", "/a/%zz", "/x/%00"])("22: %s → 400", (url) => {
    expect(screenRequest(req("GET", url), APP)?.status).toBe(400);
  });

  it("22: an absolute-form or asterisk target → 400", () => {
    expect(screenRequest(req("GET", "http://evil.example/"), APP)?.status).toBe(400);
    expect(screenRequest(req("OPTIONS", "*"), APP)?.status).toBe(400);
  });

  it("lets well-formed requests through, the query string untouched", () => {
    expect(screenRequest(req("GET", "/secure/token?tag=%ff"), APP)).toBeNull();
    expect(screenRequest(req("GET", "/streams/abc%20def"), APP)).toBeNull();
    expect(screenRequest(req("DELETE", "/api/v1/streams/abc"), APP)).toBeNull();
  });

  it.each(["https://evil.example", "null", "https://playgate.example.com.evil.example", "http://playgate.example.com:8080"])(
    "22: a page POST from origin %s → 403",
    (origin) => expect(screenRequest(req("POST", "/login", { origin }), APP)?.status).toBe(403),
  );

  it("a page POST from the app's origin, or the host it was sent to, passes; so do API POSTs", () => {
    expect(screenRequest(req("POST", "/login", { origin: APP }), APP)).toBeNull();
    expect(screenRequest(req("POST", "/login", { origin: "http://playgate.example.com" , host: "playgate.example.com" }), APP)).toBeNull();
    expect(screenRequest(req("POST", "/login"), APP)).toBeNull(); // no Origin: not a browser's cross-origin request
    expect(screenRequest(req("POST", "/api/v1/secure/token", { origin: "https://evil.example" }), APP)).toBeNull();
  });
});

describe("21: body limits by path", () => {
  it("API 64 KB, next-auth 16 KB, pages and server actions 1 MB", () => {
    expect(bodyLimitFor("/api/v1/secure/token")).toBe(MAX_API_BODY_BYTES);
    expect(bodyLimitFor("/api/auth/callback/credentials")).toBe(MAX_AUTH_BODY_BYTES);
    expect(bodyLimitFor("/organisation/overview")).toBe(MAX_OTHER_BODY_BYTES);
    expect(pathOf("/a/b?c=d#e")).toBe("/a/b");
  });
});
