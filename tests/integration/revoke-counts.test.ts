// The counts a revoke confirmation shows before it is pressed: each equals what the revoke then
// revokes (same where-clause: not revoked yet, issued before now, expired ones included), never
// counts another organisation's tokens, and checks the revoke's own permission. Only the session
// lookup is faked; permissions, zod, the data layer and the database are real.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { setupTestDatabase } from "@/tests/support/db";
import { addUser, newOrg, signedIn } from "@/tests/support/users";
import { db } from "@/lib/db";
import type { ActionState } from "@/lib/actions";
import type { CurrentUser } from "@/lib/data/sessions";
import { getCurrentUser } from "@/lib/auth/session";
import { ensureActiveSigningKey } from "@/lib/data/signing-keys";
import { countByKeyAction, countByTagAction, countByUserAction, createTokenAction, revokeByTagAction, revokeByUserAction, revokeTokenAction } from "@/app/(dashboard)/secure/token/actions";
import { revokeSigningKeyAction } from "@/app/(dashboard)/secure/token/signing-key-actions";

vi.mock("@/lib/auth/session", async (importOriginal) => ({ ...(await importOriginal<object>()), getCurrentUser: vi.fn() }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

setupTestDatabase();

type Who = "admin" | "user" | "readonly" | "other";
const people = {} as Record<Who, CurrentUser>;

function actingAs(who: Who) {
  vi.mocked(getCurrentUser).mockResolvedValue(people[who]);
}

const countOf = (state: ActionState<{ count: number }>) => (state?.ok ? state.data?.count : state);

async function issue(fields: Record<string, string>): Promise<string> {
  const result = await createTokenAction(undefined, { target: "org", ...fields });
  if (!result?.ok) throw new Error(JSON.stringify(result));
  return (result.data as { id: string }).id;
}

beforeAll(async () => {
  const mine = await newOrg();
  const theirs = await newOrg();
  for (const { org } of [mine, theirs]) await db.organisation.update({ where: { id: org.id }, data: { packages: JSON.stringify(["secure_playback"]) } });
  people.admin = (await signedIn(mine.admin.id)).user;
  people.user = (await signedIn((await addUser(mine.org.id, "user")).id)).user;
  people.readonly = (await signedIn((await addUser(mine.org.id, "readonly")).id)).user;
  people.other = (await signedIn(theirs.admin.id)).user;

  // Another organisation with the same tag and UserID: never counted, never revoked.
  actingAs("other");
  for (let i = 0; i < 3; i++) await issue({ tag: "live", user: "viewer-1" });
});

describe("counting before a bulk revoke", () => {
  it("by tag: counts what the revoke then revokes (expired included, revoked not), only in the caller's organisation", async () => {
    actingAs("user");
    const live = [await issue({ tag: "live" }), await issue({ tag: "live" }), await issue({ tag: "live" }), await issue({ tag: "live" })];
    await issue({ tag: "other" });
    await revokeTokenAction(undefined, { id: live[0] });
    // Expired but never revoked: the revoke marks it too, so the count includes it.
    await db.playbackToken.update({ where: { id: live[1] }, data: { expiresAt: new Date(Date.now() - 60_000) } });

    const counted = countOf(await countByTagAction(undefined, { tag: "live" }));
    expect(counted).toBe(3);
    const revoked = await revokeByTagAction(undefined, { tag: "live" });
    expect(revoked).toMatchObject({ ok: true, data: { count: counted } });
    expect(countOf(await countByTagAction(undefined, { tag: "live" }))).toBe(0);

    actingAs("other");
    expect(countOf(await countByTagAction(undefined, { tag: "live" }))).toBe(3);
    expect(await db.playbackToken.count({ where: { orgId: people.other.orgId, tag: "live", revokedAt: null } })).toBe(3);
  });

  it("by UserID: counts what the revoke then revokes; a zero result says nothing was revoked", async () => {
    actingAs("user");
    await issue({ user: "viewer-1" });
    await issue({ user: "viewer-1", tag: "x" });
    const counted = countOf(await countByUserAction(undefined, { user: "viewer-1" }));
    expect(counted).toBe(2);
    expect(await revokeByUserAction(undefined, { user: "viewer-1" })).toMatchObject({ ok: true, data: { count: counted } });

    expect(countOf(await countByUserAction(undefined, { user: "nobody-xyz" }))).toBe(0);
    expect(await revokeByUserAction(undefined, { user: "nobody-xyz" })).toEqual({
      ok: true,
      message: 'No active token for UserID "nobody-xyz"; nothing was revoked.',
      data: { count: 0 },
    });
    expect(await revokeByTagAction(undefined, { tag: "nothing-here" })).toMatchObject({ message: 'No active token is tagged "nothing-here"; nothing was revoked.', data: { count: 0 } });
  });

  it("refuses a readonly user (audited), and a user for a signing key's count, before reading the input", async () => {
    actingAs("readonly");
    const kid = (await ensureActiveSigningKey(people.admin.orgId)).kid;
    expect(await countByTagAction(undefined, { tag: "live" })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await countByUserAction(undefined, { user: "viewer-1" })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await countByKeyAction(undefined, { kid })).toMatchObject({ ok: false, code: "forbidden" });
    const refusals = await db.auditEvent.findMany({ where: { actorUserId: people.readonly.id, action: "permission.denied" } });
    expect(refusals.map((e) => e.targetLabel).sort()).toEqual(["tokens.countByKey", "tokens.countByTag", "tokens.countByUser"]);

    actingAs("user");
    expect(await countByKeyAction(undefined, { kid })).toMatchObject({ ok: false, code: "forbidden" });
    actingAs("other");
    expect(await countByTagAction(undefined, {})).toMatchObject({ ok: false, code: "invalid" });
  });
});

describe("counting before a signing key is revoked", () => {
  it("counts the tokens the key's revocation then marks; another organisation's kid is not found, like a missing one", async () => {
    actingAs("admin");
    const ids = [await issue({}), await issue({}), await issue({})];
    await revokeTokenAction(undefined, { id: ids[0] });
    const { kid } = await db.playbackToken.findUniqueOrThrow({ where: { id: ids[1] }, select: { kid: true } });

    actingAs("other");
    const cross = await countByKeyAction(undefined, { kid });
    expect(cross).toMatchObject({ ok: false, code: "not_found" });
    expect(await countByKeyAction(undefined, { kid: "pgk_missing" })).toEqual({ ...cross, values: { kid: "pgk_missing" } });

    actingAs("admin");
    const expected = await db.playbackToken.count({ where: { orgId: people.admin.orgId, kid, revokedAt: null } });
    const counted = countOf(await countByKeyAction(undefined, { kid }));
    expect(counted).toBe(expected);
    expect(counted).toBeGreaterThanOrEqual(2);
    expect(await revokeSigningKeyAction(undefined, { kid })).toMatchObject({ ok: true, data: { tokens: counted } });
    // A revoked key is left alone by a second revoke: nothing more to count.
    expect(countOf(await countByKeyAction(undefined, { kid }))).toBe(0);
  });
});
