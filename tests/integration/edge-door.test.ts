// The door server.ts puts in front of Next for the edge's routes (lib/server/hot-path.ts), over
// HTTP: it answers only the check, authorize and the hooks, with the headers Next gives /api/v1
// answers, after the same screening (address stamp, body limit); everything else reaches Next.
import { describe, expect, it } from "vitest";
import { setupTestDatabase } from "@/tests/support/db";
import { startEdgeServer } from "@/tests/support/edge-server";
import { inDays, streamWithRenditions, tokenOrg } from "@/tests/support/tokens";
import { createPlaybackToken } from "@/lib/data/playback-tokens";
import { hotRoute } from "@/lib/server/hot-path";
import { EDGE_PEER_HEADER, edgePeerHeaderValue } from "@/lib/auth/request-info";
import { API_CSP, STATIC_SECURITY_HEADERS } from "@/lib/security-headers";
import { MAX_API_BODY_BYTES } from "@/lib/validation/limits";
import { NextRequest } from "next/server";
import { authorizeRoute, checkPathRoute, checkRoute } from "@/lib/edge/routes";
import { revokePlaybackToken } from "@/lib/data/playback-tokens";
import { PEER_NONCE_ENV } from "@/lib/auth/request-info";
import { tokenFormSchema } from "@/lib/validation/tokens";

setupTestDatabase();
const edge = startEdgeServer();

const NEXT_ANSWER = "Not an edge route: Next would answer this.\n";

