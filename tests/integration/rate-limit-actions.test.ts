// Row 15 (brute force) for the server actions: sign-up, invitation acceptance and token-key
// reset answer `rate_limited` (with a "try again" message the form shows) once past their
// limits — set tiny here through the same settings an operator uses — and change nothing then.
// Behind a trusted proxy the public actions count per client address; without one (no address
// to trust) per email / per invitation link, so one client cannot lock everyone out.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { setupTestDatabase } from "@/tests/support/db";
import { newOrg, addUser, signedIn, uniqueEmail, PASSWORD } from "@/tests/support/users";
import { db } from "@/lib/db";
import { resetConfigForTests } from "@/lib/config";
import { getCurrentUser, actorFromUser } from "@/lib/auth/session";
import { createInvitation } from "@/lib/data/invitations";
import { signupAction } from "@/app/(auth)/signup/actions";
import { acceptInvitationAction } from "@/app/(auth)/invite/[token]/actions";
import { resetOwnTokenAction } from "@/app/(dashboard)/account/actions";
import { resetUserTokenAction } from "@/app/(dashboard)/organisation/users/actions";

vi.mock("@/lib/auth/session", async (importOriginal) => ({ ...(await importOriginal<object>()), getCurrentUser: vi.fn() }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-forwarded-for": "198.51.100.23" }),
  cookies: async () => ({ get: () => undefined, set: () => undefined, delete: () => undefined }),
}));

process.env.PLAYGATE_SIGNUP = "on";
process.env.PLAYGATE_TRUST_PROXY = "1";
process.env.PLAYGATE_RATE_LIMIT_SIGNUP = "2/60";
process.env.PLAYGATE_RATE_LIMIT_INVITATION = "2/60";
process.env.PLAYGATE_RATE_LIMIT_TOKEN_RESET = "2/60";
process.env.PLAYGATE_RATE_LIMIT_API = "3/60";
resetConfigForTests();
setupTestDatabase();

const LIMITED = { ok: false, code: "rate_limited", message: expect.stringMatching(/Try again in \d+ seconds/) };

describe("15: rate-limited server actions", () => {
  let orgId = "";
  let adminId = "";
  beforeAll(async () => {
    const { org, admin } = await newOrg();
    orgId = org.id;
    adminId = admin.id;
  });

  it("15: sign-up answers rate_limited past its limit per client address (trusted proxy) and creates no organisation", async () => {
    const signup = () => signupAction(undefined, { organisation: `Org ${uniqueEmail("o")}`, name: "N", email: uniqueEmail("signup"), password: PASSWORD });
    expect(await signup()).toMatchObject({ ok: true });
    expect(await signup()).toMatchObject({ ok: true });
    const orgs = await db.organisation.count();
    expect(await signup()).toMatchObject(LIMITED);
    expect(await db.organisation.count()).toBe(orgs);
  });

  it("15: invitation acceptance answers rate_limited past its limit, even for the right link, and creates no account", async () => {
    const actor = actorFromUser((await signedIn(adminId)).user);
    const { url } = await createInvitation(actor, { role: "user", expiresInDays: 7 });
    const token = decodeURIComponent(url.split("/").pop()!);
    const accept = (t: string, email = uniqueEmail("inv")) => acceptInvitationAction(undefined, { token: t, email, name: "Guess", password: PASSWORD });
    for (let i = 0; i < 2; i++) expect(await accept(`pg_inv_wrong${i}`)).toMatchObject({ ok: false, code: expect.not.stringMatching(/rate_limited|error/) });
    const users = await db.user.count({ where: { orgId } });
    const email = uniqueEmail("right");
    expect(await accept(token, email)).toMatchObject(LIMITED);
    expect(await db.user.count({ where: { orgId } })).toBe(users);
    expect(await db.user.findUnique({ where: { email } })).toBeNull();
  });

  it("15: without a trusted proxy, sign-up counts per email and acceptance per link", async () => {
    process.env.PLAYGATE_TRUST_PROXY = "0";
    try {
      const email = uniqueEmail("same");
      const signup = () => signupAction(undefined, { organisation: "Same Org", name: "N", email, password: PASSWORD });
      expect(await signup()).toMatchObject({ ok: true });
      expect(await signup()).toMatchObject({ ok: false, code: "conflict" });
      expect(await signup()).toMatchObject(LIMITED);
      const accept = () => acceptInvitationAction(undefined, { token: "pg_inv_guessed", email: uniqueEmail("g"), name: "G", password: PASSWORD });
      expect(await accept()).toMatchObject({ ok: false, code: expect.not.stringMatching(/rate_limited|error/) });
      expect(await accept()).toMatchObject({ ok: false, code: expect.not.stringMatching(/rate_limited|error/) });
      expect(await accept()).toMatchObject(LIMITED);
    } finally {
      process.env.PLAYGATE_TRUST_PROXY = "1";
    }
  });

  it("15: token-key reset (own and by an admin) answers rate_limited past its limit and keeps the key", async () => {
    const admin = await addUser(orgId, "admin");
    vi.mocked(getCurrentUser).mockResolvedValue((await signedIn(admin.id)).user);
    const target = await addUser(orgId, "user");
    expect(await resetUserTokenAction(undefined, { userId: target.id })).toMatchObject({ ok: true });
    expect(await resetOwnTokenAction(undefined, {})).toMatchObject({ ok: true });
    const keyBefore = (await db.user.findUniqueOrThrow({ where: { id: target.id } })).tokenKeyId;
    const ownBefore = (await db.user.findUniqueOrThrow({ where: { id: admin.id } })).tokenKeyId;
    expect(await resetUserTokenAction(undefined, { userId: target.id })).toMatchObject(LIMITED);
    expect(await resetOwnTokenAction(undefined, {})).toMatchObject(LIMITED);
    expect((await db.user.findUniqueOrThrow({ where: { id: target.id } })).tokenKeyId).toBe(keyBefore);
    expect((await db.user.findUniqueOrThrow({ where: { id: admin.id } })).tokenKeyId).toBe(ownBefore);
  });

  it("15: a refused action replayed in a loop is refused every time but audited only up to the limit", async () => {
    const readonly = await addUser(orgId, "readonly");
    vi.mocked(getCurrentUser).mockResolvedValue((await signedIn(readonly.id)).user);
    for (let i = 0; i < 6; i++) {
      expect(await resetUserTokenAction(undefined, { userId: adminId })).toMatchObject({ ok: false, code: "forbidden" });
    }
    expect(await db.auditEvent.count({ where: { orgId, actorUserId: readonly.id, action: "permission.denied" } })).toBe(3);
  });
});
