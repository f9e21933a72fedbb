// Two organisations with every role and their credentials, for API contract tests.
import { db } from "@/lib/db";
import { createOrganisation } from "@/lib/data/organisations";
import { newUserData } from "@/lib/data/users";
import { createApiSession } from "@/lib/data/sessions";
import type { Role } from "@/lib/permissions";

export async function apiFixture(packages: string[] = ["secure_playback", "vod"]) {
  const tag = Math.random().toString(36).slice(2, 8);
  const a = await createOrganisation({ name: `Org A ${tag}`, admin: { email: `admin-${tag}@a.test`, name: "A Admin", password: "long-enough-password" }, packages: packages as never });
  const b = await createOrganisation({ name: `Org B ${tag}`, admin: { email: `admin-${tag}@b.test`, name: "B Admin", password: "long-enough-password" }, packages: packages as never });
  const token = async (userId: string) => (await createApiSession(userId)).token;
  const addUser = async (role: Role) => {
    const user = await db.user.create({ data: { orgId: a.org.id, ...(await newUserData({ email: `${role}-${tag}@a.test`, name: role, password: "long-enough-password", role })) } });
    return { user, token: await token(user.id) };
  };
  const user = await addUser("user");
  const readonly = await addUser("readonly");
  return {
    orgA: a.org,
    orgB: b.org,
    masterA: a.masterKey,
    masterB: b.masterKey,
    adminA: { user: a.admin, token: await token(a.admin.id) },
    adminB: { user: b.admin, token: await token(b.admin.id) },
    userA: user,
    readonlyA: readonly,
  };
}
