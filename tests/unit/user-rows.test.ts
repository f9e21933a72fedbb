// The users table is a client component: what toUserRow returns reaches the browser.
import { describe, expect, it } from "vitest";
import { toUserRow } from "@/app/(dashboard)/organisation/users/user-rows";

describe("toUserRow", () => {
  it("sends only what the table shows, with the token key id masked", () => {
    const createdAt = new Date("2026-01-02T03:04:05Z");
    const row = toUserRow({ id: "u1", email: "ana@x.com", name: "Ana", role: "admin", tokenKeyId: "tk_3f9a1c2e77", createdAt, passwordHash: "$argon2id$secret", tokenKeyHash: "h" } as never);
    expect(row).toEqual({ id: "u1", email: "ana@x.com", name: "Ana", role: "admin", tokenKey: "tk_3f9a••••", createdAt });
  });
});