describe("the edge's door", () => {
  it("names exactly the edge's routes and methods; any other path or method is Next's", () => {
    expect(hotRoute("GET", "/api/v1/playback/check")).not.toBeNull();
    expect(hotRoute("OPTIONS", "/api/v1/playback/check")).not.toBeNull();
    expect(hotRoute("GET", "/api/v1/playback/check/hls/a%20b/index.m3u8")?.params).toEqual({ path: ["hls", "a b", "index.m3u8"] });
    expect(hotRoute("POST", "/api/v1/playback/authorize")).not.toBeNull();
    expect(hotRoute("POST", "/api/v1/organisations/org_1/hooks/srs")?.params).toEqual({ orgId: "org_1" });
    for (const [method, path] of [
      ["GET", "/api/v1/playback/authorize"], // Next answers 405 with Allow
      ["DELETE", "/api/v1/playback/check"],
      ["POST", "/api/v1/playback/authorize/"], // Next's trailing-slash redirect
      ["GET", "/api/v1/playback/check//hls"],
      ["POST", "/api/v1/organisations/org_1/hooks/constructor"],
      ["POST", "/api/v1/organisations/org_1/hooks/wowza"],
      ["POST", "/api/v1/organisations/%E0%A4%A/hooks/srs"],
      ["POST", "/api/v1/secure/token"],
      ["GET", "/organisation/overview"],
    ]) expect(hotRoute(method, path), `${method} ${path}`).toBeNull();
  });

  it("answers authorize itself, with the security headers of every /api/v1 answer", async () => {
    const a = await tokenOrg();
    const s = await streamWithRenditions(a.org.id, 1);
    const t = await createPlaybackToken(a.actor, tokenFormSchema.parse({ target: "org", expiresAt: inDays(1).toISOString() }), "api");
    const res = await edge.call("/api/v1/playback/authorize", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ token: t.token, stream: s.names[0] }) });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ allowed: true, jti: t.jti, stream: s.names[0] });
    expect(res.headers.get("content-security-policy")).toBe(API_CSP);
    for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS)) expect(res.headers.get(name), name).toBe(value);
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("answers the check as Next's door does, header for header, for allowed, refused, preflight and HEAD requests", async () => {
    const a = await tokenOrg();
    const s = await streamWithRenditions(a.org.id, 1);
    const live = await createPlaybackToken(a.actor, tokenFormSchema.parse({ target: "org", expiresAt: inDays(1).toISOString() }), "api");
    const gone = await createPlaybackToken(a.actor, tokenFormSchema.parse({ target: "org", expiresAt: inDays(1).toISOString() }), "api");
    await revokePlaybackToken(a.actor, gone.id);
    const uri = `/hls/${s.names[0]}/index.m3u8`;
    const cases: { method: string; headers: Record<string, string>; path?: string[]; query?: string }[] = [
      { method: "GET", headers: { authorization: `Bearer ${live.token}`, "x-original-uri": uri } },
      { method: "GET", headers: { authorization: `Bearer ${gone.token}`, "x-original-uri": uri } },
      { method: "HEAD", headers: { authorization: `Bearer ${gone.token}`, "x-original-uri": uri } },
      { method: "GET", headers: { "x-original-uri": uri } },
      { method: "OPTIONS", headers: { "access-control-request-method": "GET", "x-original-uri": uri } },
      { method: "GET", headers: {}, path: ["hls", s.names[0], "seg 1.ts"], query: `?token=${live.ref}` },
    ];
    const compared = ["cache-control", "x-accel-expires", "x-playgate-reason", "x-playgate-jti", "x-playgate-expires", "x-playgate-stream", "x-playgate-degraded", "www-authenticate", "content-type", "content-security-policy", "x-content-type-options"];
    for (const c of cases) {
      const target = `/api/v1/playback/check${c.path ? "/" + c.path.map(encodeURIComponent).join("/") : ""}${c.query ?? ""}`;
      const hot = await edge.call(target, { method: c.method, headers: c.headers });
      const hotBody = await hot.text();
      // Next's door: the route's handler in-process, with the stamp server.ts would give it.
      const stamped = { ...c.headers, [EDGE_PEER_HEADER]: edgePeerHeaderValue("127.0.0.1", undefined, undefined, process.env[PEER_NONCE_ENV]) };
      const req = new NextRequest(`${process.env.APP_URL}${target}`, { method: c.method, headers: stamped });
      const routes = c.path ? checkPathRoute : checkRoute;
      const viaNext = await routes[c.method as "GET" | "HEAD" | "OPTIONS"](req, { params: Promise.resolve((c.path ? { path: c.path } : {}) as Record<string, string[]>) });
      const label = `${c.method} ${target} ${JSON.stringify(Object.keys(c.headers))}`;
      expect(hot.status, label).toBe(viaNext.status);
      expect(hotBody, label).toBe(await viaNext.text());
      for (const name of compared.slice(0, 9)) expect(hot.headers.get(name), `${label} ${name}`).toBe(viaNext.headers.get(name));
      // The two headers next.config.ts adds to Next's /api/v1 answers, which the door adds itself.
      expect(hot.headers.get("content-security-policy"), label).toBe(API_CSP);
      expect(hot.headers.get("x-content-type-options"), label).toBe("nosniff");
    }
  });

  it("answers authorize as Next's door does, for allowed and refused tokens and every input error", async () => {
    const a = await tokenOrg();
    const s = await streamWithRenditions(a.org.id, 1);
    const live = await createPlaybackToken(a.actor, tokenFormSchema.parse({ target: "org", expiresAt: inDays(1).toISOString() }), "api");
    const gone = await createPlaybackToken(a.actor, tokenFormSchema.parse({ target: "org", expiresAt: inDays(1).toISOString() }), "api");
    await revokePlaybackToken(a.actor, gone.id);
    const json = "application/json";
    const cases: { type: string; body: string }[] = [
      { type: json, body: JSON.stringify({ token: live.token, stream: s.names[0] }) },
      { type: "application/json; charset=utf-8", body: JSON.stringify({ token: live.ref, stream: s.names[0] }) },
      { type: json, body: JSON.stringify({ token: gone.token, stream: s.names[0] }) },
      { type: json, body: JSON.stringify({ token: live.token, stream: "no-such-stream" }) },
      { type: "text/plain", body: JSON.stringify({ token: live.token, stream: s.names[0] }) },
      { type: json, body: "{not json" },
      { type: json, body: JSON.stringify({ token: live.token }) },
      { type: json, body: JSON.stringify({ token: live.token, stream: s.names[0], extra: 1 }) },
      { type: json, body: JSON.stringify({ token: live.token, stream: "a\u0000b" }) },
    ];
    for (const c of cases) {
      const hot = await edge.call("/api/v1/playback/authorize", { method: "POST", headers: { "content-type": c.type }, body: c.body });
      const req = new NextRequest(`${process.env.APP_URL}/api/v1/playback/authorize`, { method: "POST", headers: { "content-type": c.type }, body: c.body });
      const viaNext = await authorizeRoute.POST(req, { params: Promise.resolve({}) });
      const label = `${c.type} ${c.body.slice(0, 40)}`;
      expect(hot.status, label).toBe(viaNext.status);
      expect(await hot.json(), label).toEqual(await viaNext.json());
      for (const name of ["cache-control", "content-type"]) expect(hot.headers.get(name)?.split(";")[0], `${label} ${name}`).toBe(viaNext.headers.get(name)?.split(";")[0]);
      expect(hot.headers.get("content-security-policy"), label).toBe(API_CSP);
    }
  });

  it("hands every other route to Next, the body it read included", async () => {
    const res = await edge.call("/api/v1/secure/token", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(res.status).toBe(404);
    expect(await res.text()).toBe(NEXT_ANSWER);
    const wrongMethod = await edge.call("/api/v1/playback/authorize");
    expect(await wrongMethod.text()).toBe(NEXT_ANSWER);
  });

  it("refuses a body over the API's limit before the handler runs, and an edge stamp a client wrote is not believed", async () => {
    const big = await edge.call("/api/v1/playback/authorize", { method: "POST", headers: { "content-type": "application/json" }, body: "x".repeat(MAX_API_BODY_BYTES + 1) });
    expect(big.status).toBe(413);
    expect((await big.json()).error.code).toBe("body_too_large");

    const a = await tokenOrg();
    const s = await streamWithRenditions(a.org.id, 1);
    const t = await createPlaybackToken(a.actor, tokenFormSchema.parse({ target: "org", ip: "203.0.113.7", expiresAt: inDays(1).toISOString() }), "api");
    const forged = await edge.call("/api/v1/playback/check", {
      headers: { authorization: `Bearer ${t.token}`, "x-original-uri": `/hls/${s.names[0]}/index.m3u8`, [EDGE_PEER_HEADER]: edgePeerHeaderValue("203.0.113.7", undefined, undefined) },
    });
    expect(forged.status).toBe(403);
    expect(forged.headers.get("x-playgate-reason")).toBe("ip_not_allowed"); // judged as 127.0.0.1, the real socket
  });
});
