// POST /api/v1/splay/verify — nanoStream Cloud's token check: the claims of one of your tokens.
import { apiRoute } from "@/lib/api/route";
import * as c from "@/lib/api/contracts/splay";
import { NANO, nanoData, nanoError } from "@/lib/api/nanostream";
import { verifyOrgToken } from "@/lib/data/token-lookup";

export const dynamic = "force-dynamic";

const ANSWER = { malformed: NANO.malformed, not_ours: NANO.notOurs, expired: NANO.expired, not_yet_valid: NANO.notActive, revoked: NANO.revoked } as const;

export const POST = apiRoute(c.splayVerify, async ({ actor, body }) => {
  const verdict = await verifyOrgToken(actor.orgId, body.token);
  return verdict.ok ? nanoData(verdict.claims) : nanoError(ANSWER[verdict.reason]);
});
