// Client tables are sent compact rows: what these mappers return reaches the browser.
import { describe, expect, it } from "vitest";
import { toUserRow } from "@/app/(dashboard)/organisation/users/user-rows";

describe("toUserRow", () => {
  it("sends only what the table shows, with the token key id masked", () => {
    const createdAt = new Date("2026-01-02T03:04:05Z");
    const row = toUserRow({ id: "u1", email: "ana@x.com", name: "Ana", role: "admin", tokenKeyId: "tk_3f9a1c2e77", createdAt, passwordHash: "$argon2id$secret", tokenKeyHash: "h" } as never);
    expect(row).toEqual({ id: "u1", email: "ana@x.com", name: "Ana", role: "admin", tokenKey: "tk_3f9a••••", createdAt });
  });
});

describe("toAuditTableRow", () => {
  it("sends only the shown columns, never the event's details", async () => {
    const { toAuditTableRow } = await import("@/components/organisation/audit-rows");
    const createdAt = new Date("2026-01-02T03:04:05Z");
    const event = { id: "a1", createdAt, actorEmail: "ana@x.com", actorKind: "user", actorDeleted: false, action: "apiKey.rotated", targetType: "apiKey", targetLabel: null, targetId: "k1", result: "ok", details: { secret: "pg_live_x" } };
    expect(toAuditTableRow(event)).toEqual({ id: "a1", createdAt, actorEmail: "ana@x.com", actorDeleted: false, actorAnonymous: false, action: "apiKey.rotated", target: "k1", targetNote: null, targetHref: "/organisation/overview", result: "ok" });
    expect(toAuditTableRow({ ...event, targetLabel: "pg_live_…9z" }).target).toBe("pg_live_…9z");
    expect(toAuditTableRow({ ...event, targetId: null }).target).toBe("—");
  });
});
