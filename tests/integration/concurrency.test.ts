// SECURITY.md row 18: lost writes under load. 50 concurrent clients × 20 token creations through
// the data layer → exactly 1000 registry rows, none lost or duplicated (SQLite and PostgreSQL).
import { describe, expect, it } from "vitest";
import { setupTestDatabase } from "@/tests/support/db";
import { db } from "@/lib/db";
import { createOrganisation } from "@/lib/data/organisations";
import { createPlaybackToken } from "@/lib/data/playback-tokens";
import { tokenFormSchema } from "@/lib/validation/tokens";
import type { Actor } from "@/lib/auth/actor";

setupTestDatabase();

describe("concurrent writes", () => {
  it("18: 50 clients × 20 token creations → exactly 1000 rows", async () => {
    const { org } = await createOrganisation({ name: "Load", admin: { email: "load@conc.test", name: "", password: "long-enough-password" }, packages: ["secure_playback"] });
    const actor: Actor = { kind: "api_key", orgId: org.id, role: "admin", userId: null, email: "API key", label: "load" };
    const input = tokenFormSchema.parse({ target: "org", tag: "load" });
    const errors: unknown[] = [];
    const client = async (n: number) => {
      const jtis: string[] = [];
      for (let i = 0; i < 20; i++) {
        try {
          jtis.push((await createPlaybackToken(actor, { ...input, user: `client-${n}` }, "api")).jti);
        } catch (error) {
          errors.push(error);
        }
      }
      return jtis;
    };
    const jtis = (await Promise.all(Array.from({ length: 50 }, (_, n) => client(n)))).flat();
    expect(errors).toEqual([]);
    expect(jtis).toHaveLength(1000);
    expect(new Set(jtis).size).toBe(1000);
    expect(await db.playbackToken.count({ where: { orgId: org.id } })).toBe(1000);
    expect(await db.signingKey.count({ where: { orgId: org.id, status: "active" } })).toBe(1);
  }, 120_000);
});
