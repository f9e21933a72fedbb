// The audit log's actor filter is "email contains", taken literally: `%` and `_` in what an admin
// types are characters to find, not LIKE wildcards (on SQLite and PostgreSQL alike).
import { describe, expect, it } from "vitest";
import { setupTestDatabase } from "@/tests/support/db";
import { newOrg } from "@/tests/support/users";
import { listAuditEvents, recordAudit } from "@/lib/data/audit";
import { systemActor } from "@/lib/auth/actor";
import { db } from "@/lib/db";

setupTestDatabase();

async function orgWithActors(emails: string[]) {
  const { org } = await newOrg();
  for (const email of emails) await recordAudit(db, { ...systemActor(org.id), email }, { action: "filter.test" });
  return org.id;
}

async function actorsMatching(orgId: string, actor: string) {
  const { items } = await listAuditEvents(orgId, { actor, action: "filter.test" }, { limit: 50 });
  return items.map((e) => e.actorEmail).sort();
}

describe("audit log actor filter", () => {
  const emails = ["a%b@x.test", "a_b@x.test", "axb@x.test", "ab@x.test", "a\\b@x.test"];

  it("17: % and _ in the actor filter match only those characters, not any text", async () => {
    const orgId = await orgWithActors(emails);
    expect(await actorsMatching(orgId, "%")).toEqual(["a%b@x.test"]);
    expect(await actorsMatching(orgId, "_")).toEqual(["a_b@x.test"]);
    expect(await actorsMatching(orgId, "a%b")).toEqual(["a%b@x.test"]);
    expect(await actorsMatching(orgId, "a_b")).toEqual(["a_b@x.test"]);
    expect(await actorsMatching(orgId, "%%")).toEqual([]);
  });

  it("17: a backslash is literal too, and plain text still matches as a substring", async () => {
    const orgId = await orgWithActors(emails);
    expect(await actorsMatching(orgId, "\\")).toEqual(["a\\b@x.test"]);
    expect(await actorsMatching(orgId, "\\%")).toEqual([]);
    expect(await actorsMatching(orgId, "b@x")).toEqual([...emails].sort());
    expect(await actorsMatching(orgId, "axb")).toEqual(["axb@x.test"]);
  });

  it("filtered by actor, pages Older then Newer alike, keeping the action and time filters (equal times included)", async () => {
    const { org } = await newOrg();
    const at = (minute: number) => new Date(Date.UTC(2030, 0, 1, 12, minute));
    const rows = [0, 1, 1, 1, 2, 3, 4, 9].flatMap((minute, i) => [
      { orgId: org.id, actorEmail: "a_b@x.test", actorKind: "system", action: "filter.page", targetLabel: `T${i}`, createdAt: at(minute) },
      { orgId: org.id, actorEmail: "axb@x.test", actorKind: "system", action: "filter.page", targetLabel: `N${i}`, createdAt: at(minute) },
      { orgId: org.id, actorEmail: "a_b@x.test", actorKind: "system", action: "filter.other", targetLabel: `O${i}`, createdAt: at(minute) },
    ]);
    await db.auditEvent.createMany({ data: rows });
    const filter = { actor: "a_b", action: "filter.page", from: at(0), to: at(4) };
    const labels = (page: { items: { targetLabel: string | null }[] }) => page.items.map((e) => e.targetLabel);

    const first = await listAuditEvents(org.id, filter, { limit: 3 });
    const second = await listAuditEvents(org.id, filter, { limit: 3, cursor: first.nextCursor! });
    const third = await listAuditEvents(org.id, filter, { limit: 3, cursor: second.nextCursor! });
    const all = [...labels(first), ...labels(second), ...labels(third)];
    expect(all).toHaveLength(7);
    expect(new Set(all)).toEqual(new Set(["T0", "T1", "T2", "T3", "T4", "T5", "T6"]));
    expect(labels(first).slice(0, 2)).toEqual(["T6", "T5"]);
    expect(labels(third).at(-1)).toBe("T0");
    expect(third.nextCursor).toBeNull();

    const back = await listAuditEvents(org.id, filter, { limit: 3, before: third.newerCursor! });
    expect(labels(back)).toEqual(labels(second));
    const top = await listAuditEvents(org.id, filter, { limit: 3, before: back.newerCursor! });
    expect(labels(top)).toEqual(labels(first));
    expect(top.newerCursor).toBeNull();
  });
});
