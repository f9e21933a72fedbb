// The role → permission table as the product defines it (SECURITY.md, actors), and the explicit public allow-list.
import { describe, expect, it } from "vitest";
import { can, isPublicPath, pagePermission, ROLES } from "@/lib/permissions";

describe("permission table", () => {
  it("gives admins everything the others have", () => {
    for (const p of ["user:manage", "invitation:manage", "apiKey:manage", "webhook:manage", "vod:manage", "misuse:manage", "signingKey:manage", "stream:delete", "audit:read"] as const) {
      expect(can("admin", p)).toBe(true);
      expect(can("user", p)).toBe(false);
      expect(can("readonly", p)).toBe(false);
    }
  });

  it("lets users create streams and tokens and list users, but not delete streams", () => {
    expect(can("user", "stream:write")).toBe(true);
    expect(can("user", "token:create")).toBe(true);
    expect(can("user", "token:revoke")).toBe(true);
    expect(can("user", "user:list")).toBe(true);
    expect(can("user", "stream:delete")).toBe(false);
  });

  it("keeps readonly to reading, without the user list", () => {
    expect(can("readonly", "stream:read")).toBe(true);
    expect(can("readonly", "token:read")).toBe(true);
    expect(can("readonly", "org:read")).toBe(true);
    expect(can("readonly", "user:list")).toBe(false);
    expect(can("readonly", "token:create")).toBe(false);
  });

  it("denies unknown roles and tampered values", () => {
    for (const role of ["owner", "ADMIN", "", null, undefined, 1, { role: "admin" }, "__proto__", "constructor"]) {
      expect(can(role, "stream:read")).toBe(false);
    }
    expect(ROLES).toEqual(["admin", "user", "readonly"]);
  });
});

describe("public allow-list", () => {
  it("names the routes that need no session", () => {
    for (const path of ["/login", "/signup", "/api/auth/session", "/invite/abc", "/api/health", "/.well-known/jwks.json", "/api/v1/organisations/org1/jwks.json", "/api/v1/organisations/org1/revocations", "/api/v1/playback/authorize", "/api/v1/organisations/org1/vod", "/api/v1/openapi.json"]) {
      expect(isPublicPath(path), path).toBe(true);
    }
  });

  it("does not make look-alike paths public", () => {
    for (const path of ["/", "/streams", "/organisation/users", "/invite", "/invite/a/b", "/api/v1/me", "/api/v1/organisations/org1/users", "/loginx", "/api/authx"]) {
      expect(isPublicPath(path), path).toBe(false);
    }
  });

  it("maps dashboard pages to the permission they need", () => {
    expect(pagePermission("/organisation/users")).toBe("user:list");
    expect(pagePermission("/organisation/overview")).toBe("org:read");
    expect(pagePermission("/secure/token/abc")).toBe("token:read");
    expect(pagePermission("/login")).toBeNull();
  });
});
