// Shared by the user-management test files: real users, real sessions, and the signed-in user
// that the mocked getCurrentUser returns (everything else — permission checks, zod, the data
// layer, the database — runs for real).
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { createOrganisation } from "@/lib/data/organisations";
import { createApiSession, resolveSessionToken, type CurrentUser } from "@/lib/data/sessions";
import { newUserData } from "@/lib/data/users";
import { actorFromUser } from "@/lib/auth/session";
import type { Role } from "@/lib/permissions";

export const PASSWORD = "a-long-enough-password";
export const uniqueEmail = (tag = "u") => `${tag}-${randomBytes(5).toString("hex")}@example.test`;

export async function newOrg(name = `Org ${randomBytes(3).toString("hex")}`) {
  const { org, admin } = await createOrganisation({ name, admin: { email: uniqueEmail("admin"), name: "Admin", password: PASSWORD } });
  return { org, admin };
}

export async function addUser(orgId: string, role: Role, email = uniqueEmail(role)) {
  return db.user.create({ data: { ...(await newUserData({ email, name: `${role} person`, password: PASSWORD, role })), orgId } });
}

/** Signs the user in for real (session row + token) and returns who getCurrentUser would say. */
export async function signedIn(userId: string): Promise<{ user: CurrentUser; token: string }> {
  const session = await createApiSession(userId);
  const user = await resolveSessionToken(session.token);
  if (!user) throw new Error("session did not resolve");
  return { user, token: session.token };
}

export async function actorOf(userId: string) {
  return actorFromUser((await signedIn(userId)).user);
}
