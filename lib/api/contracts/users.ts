// Users and invitations over the API: the same data layer and last-admin rules as the Users tab.
import { z } from "zod";
import { contract } from "@/lib/api/contract";
import { ROLES } from "@/lib/permissions";
import { createInvitationSchema, roleSchema } from "@/lib/validation/users";
import { isoDate, okBody, page, pageQuery } from "./common";

export const userBody = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  tokenKeyId: z.string().describe("Masked id of the user's current token key"),
  createdAt: isoDate,
});

export function userJson(u: { id: string; email: string; name: string; role: string; tokenKeyId: string; createdAt: Date }): z.infer<typeof userBody> {
  return { id: u.id, email: u.email, name: u.name, role: roleSchema.parse(u.role), tokenKeyId: u.tokenKeyId, createdAt: u.createdAt.toISOString() };
}

export const invitationBody = z.object({ id: z.string(), role: z.enum(ROLES), createdByEmail: z.string(), createdAt: isoDate, expiresAt: isoDate });

export const listUsers = contract({
  name: "GET /api/v1/users",
  summary: "List the organisation's users, newest first",
  tag: "Users",
  permission: "user:list",
  query: pageQuery.extend({ role: roleSchema.optional() }).strict(),
  response: page(userBody),
  errors: [400],
});

export const changeRole = contract({
  name: "PATCH /api/v1/users/{id}",
  summary: "Change a user's role (ends their sessions; the last admin cannot be demoted)",
  tag: "Users",
  permission: "user:manage",
  body: z.object({ role: roleSchema }).strict(),
  example: { role: "user" },
  response: userBody,
  errors: [400, 404, 409, 413, 415, 422],
});

export const resetTokenKey = contract({
  name: "POST /api/v1/users/{id}/reset-token-key",
  summary: "Reset a user's token key: all their sessions and session API tokens end",
  tag: "Users",
  permission: "user:manage",
  response: userBody,
  errors: [404],
});

export const deleteUser = contract({
  name: "DELETE /api/v1/users/{id}",
  summary: "Delete a user (hard delete; the last admin cannot be deleted)",
  tag: "Users",
  permission: "user:manage",
  response: okBody,
  errors: [404, 409, 422],
});

export const listInvitations = contract({
  name: "GET /api/v1/invitations",
  summary: "Pending invitations",
  tag: "Users",
  permission: "invitation:manage",
  response: z.object({ items: z.array(invitationBody) }),
});

export const createInvitation = contract({
  name: "POST /api/v1/invitations",
  summary: "Create a single-use invitation link for a role (the link is shown once)",
  description:
    "The link names who created it: the admin of a session API token, or the master API key. Links a master key created are revoked when the key is rotated.",
  tag: "Users",
  permission: "invitation:manage",
  body: createInvitationSchema,
  example: { role: "user", expiresInDays: 7 },
  response: invitationBody.extend({ url: z.string() }),
  status: 201,
  errors: [400, 413, 415, 422],
});

export const revokeInvitation = contract({
  name: "DELETE /api/v1/invitations/{id}",
  summary: "Revoke a pending invitation",
  tag: "Users",
  permission: "invitation:manage",
  response: okBody,
  errors: [404, 409],
});
