// GET /api/v1/secure/token/{id} — one token as issued, with decoded header and payload, usage and misuse flags.
import { apiRoute } from "@/lib/api/route";
import * as c from "@/lib/api/contracts/tokens";
import { getPlaybackToken } from "@/lib/data/playback-tokens";
import { tokenUsage } from "@/lib/data/usage";
import { flagsOf } from "@/lib/data/misuse";

export const dynamic = "force-dynamic";

export const GET = apiRoute(c.getToken, async ({ actor, params }) => {
  const t = await getPlaybackToken(actor.orgId, String(params.id));
  const [usage, flags] = await Promise.all([tokenUsage(actor.orgId, t.jti), flagsOf(actor.orgId, t.jti)]);
  const iso = <T extends { firstSeenAt: Date; lastSeenAt: Date }>(s: T) => ({ ...s, firstSeenAt: s.firstSeenAt.toISOString(), lastSeenAt: s.lastSeenAt.toISOString() });
  return {
    json: {
      ...c.tokenJson(t, actor.role),
      token: t.token,
      header: { ...t.header },
      payload: { ...t.payload },
      usage: usage && { ...iso(usage), ips: usage.ips.map(iso), origins: usage.origins.map(iso) },
      flags: flags.map((f) => ({ ...f, raisedAt: f.raisedAt.toISOString() })),
    },
  };
});
