// Stream Instructions' token information (the seed's "view the token information"): the stream
// group's active tokens only, each opening its overview, the way to all of them, and an empty state
// that fits the role. (The page around it, and its wording per role, is in tests/e2e/tokens.test.ts.)
import { beforeAll, describe, expect, it } from "vitest";
import { renderToString } from "react-dom/server";
import { applyTestConfig } from "@/tests/support/config";
import { setupTestDatabase } from "@/tests/support/db";
import { db } from "@/lib/db";
import { createOrganisation } from "@/lib/data/organisations";
import { createStream } from "@/lib/data/streams";
import { createPlaybackToken, revokePlaybackToken } from "@/lib/data/playback-tokens";
import { apiBodyToTokenInput } from "@/lib/validation/tokens";
import { actorFromUser } from "@/lib/auth/session";
import type { CurrentUser } from "@/lib/data/sessions";
import { StreamTokens } from "@/components/streams/stream-tokens";

applyTestConfig();
setupTestDatabase();

const people = {} as Record<"admin", CurrentUser>;
let streamId = "";
let otherStreamId = "";
const tokens: { active: string; revoked: string; otherGroup: string; orgWide: string } = { active: "", revoked: "", otherGroup: "", orgWide: "" };

async function asUser(id: string): Promise<CurrentUser> {
  const u = await db.user.findUniqueOrThrow({ where: { id }, include: { org: true } });
  return { id: u.id, email: u.email, name: u.name, role: u.role as CurrentUser["role"], orgId: u.orgId, orgName: u.org.name, sessionId: `s_${u.id}`, tokenLabel: "pg_st_test…" };
}

async function render(id: string, canCreate: boolean) {
  return renderToString(await StreamTokens({ orgId: people.admin.orgId, streamId: id, canCreate }));
}

beforeAll(async () => {
  const made = await createOrganisation({ name: "Instructions Org", admin: { email: "admin@instr.test", name: "A", password: "long-enough-password" }, packages: ["secure_playback"] });
  people.admin = await asUser(made.admin.id);
  const actor = actorFromUser(people.admin);
  streamId = (await createStream(actor, { name: "Main Hall", tags: [] })).id;
  otherStreamId = (await createStream(actor, { name: "Side Room", tags: [] })).id;
  const make = async (body: Record<string, unknown>) => (await createPlaybackToken(actor, apiBodyToTokenInput(body), "ui")).id;
  tokens.active = await make({ groupid: streamId, tag: "listed-one" });
  tokens.revoked = await make({ groupid: streamId, tag: "gone-one" });
  await revokePlaybackToken(actor, tokens.revoked);
  tokens.otherGroup = await make({ groupid: otherStreamId, tag: "side-one" });
  tokens.orgWide = await make({ orgawide: true, tag: "everywhere" });
});

describe("Stream Instructions' tokens", () => {
  it("lists the group's active tokens only, each opening its overview, and links to all of the group's", async () => {
    const html = await render(streamId, true);
    expect(html).toContain("Playback tokens for this stream");
    expect(html).toContain(`href="/secure/token/${tokens.active}"`);
    expect(html).toContain("Tag listed-one");
    for (const id of [tokens.revoked, tokens.otherGroup, tokens.orgWide]) expect(html).not.toContain(`/secure/token/${id}"`);
    expect(html).toContain(`href="/secure/token?group=${streamId}#issued-tokens"`);
  });

  it("a stream without active tokens says so, and who can make one", async () => {
    await db.playbackToken.deleteMany({ where: { groupId: otherStreamId } });
    expect(await render(otherStreamId, true)).toContain("Create one with the Create playback token button");
    const readonly = await render(otherStreamId, false);
    expect(readonly).toContain("No active token for this stream group");
    expect(readonly).toContain("Ask a user or admin");
  });
});
