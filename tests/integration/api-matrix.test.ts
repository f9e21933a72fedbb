// Row 2 for the HTTP API, generated: every authenticated route of API_CONTRACTS (the registry the
// routes are built from, so a new route is included automatically) × anonymous, readonly, user
// and admin, with the outcome the permission table predicts. Permitted calls get empty or
// id-less input, so they pass authorisation and stop at validation or "not found".
import { beforeAll, describe, expect, it } from "vitest";
import { setupTestDatabase } from "@/tests/support/db";
import { apiFixture } from "@/tests/support/api-fixture";
import { bintu, callRoute } from "@/tests/support/api";
import { fillPath, handlerFor, pathParams } from "@/tests/support/routes";
import { API_CONTRACTS } from "@/lib/api/contracts";
import { splitName } from "@/lib/api/contract";
import { can, type Role } from "@/lib/permissions";
import { db } from "@/lib/db";

setupTestDatabase();
let f: Awaited<ReturnType<typeof apiFixture>>;
beforeAll(async () => {
  f = await apiFixture();
});

const ROLES = ["anonymous", "readonly", "user", "admin"] as const;
const cases = API_CONTRACTS.filter((c) => c.permission !== "public").flatMap((contract) =>
  ROLES.map((role) => ({ label: `${contract.name} as ${role}`, contract, role })),
);

describe("API authorisation matrix", () => {
  it("covers every authenticated route", () => {
    expect(cases.length).toBe(API_CONTRACTS.filter((c) => c.permission !== "public").length * ROLES.length);
    expect(cases.length).toBeGreaterThan(60);
  });

  it.each(cases)("2: $label", async ({ contract, role }) => {
    const handler = await handlerFor(contract);
    const { method } = splitName(contract.name);
    const token = role === "anonymous" ? null : { readonly: f.readonlyA, user: f.userA, admin: f.adminA }[role].token;
    const params = Object.fromEntries(pathParams(contract).map((p) => [p, p === "orgId" ? f.orgA.id : "x-missing"]));
    const result = await callRoute(handler, method, fillPath(contract, params), {
      headers: token ? bintu(token) : {},
      params,
      ...(contract.body ? { body: {} } : {}),
    });
    // nanoStream's splay family answers a missing credential 403 (errorCode 1001), as nanoStream does.
    const anonymous = contract.dialect === "nanostream" ? 403 : 401;
    const expected = role === "anonymous" ? anonymous : can(role as Role, contract.permission as never) ? "allowed" : 403;
    if (expected === "allowed") {
      expect([401, 403], `${contract.name} as ${role}: ${JSON.stringify(result.json)}`).not.toContain(result.status);
      expect(result.status).toBeLessThan(500);
    } else {
      expect(result.status, JSON.stringify(result.json)).toBe(expected);
    }
    if (expected === 403 && role !== "anonymous") {
      // The refusal is in the organisation's audit log, naming who asked for what.
      const who = { readonly: f.readonlyA, user: f.userA, admin: f.adminA }[role as "readonly" | "user" | "admin"].user.email;
      const logged = await db.auditEvent.count({ where: { orgId: f.orgA.id, action: "permission.denied", result: "denied", actorEmail: who, targetLabel: contract.name } });
      expect(logged).toBeGreaterThan(0);
    }
  });
});
