// The demo seed: two isolated organisations, the three demo roles, streams with renditions and
// tags, VOD items, some issued tokens, and a working master key that is stored only hashed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupTestDatabase } from "@/tests/support/db";
import { db } from "@/lib/db";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { seedDemo, DEMO_ORG_NAME, EDGE_DEMO_FILE, OTHER_ORG_NAME, type EdgeDemoFile } from "@/prisma/seed";
import { authorizePublish } from "@/lib/data/ingest";
import { resolveMasterKey } from "@/lib/data/api-keys";
import { findUserForLogin } from "@/lib/data/users";
import { verifyPassword } from "@/lib/crypto";
import { parsePackages } from "@/lib/packages";

setupTestDatabase();

const dataDir = mkdtempSync(path.join(os.tmpdir(), "playgate-seed-"));
let seeded: Awaited<ReturnType<typeof seedDemo>>;
beforeAll(async () => {
  seeded = await seedDemo("demo-password-1", { dataDir });
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("demo seed", () => {
  it("seeds Demo Streaming Co and Other Org as the foundation issue describes", async () => {
    const { demoOrgId, otherOrgId, masterKey } = seeded;
    const demo = await db.organisation.findUniqueOrThrow({ where: { id: demoOrgId } });
    expect(demo.name).toBe(DEMO_ORG_NAME);
    expect(parsePackages(demo.packages).sort()).toEqual(["h5live_player", "live_processing", "secure_playback", "transcoding", "vod", "webcaster"]);
    const other = await db.organisation.findUniqueOrThrow({ where: { id: otherOrgId } });
    expect(other.name).toBe(OTHER_ORG_NAME);
    expect(parsePackages(other.packages)).toContain("secure_playback");
    expect(parsePackages(other.packages)).not.toContain("vod");

    const users = await db.user.findMany({ where: { orgId: demoOrgId }, orderBy: { email: "asc" } });
    expect(users.map((u) => [u.email, u.role])).toEqual([
      ["admin@demo.local", "admin"],
      ["readonly@demo.local", "readonly"],
      ["user@demo.local", "user"],
    ]);
    const login = await findUserForLogin("readonly@demo.local");
    expect(await verifyPassword("demo-password-1", login!.passwordHash)).toBe(true);

    const streams = await db.stream.findMany({ where: { orgId: demoOrgId }, include: { renditions: true, tags: true } });
    expect(streams).toHaveLength(4);
    expect(streams.every((s) => s.renditions.length > 0 && s.tags.length > 0)).toBe(true);
    expect(await db.vodItem.count({ where: { orgId: demoOrgId } })).toBeGreaterThan(0);
    expect(await db.playbackToken.count({ where: { orgId: demoOrgId } })).toBe(4);
    expect(await db.playbackToken.count({ where: { orgId: demoOrgId, revokedAt: { not: null } } })).toBe(1);

    expect((await resolveMasterKey(masterKey))?.orgId).toBe(demoOrgId);
    const keyRow = await db.apiKey.findFirstOrThrow({ where: { orgId: demoOrgId } });
    expect(JSON.stringify(keyRow)).not.toContain(masterKey.slice(8));
  });

  it("gives every rendition an ingest key and keeps the keys for the edge demo in the data folder, readable by its owner only", async () => {
    const { demoOrgId, otherOrgId } = seeded;
    const file = path.join(dataDir, EDGE_DEMO_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const saved = JSON.parse(readFileSync(file, "utf8")) as EdgeDemoFile;
    expect(saved).toMatchObject({ demoOrgId, otherOrgId });
    const renditions = await db.streamRendition.findMany({ select: { streamName: true, orgId: true, ingestKeyHash: true } });
    expect(renditions.every((r) => r.ingestKeyHash)).toBe(true);
    expect(Object.keys(saved.ingestKeys).sort()).toEqual(renditions.map((r) => r.streamName).sort());
    for (const r of renditions) expect(await authorizePublish(r.orgId, r.streamName, saved.ingestKeys[r.streamName])).toMatchObject({ allowed: true });
  });
});
