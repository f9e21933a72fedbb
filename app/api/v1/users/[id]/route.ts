// PATCH /api/v1/users/{id} — change role; DELETE /api/v1/users/{id} — delete the user.
import { apiRoute } from "@/lib/api/route";
import * as c from "@/lib/api/contracts/users";
import { changeUserRole, deleteUser } from "@/lib/data/users";

export const dynamic = "force-dynamic";

export const PATCH = apiRoute(c.changeRole, async ({ actor, params, body }) => ({ json: c.userJson(await changeUserRole(actor, String(params.id), body.role)) }));

export const DELETE = apiRoute(c.deleteUser, async ({ actor, params }) => {
  await deleteUser(actor, String(params.id));
  return { json: { ok: true as const } };
});
