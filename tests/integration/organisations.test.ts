// Creating an organisation (sign-up, CLI, seed): first admin, hashed master key, packages.
import { describe, expect, it } from "vitest";
import { setupTestDatabase } from "@/tests/support/db";
import { db } from "@/lib/db";
import { createOrganisation, createOrganisationWithoutKey, getOrganisation, setPackage } from "@/lib/data/organisations";
import { getMasterKeyInfo, resolveMasterKey, rotateMasterKey } from "@/lib/data/api-keys";
import { verifyPassword, hashSecret } from "@/lib/crypto";
import { systemActor } from "@/lib/auth/actor";
import { ConflictError } from "@/lib/errors";

setupTestDatabase();

describe("createOrganisation", () => {
  it("creates the organisation with its first admin, a hashed master key and an audit event", async () => {
    const { org, admin, masterKey } = await createOrganisation({
      name: "Acme Live",
      admin: { email: "Ops@Acme.test", name: "Ops", password: "correct horse battery" },
      packages: ["secure_playback"],
    });
    expect(admin).toMatchObject({ email: "ops@acme.test", role: "admin" });
    expect(masterKey).toMatch(/^pg_live_/);
    const key = await db.apiKey.findFirstOrThrow({ where: { orgId: org.id }, omit: { keyHash: false } });
    expect(key.keyHash).toBe(hashSecret(masterKey));
    expect(key.maskedKey).not.toContain(masterKey.slice(12));
    const user = await db.user.findUniqueOrThrow({ where: { id: admin.id }, omit: { passwordHash: false } });
    expect(await verifyPassword("correct horse battery", user.passwordHash)).toBe(true);
    expect(await verifyPassword("wrong", user.passwordHash)).toBe(false);
    expect((await getOrganisation(org.id)).packageList).toEqual(["secure_playback"]);
    expect(await db.auditEvent.count({ where: { orgId: org.id, action: "organisation.created" } })).toBe(1);
  });

  it("sign-up makes no master key (nothing could show it); the admin's first one is created, shown once and audited as created", async () => {
    const { org, admin } = await createOrganisationWithoutKey({ name: "Self Serve", admin: { email: "self@serve.test", name: "", password: "correct horse battery" } });
    expect(await db.apiKey.count({ where: { orgId: org.id } })).toBe(0);
    expect(await getMasterKeyInfo(org.id)).toBeNull();

    const actor = { kind: "user" as const, orgId: org.id, role: "admin" as const, userId: admin.id, email: admin.email, label: "test" };
    const first = await rotateMasterKey(actor);
    expect(first.replaced).toBe(false);
    expect((await resolveMasterKey(first.key))?.orgId).toBe(org.id);
    const second = await rotateMasterKey(actor);
    expect(second.replaced).toBe(true);
    expect(await resolveMasterKey(first.key)).toBeNull();
    const actions = (await db.auditEvent.findMany({ where: { orgId: org.id, action: { startsWith: "apiKey." } } })).map((e) => e.action).sort();
    expect(actions).toEqual(["apiKey.created", "apiKey.rotated"]);
  });

  it("rotations at the same moment leave exactly one working key", async () => {
    const { org, admin } = await createOrganisationWithoutKey({ name: "Racing Keys", admin: { email: "race@keys.test", name: "", password: "correct horse battery" } });
    const actor = { kind: "user" as const, orgId: org.id, role: "admin" as const, userId: admin.id, email: admin.email, label: "test" };
    const keys = await Promise.all(Array.from({ length: 6 }, () => rotateMasterKey(actor)));
    expect(await db.apiKey.count({ where: { orgId: org.id, revokedAt: null } })).toBe(1);
    const working = (await Promise.all(keys.map((k) => resolveMasterKey(k.key)))).filter(Boolean);
    expect(working).toHaveLength(1);
    expect(keys.filter((k) => !k.replaced)).toHaveLength(1);
  });

  it("refuses an email that already has an account, creating nothing", async () => {
    await createOrganisation({ name: "First", admin: { email: "taken@acme.test", name: "", password: "correct horse battery" } });
    const before = await db.organisation.count();
    await expect(
      createOrganisation({ name: "Second", admin: { email: "taken@acme.test", name: "", password: "correct horse battery" } }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(await db.organisation.count()).toBe(before);
  });

  it("lets the operator switch packages on and off, refusing unknown ones", async () => {
    const { org } = await createOrganisation({ name: "Pkg", admin: { email: "pkg@acme.test", name: "", password: "correct horse battery" } });
    const actor = systemActor(org.id, "cli");
    expect(await setPackage(actor, "vod", true)).toEqual(["vod"]);
    expect(await setPackage(actor, "metadata", true)).toEqual(["vod", "metadata"]);
    expect(await setPackage(actor, "vod", false)).toEqual(["metadata"]);
    await expect(setPackage(actor, "teleportation", true)).rejects.toThrow(/Unknown package/);
  });
});
