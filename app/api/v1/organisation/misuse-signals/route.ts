// GET|PUT /api/v1/organisation/misuse-signals — the lines above which a token is flagged (lib/data/misuse.ts).
import { apiRoute } from "@/lib/api/route";
import * as c from "@/lib/api/contracts/organisation";
import { getMisuseLines, saveMisuseLines } from "@/lib/data/misuse";

export const dynamic = "force-dynamic";

export const GET = apiRoute(c.getMisuseLines, async ({ actor }) => ({ json: await getMisuseLines(actor.orgId) }));

export const PUT = apiRoute(c.updateMisuseLines, async ({ actor, body }) => {
  await saveMisuseLines(actor, body);
  return { json: await getMisuseLines(actor.orgId) };
});
