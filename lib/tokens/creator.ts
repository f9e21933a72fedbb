// Who issued a token, as the viewer's role may see it. An email names a person, and a role that may
// not list the organisation's users (user:list) may not learn its members' emails from the token
// registry either; the masked master key is for those who manage it (apiKey:manage). Applied where
// token rows leave the server: the registry's rows, the token page, and the token API.
import { can, type Role } from "@/lib/permissions";

export const ORGANISATION_MEMBER = "a member of this organisation";
export const MASTER_KEY_CREATOR = "the organisation's master API key";

/** `createdByEmail` as stored: a user's email, "API key pg_live_…" (lib/api/auth.ts), or a system label. */
export function creatorShownTo(role: Role, createdByEmail: string): string {
  if (createdByEmail.startsWith("API key ")) return can(role, "apiKey:manage") ? createdByEmail : MASTER_KEY_CREATOR;
  if (createdByEmail.includes("@")) return can(role, "user:list") ? createdByEmail : ORGANISATION_MEMBER;
  return createdByEmail;
}
