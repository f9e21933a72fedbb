// nanoStream Cloud's token API, spoken as it is (README, "Moving from nanoStream Cloud"): the same
// headers, bodies, answers and error numbers, on the same data layer and permission table as
// POST /api/v1/secure/token. Errors: lib/api/nanostream.ts.
import { z } from "zod";
import { contract } from "@/lib/api/contract";
import { apiTokenFields, oneTarget } from "@/lib/validation/tokens";

const TAG = "nanoStream compatibility";

const ERRORS =
  'Errors are {"success": false, "error": {"errorCode", "message"}}: 1000 a parameter is missing or invalid (400; the message names it), 1001 the API key or token is not valid (403). ' +
  "Playgate's own numbers where nanoStream names none: 9403 not permitted for this role or package, 9429 rate limited (Retry-After), 9503 the database is unreachable (Retry-After).";

const tokenOnly = z.object({ token: z.string({ error: "Parameter required: token" }).min(1, "Parameter required: token").max(8192) }).strict();

export const splayBody = z
  .object({
    ...apiTokenFields,
    /** Accepted and recorded in the audit event; every Playgate token is revocable whatever it says. */
    revocable: z.boolean().optional(),
  })
  .strict()
  .superRefine(oneTarget("Parameter required: send exactly one of groupid, streams or orgawide: true"));

export const splay = contract({
  name: "POST /api/v1/splay",
  summary: "nanoStream's secure playback token: the same body as POST /api/v1/secure/token, answered as {success, data: {token}}",
  tag: TAG,
  permission: "token:create",
  dialect: "nanostream",
  description:
    "Send X-BINTU-APIKEY (the master API key) or X-BINTU-TOKEN. Replace <stream id> with the stream's id (grp_…, on its Stream Overview and from GET /api/v1/streams). Exactly one of groupid | streams | orgawide: true; exp and nbf in Unix seconds (without exp the token lives 14 days, at most 365); domain one host name (or *.example.com); ip one IPv4 or IPv6 address or CIDR range (nanoStream took one IPv4); tag, user and cust are kept as claims. " +
    "revocable is accepted and recorded, but every Playgate token can be revoked whatever it says, so nanoStream's 2011 never occurs. " +
    ERRORS,
  body: splayBody,
  example: { groupid: "<stream id>", tag: "conference" },
  response: z.object({ success: z.literal(true), data: z.object({ token: z.string() }) }),
  errors: [400, 413, 415],
});

export const splayVerify = contract({
  name: "POST /api/v1/splay/verify",
  summary: "Is this token one of your organisation's, valid now? Answers its claims",
  tag: TAG,
  permission: "token:read",
  dialect: "nanostream",
  description:
    "Replace <playback token> with a token from POST /api/v1/splay or POST /api/v1/secure/token. Answers {success: true, data: <the token's claims>}. 403 1002 jwt expired; 400 2004 jwt malformed; 403 2012 the token is not your organisation's (the same answer for a token no one issued); Playgate's own 403 9001 jwt not active (nbf in the future) and 403 9002 jwt revoked (the token or the key that signed it). " +
    ERRORS,
  body: tokenOnly,
  example: { token: "<playback token>" },
  response: z.object({ success: z.literal(true), data: z.record(z.string(), z.unknown()) }),
  errors: [400, 413, 415],
});

export const splayRevoke = contract({
  name: "POST /api/v1/splay/revoke",
  summary: "Revoke one of your organisation's tokens by its text: 204, from the next playback check on",
  tag: TAG,
  permission: "token:revoke",
  dialect: "nanostream",
  description: "Replace <playback token> with a token from POST /api/v1/splay or POST /api/v1/secure/token. 204 also for a token revoked before. 400 2004 jwt malformed; 403 2012 the token is not your organisation's (the same answer for a token no one issued). 2011 (not created revocable) never occurs: every Playgate token can be revoked. " + ERRORS,
  body: tokenOnly,
  example: { token: "<playback token>" },
  response: z.null(),
  status: 204,
  errors: [400, 413, 415],
});
