// The users list stays cheap at 10,000 users: the same number of database queries as with 10
// users, 25 rows per page, keyset pages that never overlap, and the role filter on its index.
// Queries are counted by wrapping lib/db's client in a Prisma query extension (every model
// operation the data layer issues passes through it).
import { describe, expect, it, vi } from "vitest";
import { setupTestDatabase } from "@/tests/support/db";

const counter = vi.hoisted(() => ({ queries: 0 }));
vi.mock("@/lib/db", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/db")>();
  const counted = real.db.$extends({
    query: {
      async $allOperations({ args, query }) {
        counter.queries++;
        return query(args);
      },
    },
  });
  return { ...real, db: counted };
});

const { db } = await import("@/lib/db");
const { countUsersByRole, listUsers, USERS_PAGE_SIZE } = await import("@/lib/data/users");
const { createOrganisation } = await import("@/tests/support/factory");

setupTestDatabase();

const ROLES = ["admin", "user", "readonly"] as const;

async function orgWithUsers(count: number) {
  const org = await createOrganisation();
  const start = Date.UTC(2026, 0, 1);
  for (let offset = 0; offset < count; offset += 1000) {
    const chunk = Array.from({ length: Math.min(1000, count - offset) }, (_, k) => {
      const i = offset + k;
      return {
        orgId: org.id,
        email: `u${i}-${org.id}@scale.test`,
        role: ROLES[i % 3],
        // A fixed placeholder: these users never sign in.
        passwordHash: "scrypt$placeholder",
        tokenKeyHash: "placeholder",
        tokenKeyId: `tk_${i.toString(16).padStart(8, "0")}`,
        // Some share a timestamp, so the id tiebreak is exercised.
        createdAt: new Date(start + Math.floor(i / 3) * 1000),
      };
    });
    await db.user.createMany({ data: chunk });
  }
  return org;
}

async function queriesFor(work: () => Promise<unknown>) {
  counter.queries = 0;
  await work();
  return counter.queries;
}

describe("users list at scale", () => {
  it("issues as many queries for 10,000 users as for 10, and returns 25 rows", async () => {
    const small = await orgWithUsers(10);
    const large = await orgWithUsers(10_000);
    expect(await db.user.count({ where: { orgId: large.id } })).toBe(10_000);

    for (const role of [undefined, "readonly"] as const) {
      const page = (orgId: string) => Promise.all([listUsers(orgId, { role }), countUsersByRole(orgId)]);
      const smallQueries = await queriesFor(() => page(small.id));
      let result: Awaited<ReturnType<typeof page>> | undefined;
      const largeQueries = await queriesFor(async () => (result = await page(large.id)));
      expect(largeQueries).toBe(smallQueries);
      expect(largeQueries).toBeLessThanOrEqual(2);
      expect(result![0].items).toHaveLength(USERS_PAGE_SIZE);
      if (role) expect(result![0].items.every((u) => u.role === role)).toBe(true);
    }
    expect(await countUsersByRole(large.id)).toEqual({ admin: 3334, user: 3333, readonly: 3333 });
  });

  it("pages deep into the list with one query each, without overlap, and back again", async () => {
    const org = await orgWithUsers(200);
    const seen = new Set<string>();
    let cursor: string | undefined;
    const pages = [];
    for (let i = 0; i < 8; i++) {
      let page: Awaited<ReturnType<typeof listUsers>> | undefined;
      expect(await queriesFor(async () => (page = await listUsers(org.id, { after: cursor })))).toBe(1);
      pages.push(page!);
      for (const u of page!.items) {
        expect(seen.has(u.id)).toBe(false);
        seen.add(u.id);
      }
      if (!page!.olderCursor) break;
      cursor = page!.olderCursor;
    }
    expect(seen.size).toBe(200);
    expect(pages.at(-1)!.olderCursor).toBeNull();
    // Newest first, strictly ordered by (createdAt, id).
    const all = pages.flatMap((p) => p.items);
    for (let i = 1; i < all.length; i++) {
      const [a, b] = [all[i - 1], all[i]];
      expect(a.createdAt > b.createdAt || (a.createdAt.getTime() === b.createdAt.getTime() && a.id > b.id)).toBe(true);
    }
    // "Newer" from page 3 gives page 2 exactly.
    const back = await listUsers(org.id, { before: pages[2].newerCursor! });
    expect(back.items.map((u) => u.id)).toEqual(pages[1].items.map((u) => u.id));
    expect(pages[0].newerCursor).toBeNull();
  });

  it("ignores a malformed cursor instead of failing", async () => {
    const org = await orgWithUsers(30);
    const page = await listUsers(org.id, { after: "not-a-cursor'; DROP TABLE" });
    expect(page.items).toHaveLength(25);
  });
});

describe("role counts on the users page", () => {
  it("are kept for a few seconds, but forgotten at once when this instance re-roles or deletes a user", async () => {
    const { changeUserRole, deleteUser } = await import("@/lib/data/users");
    const { createUser } = await import("@/tests/support/factory");
    const org = await createOrganisation();
    const admin = await createUser(org.id, "admin");
    const other = await createUser(org.id, "admin");
    const member = await createUser(org.id, "user");
    const actor = { kind: "user" as const, orgId: org.id, role: "admin" as const, userId: admin.id, email: admin.email, label: admin.email };
    expect(await countUsersByRole(org.id)).toEqual({ admin: 2, user: 1, readonly: 0 });

    // Another instance's change (here: a write that bypasses this instance) shows after the short TTL.
    await createUser(org.id, "readonly");
    expect(await queriesFor(() => countUsersByRole(org.id))).toBe(0);
    expect(await countUsersByRole(org.id)).toEqual({ admin: 2, user: 1, readonly: 0 });
    vi.useFakeTimers({ now: Date.now() + 6_000, toFake: ["Date"] });
    try {
      expect(await countUsersByRole(org.id)).toEqual({ admin: 2, user: 1, readonly: 1 });
    } finally {
      vi.useRealTimers();
    }

    await changeUserRole(actor, member.id, "readonly");
    expect(await countUsersByRole(org.id)).toEqual({ admin: 2, user: 0, readonly: 2 });
    await deleteUser(actor, other.id);
    expect(await countUsersByRole(org.id)).toEqual({ admin: 1, user: 0, readonly: 2 });
  });
});
