// GET /api/v1/invitations — pending invitations; POST — create one (the link is in the answer once).
import { apiRoute } from "@/lib/api/route";
import * as c from "@/lib/api/contracts/users";
import { createInvitation, listPendingInvitations } from "@/lib/data/invitations";

export const dynamic = "force-dynamic";

const json = (i: { id: string; role: string; createdByEmail: string; createdAt: Date; expiresAt: Date }) => ({
  id: i.id,
  role: c.userBody.shape.role.parse(i.role),
  createdByEmail: i.createdByEmail,
  createdAt: i.createdAt.toISOString(),
  expiresAt: i.expiresAt.toISOString(),
});

export const GET = apiRoute(c.listInvitations, async ({ actor }) => ({ json: { items: (await listPendingInvitations(actor.orgId)).map(json) } }));

export const POST = apiRoute(c.createInvitation, async ({ actor, body }) => {
  const { invitation, url } = await createInvitation(actor, body);
  return { json: { ...json(invitation), url } };
});
