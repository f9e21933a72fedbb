// GET /api/v1/signing-keys — the organisation's signing keys (public information only).
import { apiRoute } from "@/lib/api/route";
import * as c from "@/lib/api/contracts/tokens";
import { iso } from "@/lib/api/contracts/common";
import { listSigningKeys } from "@/lib/data/signing-keys";

export const dynamic = "force-dynamic";

export const GET = apiRoute(c.listSigningKeys, async ({ actor }) => ({
  json: {
    items: (await listSigningKeys(actor.orgId)).map((k) => ({
      kid: k.kid,
      status: k.status,
      createdAt: k.createdAt.toISOString(),
      retiredAt: iso(k.retiredAt),
      publishUntil: iso(k.publishUntil),
      revokedAt: iso(k.revokedAt),
    })),
  },
}));
