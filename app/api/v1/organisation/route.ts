// GET /api/v1/organisation — the organisation overview (masked master key for admins only).
import { apiRoute } from "@/lib/api/route";
import * as c from "@/lib/api/contracts/organisation";
import { iso } from "@/lib/api/contracts/common";
import { can } from "@/lib/permissions";
import { PACKAGES } from "@/lib/packages";
import { getOrganisation } from "@/lib/data/organisations";
import { listTagsInUse } from "@/lib/data/organisation-settings";
import { getMasterKeyInfo } from "@/lib/data/api-keys";

export const dynamic = "force-dynamic";

export const GET = apiRoute(c.organisation, async ({ actor }) => {
  const [org, tags] = await Promise.all([getOrganisation(actor.orgId), listTagsInUse(actor.orgId)]);
  const key = can(actor.role, "apiKey:manage") ? await getMasterKeyInfo(actor.orgId) : undefined;
  return {
    json: {
      id: org.id,
      name: org.name,
      supportLevel: org.supportLevel,
      analyticsLevel: org.analyticsLevel,
      packages: PACKAGES.map((p) => ({ id: p.id, label: p.label, enabled: org.packageList.includes(p.id) })),
      playerKey: org.playerKey,
      vodPublic: org.vodPublic,
      tags,
      ...(key === undefined ? {} : { masterKey: key ? { maskedKey: key.maskedKey, createdAt: key.createdAt.toISOString(), lastUsedAt: iso(key.lastUsedAt) } : null }),
    },
  };
});
