// Streams data layer: create/rename/tag/delete scoped to the actor's organisation, tag rules,
// permission checks and an audit event for every write.
import { describe, expect, it } from "vitest";
import { setupTestDatabase } from "@/tests/support/db";
import { createOrganisation, createUser } from "@/tests/support/factory";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import type { Role } from "@/lib/permissions";
import { PermissionError } from "@/lib/permissions";
import { NotFoundError } from "@/lib/errors";
import { createStream, deleteStream, getStream, listStreamOptions, listStreams, renameStream, setStreamState, setStreamTags } from "@/lib/data/streams";

setupTestDatabase();

async function actorFor(role: Role): Promise<Actor> {
  const org = await createOrganisation();
  const user = await createUser(org.id, role);
  return { kind: "user", orgId: org.id, role, userId: user.id, email: user.email, label: "test" };
}

const audits = (orgId: string, action: string) => db.auditEvent.count({ where: { orgId, action } });

describe("streams", () => {
  it("creates a stream with generated id, stream names per rendition and tags, and audits it", async () => {
    const actor = await actorFor("user");
    const stream = await createStream(actor, { name: "Main Stage", renditions: 3, tags: ["live", "conference"] });
    expect(stream.id).toMatch(/^grp_/);
    expect(stream.renditions.map((r) => r.label)).toEqual(["1080p", "720p", "480p"]);
    expect(new Set(stream.renditions.map((r) => r.streamName)).size).toBe(3);
    expect(stream.tags).toEqual(["conference", "live"]);
    const labelled = await createStream(actor, { name: "Studio", renditions: ["hd", "sd"], tags: [] });
    expect(labelled.renditions.map((r) => r.label)).toEqual(["hd", "sd"]);
    expect(await audits(actor.orgId, "stream.created")).toBe(2);
  });

  it("renames and re-tags a stream, auditing both; tags are lowercased and deduplicated", async () => {
    const actor = await actorFor("user");
    const { id } = await createStream(actor, { name: "Old", tags: ["a"] });
    expect((await renameStream(actor, id, "New")).name).toBe("New");
    expect((await setStreamTags(actor, id, "Sports, sports,live_2")).tags).toEqual(["live_2", "sports"]);
    // A space is not a separator: refused with the fix spelled out (and not audited, below).
    await expect(setStreamTags(actor, id, "sports live_2")).rejects.toThrow(/has a space: separate tags with commas/);
    expect(await audits(actor.orgId, "stream.renamed")).toBe(1);
    expect(await audits(actor.orgId, "stream.tagged")).toBe(1);
  });

  it("re-tags one stream from many requests at once: each answer and the audit show one whole tag set, never a mix", async () => {
    const actor = await actorFor("user");
    for (let round = 0; round < 5; round++) {
      const { id } = await createStream(actor, { name: `Busy ${round}`, tags: ["start"] });
      const sets = Array.from({ length: 8 }, (_, i) => [`r${round}s${i}`]);
      const answers = await Promise.all(sets.map((tags) => setStreamTags(actor, id, tags)));
      expect(answers.map((a) => a.tags)).toEqual(sets);
      expect(sets).toContainEqual((await getStream(actor.orgId, id)).tags);
      // One after the other: the sets replaced are the first set and every set written but the last.
      const events = await db.auditEvent.findMany({ where: { orgId: actor.orgId, action: "stream.tagged", targetId: id } });
      const changes = events.map((e) => JSON.parse(e.details) as { from: string[]; to: string[] });
      const final = (await getStream(actor.orgId, id)).tags.join();
      const replaced = ["start", ...changes.map((c) => c.to.join()).filter((to) => to !== final)];
      expect(changes.map((c) => c.from.join()).sort()).toEqual(replaced.sort());
    }
  });

  it("refuses invalid tags: characters, length and more than 10 per stream", async () => {
    const actor = await actorFor("user");
    const { id } = await createStream(actor, { name: "S", tags: [] });
    await expect(setStreamTags(actor, id, ["no spaces!"])).rejects.toThrow(/a–z, 0–9/);
    await expect(setStreamTags(actor, id, ["x".repeat(33)])).rejects.toThrow(/at most 32/);
    await expect(setStreamTags(actor, id, Array.from({ length: 11 }, (_, i) => `t${i}`))).rejects.toThrow(/at most 10/);
    expect((await getStream(actor.orgId, id)).tags).toEqual([]);
  });

  it("treats another organisation's stream as not found for every read and write", async () => {
    const owner = await actorFor("admin");
    const intruder = await actorFor("admin");
    const { id } = await createStream(owner, { name: "Private", tags: ["secret"] });
    await expect(getStream(intruder.orgId, id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(renameStream(intruder, id, "Mine")).rejects.toBeInstanceOf(NotFoundError);
    await expect(setStreamTags(intruder, id, ["x"])).rejects.toBeInstanceOf(NotFoundError);
    await expect(deleteStream(intruder, id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(setStreamState(intruder.orgId, id, "live")).rejects.toBeInstanceOf(NotFoundError);
    expect((await listStreams(intruder.orgId, { limit: 10 })).items).toEqual([]);
    expect(await listStreamOptions(intruder.orgId)).toEqual([]);
    const unchanged = await getStream(owner.orgId, id);
    expect(unchanged).toMatchObject({ name: "Private", tags: ["secret"], state: "idle" });
  });

  it("lets only admins delete; a user is refused and the stream stays", async () => {
    const admin = await actorFor("admin");
    const { id } = await createStream(admin, { name: "Doomed", renditions: 2, tags: [] });
    const user: Actor = { ...admin, role: "user" };
    await expect(deleteStream(user, id)).rejects.toBeInstanceOf(PermissionError);
    await expect(createStream({ ...admin, role: "readonly" }, { name: "x", tags: [] })).rejects.toBeInstanceOf(PermissionError);
    await deleteStream(admin, id);
    await expect(getStream(admin.orgId, id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await db.streamRendition.count({ where: { streamId: id } })).toBe(0);
    expect(await audits(admin.orgId, "stream.deleted")).toBe(1);
  });

  it("lists newest first with keyset pages and filters by tag", async () => {
    const actor = await actorFor("user");
    for (let i = 0; i < 5; i++) await createStream(actor, { name: `S${i}`, tags: i % 2 ? ["odd"] : [] });
    const first = await listStreams(actor.orgId, { limit: 2 });
    const second = await listStreams(actor.orgId, { limit: 2, cursor: first.nextCursor! });
    const third = await listStreams(actor.orgId, { limit: 2, cursor: second.nextCursor! });
    const names = [...first.items, ...second.items, ...third.items].map((s) => s.name);
    expect(new Set(names).size).toBe(5);
    expect(third.nextCursor).toBeNull();
    expect(first.newerCursor).toBeNull();
    // Back from the third page to the second, with the same rows.
    const back = await listStreams(actor.orgId, { limit: 2, before: third.newerCursor! });
    expect(back.items.map((s) => s.id)).toEqual(second.items.map((s) => s.id));
    expect(back.newerCursor).not.toBeNull();
    const odd = await listStreams(actor.orgId, { tag: "odd", limit: 10 });
    expect(odd.items.map((s) => s.name).sort()).toEqual(["S1", "S3"]);
  });

  it("records a state change once and ignores a repeat", async () => {
    const actor = await actorFor("user");
    const { id } = await createStream(actor, { name: "S", tags: [] });
    expect((await setStreamState(actor.orgId, id, "live")).state).toBe("live");
    await setStreamState(actor.orgId, id, "live");
    expect(await audits(actor.orgId, "stream.state_changed")).toBe(1);
  });
});
