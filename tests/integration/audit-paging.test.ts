// The audit log pages both ways by keyset, like the other lists: Older from the newest page and
// Newer back again give exactly the same pages, with filters kept and other organisations absent.
import { describe, expect, it } from "vitest";
import { setupTestDatabase } from "@/tests/support/db";
import { newOrg } from "@/tests/support/users";
import { listAuditActions, listAuditEvents, recordAudit } from "@/lib/data/audit";
import { systemActor } from "@/lib/auth/actor";
import { db } from "@/lib/db";

setupTestDatabase();

describe("audit log paging", () => {
  it("Older then Newer walks the same pages, filtered, one organisation only", async () => {
    const { org } = await newOrg();
    const { org: other } = await newOrg();
    for (let i = 0; i < 7; i++) {
      await recordAudit(db, systemActor(org.id), { action: "page.test", target: { type: "stream", id: `s${i}`, label: `S${i}` } });
      await recordAudit(db, systemActor(other.id), { action: "page.test", target: { type: "stream", id: `o${i}`, label: `O${i}` } });
    }
    const filter = { action: "page.test" };
    const labels = (page: { items: { targetLabel: string | null }[] }) => page.items.map((e) => e.targetLabel);

    const first = await listAuditEvents(org.id, filter, { limit: 3 });
    const second = await listAuditEvents(org.id, filter, { limit: 3, cursor: first.nextCursor! });
    const third = await listAuditEvents(org.id, filter, { limit: 3, cursor: second.nextCursor! });
    expect([labels(first), labels(second), labels(third)]).toEqual([["S6", "S5", "S4"], ["S3", "S2", "S1"], ["S0"]]);
    expect([first.newerCursor, third.nextCursor]).toEqual([null, null]);

    const back = await listAuditEvents(org.id, filter, { limit: 3, before: third.newerCursor! });
    expect(labels(back)).toEqual(labels(second));
    const top = await listAuditEvents(org.id, filter, { limit: 3, before: back.newerCursor! });
    expect(labels(top)).toEqual(labels(first));
    expect(top.newerCursor).toBeNull();
    expect(top.nextCursor).toBe(first.nextCursor);
  });

  it("offers the organisation's own action names for the Action filter, each once, in order", async () => {
    const { org } = await newOrg();
    const { org: other } = await newOrg();
    for (const action of ["stream.deleted", "apiKey.rotated", "stream.deleted"]) await recordAudit(db, systemActor(org.id), { action });
    await recordAudit(db, systemActor(other.id), { action: "other.only" });
    const actions = await listAuditActions(org.id);
    expect(actions).toEqual([...actions].sort());
    expect(actions).toEqual(expect.arrayContaining(["apiKey.rotated", "stream.deleted"]));
    expect(actions.filter((a) => a === "stream.deleted")).toHaveLength(1);
    expect(actions).not.toContain("other.only");
  });
});
