// DELETE /api/v1/invitations/{id} — revoke a pending invitation.
import { apiRoute } from "@/lib/api/route";
import * as c from "@/lib/api/contracts/users";
import { revokeInvitation } from "@/lib/data/invitations";

export const dynamic = "force-dynamic";

export const DELETE = apiRoute(c.revokeInvitation, async ({ actor, params }) => {
  await revokeInvitation(actor, String(params.id));
  return { json: { ok: true as const } };
});
