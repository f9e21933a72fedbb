// Playback tokens, signing keys, JWKS and the authorize endpoint over the API.
import { z } from "zod";
import { contract } from "@/lib/api/contract";
import { apiTokenBodySchema, authorizeRequestSchema } from "@/lib/validation/tokens";
import type { TokenRow } from "@/lib/data/playback-tokens";
import type { Role } from "@/lib/permissions";
import { creatorShownTo } from "@/lib/tokens/creator";
import { countBody, iso, isoDate, nullableIsoDate, okBody, page, pageQuery } from "./common";

const STATUS = ["active", "not_yet_valid", "expired", "revoked"] as const;

export const tokenBody = z.object({
  id: z.string(),
  jti: z.string(),
  kid: z.string(),
  status: z.enum(STATUS),
  target: z.enum(["group", "streams", "org"]),
  groupid: z.string().nullable(),
  streams: z.array(z.string()),
  issuedAt: isoDate,
  notBefore: nullableIsoDate,
  expiresAt: isoDate,
  ip: z.string().nullable(),
  domain: z.string().nullable(),
  user: z.string().nullable(),
  tag: z.string().nullable(),
  /** The short reference (≤ 40 characters) every online check accepts in place of the token. */
  ref: z.string().nullable(),
  revokedAt: nullableIsoDate,
  revokedReason: z.string().nullable(),
  /** The creator's email; "a member of this organisation" for roles without user:list. */
  createdByEmail: z.string(),
  createdByDeleted: z.boolean(),
  createdVia: z.enum(["ui", "api"]),
});

/** A registry row as `viewer` may see it: the creator's email only with user:list (lib/tokens/creator.ts). */
export function tokenJson(t: TokenRow, viewer: Role): z.infer<typeof tokenBody> {
  return {
    id: t.id,
    jti: t.jti,
    kid: t.kid,
    status: t.status,
    target: t.target,
    groupid: t.groupId,
    streams: t.streamNames,
    issuedAt: t.issuedAt.toISOString(),
    notBefore: iso(t.notBefore),
    expiresAt: t.expiresAt.toISOString(),
    ip: t.ip,
    domain: t.domain,
    user: t.userClaim,
    tag: t.tag,
    ref: t.ref,
    revokedAt: iso(t.revokedAt),
    revokedReason: t.revokedReason,
    createdByEmail: creatorShownTo(viewer, t.createdByEmail),
    createdByDeleted: t.createdByDeleted,
    createdVia: t.createdVia,
  };
}

export const createToken = contract({
  name: "POST /api/v1/secure/token",
  summary: "Create a secure playback token (nanoStream-compatible body: one of groupid | streams | orgawide; exp/nbf in Unix seconds)",
  tag: "Playback tokens",
  permission: "token:create",
  description:
    "Replace <stream id> with the stream's id (grp_…, shown on its Stream Overview and by GET /api/v1/streams). Without exp the token lives 14 days. " +
    'mediamtx: true adds MediaMTX\'s mediamtx_permissions claim, [{"action":"read","path":<stream name>}] for each stream name the token covers (a group\'s renditions at signing time), for MediaMTX\'s authMethod: jwt; refused (400, field mediamtx) with orgawide, which no MediaMTX path can express.',
  body: apiTokenBodySchema,
  example: { groupid: "<stream id>", tag: "conference" },
  response: z.object({ token: z.string(), ref: z.string(), id: z.string(), expiresAt: isoDate }),
  status: 201,
  errors: [400, 413, 415, 422],
});

export const listTokens = contract({
  name: "GET /api/v1/secure/token",
  summary: "The token registry, newest first; filter by status, groupid (tokens for one stream group), tag or user",
  tag: "Playback tokens",
  permission: "token:read",
  query: pageQuery.extend({ status: z.enum(STATUS).optional(), groupid: z.string().max(64).optional(), tag: z.string().max(64).optional(), user: z.string().max(128).optional() }).strict(),
  response: page(tokenBody),
  errors: [400],
});

const sighting = z.object({ value: z.string(), checks: z.number().int(), firstSeenAt: isoDate, lastSeenAt: isoDate });

/** What the online checks counted for a token (as of the last flush, a few seconds behind); null before its first check. */
export const tokenUsageBody = z
  .object({
    firstSeenAt: isoDate,
    lastSeenAt: isoDate,
    allowed: z.number().int(),
    refused: z.number().int(),
    refusedBy: z.array(z.object({ reason: z.string(), count: z.number().int() })),
    ips: z.array(sighting).describe("Client addresses it was checked from, most recent first (the first 100 distinct ones are stored)"),
    origins: z.array(sighting).describe("Page origins it was checked from, most recent first (the first 100 distinct ones are stored)"),
    ipsNotStored: z.number().int().describe("Checks from further addresses beyond the stored ones"),
    originsNotStored: z.number().int(),
    viewersNow: z.number().int().describe("Distinct addresses it was checked from in the last 30 s"),
  })
  .nullable();

export const getToken = contract({
  name: "GET /api/v1/secure/token/{id}",
  summary: "One token as issued, with its settings, decoded claims and usage",
  tag: "Playback tokens",
  permission: "token:read",
  response: tokenBody.extend({
    token: z.string(),
    header: z.record(z.string(), z.unknown()),
    payload: z.record(z.string(), z.unknown()),
    usage: tokenUsageBody,
    flags: z
      .array(z.object({ signal: z.string(), title: z.string(), explanation: z.string(), value: z.number().int(), threshold: z.number().int(), raisedAt: isoDate }))
      .describe("Misuse signals the token raised (many_addresses, many_viewers, foreign_origin, refused_still_arriving), worst first"),
  }),
  errors: [404],
});

export const revokeToken = contract({
  name: "POST /api/v1/secure/token/{id}/revoke",
  summary: "Revoke one token (the authorize endpoint refuses it from the next call)",
  tag: "Playback tokens",
  permission: "token:revoke",
  response: okBody.extend({ revokedAt: isoDate, alreadyRevoked: z.boolean() }),
  errors: [404],
});

export const revokeTokens = contract({
  name: "POST /api/v1/secure/token/revoke",
  summary: "Revoke in bulk every token issued so far with a tag or a user claim",
  tag: "Playback tokens",
  permission: "token:revoke",
  // The one bulk revoke schema: the registry's "Revoke by tag" and "Revoke by UserID" forms parse
  // it too, each sending its one field (lib/validation/token-actions.ts).
  body: z
    .object({
      tag: z.string().trim().min(1, "Enter the tag whose tokens to revoke.").max(64, "Use at most 64 characters.").optional(),
      user: z.string().trim().min(1, "Enter the UserID whose tokens to revoke.").max(128, "Use at most 128 characters.").optional(),
    })
    .strict()
    .refine((b) => (b.tag === undefined) !== (b.user === undefined), { message: "Send exactly one of tag or user", path: ["tag"] }),
  example: { tag: "conference" },
  response: countBody,
  errors: [400, 413, 415],
});

const signingKeyBody = z.object({ kid: z.string(), status: z.enum(["active", "retiring", "revoked"]), createdAt: isoDate, retiredAt: nullableIsoDate, publishUntil: nullableIsoDate, revokedAt: nullableIsoDate });

export const listSigningKeys = contract({
  name: "GET /api/v1/signing-keys",
  summary: "The organisation's ES256 signing keys (public information only)",
  tag: "Signing keys",
  permission: "signingKey:manage",
  response: z.object({ items: z.array(signingKeyBody) }),
});

export const rotateSigningKey = contract({
  name: "POST /api/v1/signing-keys/rotate",
  summary: "Rotate: a new key signs from now on; old keys stay published until their tokens expire",
  tag: "Signing keys",
  permission: "signingKey:manage",
  response: z.object({ kid: z.string(), retired: z.array(z.string()) }),
});

export const revokeSigningKey = contract({
  name: "POST /api/v1/signing-keys/{kid}/revoke",
  summary: "Emergency revocation: every token the key signed is refused from the next authorize call",
  tag: "Signing keys",
  permission: "signingKey:manage",
  response: z.object({ kid: z.string(), rotatedTo: z.string().nullable(), tokens: z.number().int() }),
  errors: [404],
});

const jwk = z.object({ kty: z.string(), crv: z.string(), x: z.string(), y: z.string(), kid: z.string(), alg: z.string(), use: z.string().optional() });

export const jwksAll = contract({
  name: "GET /.well-known/jwks.json",
  summary: "Every organisation's published playback-token public keys",
  tag: "Verification",
  permission: "public",
  response: z.object({ keys: z.array(jwk) }),
});

export const jwksOrg = contract({
  name: "GET /api/v1/organisations/{orgId}/jwks.json",
  summary: "One organisation's public keys: a token's iss + /jwks.json",
  tag: "Verification",
  permission: "public",
  response: z.object({ keys: z.array(jwk) }),
  errors: [404],
});

const revocationItem = z.discriminatedUnion("kind", [
  z.object({ seq: z.number().int(), kind: z.literal("token"), jti: z.string(), exp: z.number().int().describe("The token's exp (Unix seconds): forget the jti after it"), revokedAt: isoDate }),
  z.object({ seq: z.number().int(), kind: z.literal("key"), kid: z.string(), exp: z.number().int().nullable().describe("The latest exp of a token the key signed (Unix seconds); null: none known, keep it"), revokedAt: isoDate }),
]);

export const revocationsOrg = contract({
  name: "GET /api/v1/organisations/{orgId}/revocations",
  summary: "One organisation's revoked token jtis and signing-key kids since a sequence number, for offline verifiers",
  tag: "Verification",
  permission: "public",
  description:
    "Poll with since = the previous answer's next (0 the first time) and keep asking while more is true. Refuse a token whose jti is listed, or whose header kid is, until its exp. Tokens already past exp are left out. " +
    "Answered with Cache-Control: public, max-age=5, so a revocation reaches an offline verifier within its poll interval plus 5 s. An unknown organisation answers 404, as its JWKS does.",
  query: z
    .object({
      since: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
      limit: z.coerce.number().int().min(1).max(1000).default(500),
    })
    .strict(),
  response: z.object({ items: z.array(revocationItem), next: z.number().int(), more: z.boolean() }),
  errors: [400, 404],
});

export const authorize = contract({
  name: "POST /api/v1/playback/authorize",
  summary: "May this viewer play this stream with this token? 200 allowed, 403 with a machine-readable reason and every reason in reasons[]",
  tag: "Verification",
  permission: "public",
  description: "Replace <playback token> with a token from POST /api/v1/secure/token and <stream name> with the ingest stream name being played (a rendition's streamName). ip and origin are needed when the token restricts them.",
  body: authorizeRequestSchema,
  example: { token: "<playback token>", stream: "<stream name>", ip: "203.0.113.7", origin: "https://player.example.com" },
  response: z.object({ allowed: z.literal(true), orgId: z.string(), jti: z.string(), expiresAt: isoDate, stream: z.string() }),
  errors: [400, 403, 413, 415],
});

const CHECK_DESCRIPTION =
  "For edges (nginx auth_request, Traefik ForwardAuth, Caddy forward_auth, Envoy ext_authz): no body. The token comes from Authorization: Bearer, X-Playgate-Token, the original URI's token query parameter or the PLAYGATE_EDGE_TOKEN_COOKIE cookie (a JWT or its short reference); the original URI from X-Original-URI, X-Forwarded-Uri or the path after the check's own; the stream from that URI by PLAYGATE_EDGE_STREAM_PATTERN or X-Playgate-Stream; the viewer's IP from X-Real-IP / X-Forwarded-For only behind PLAYGATE_EDGE_TRUSTED_PROXIES; the origin from Origin, else Referer. " +
  "Answers 204 (allowed), 401 (no token) or 403 (refused) with X-Playgate-Reason (authorize's reasons, token_required, unavailable), X-Playgate-Jti, X-Playgate-Expires, Cache-Control: max-age and X-Accel-Expires (PLAYGATE_EDGE_CACHE_SECONDS, never past the token's exp), and X-Playgate-Degraded: 1 while the database is unreachable. Never a 5xx. HEAD and OPTIONS are answered the same way (a CORS preflight is allowed).";

const checkSpec = (method: "GET" | "POST", path: string) =>
  contract({
    name: `${method} ${path}`,
    summary: path.endsWith("{path}") ? "The forward-auth check with the viewer's original path appended (Envoy ext_authz path_prefix)" : "Forward-auth check for edges: may the viewer behind this request play? 204 allow, 401 no token, 403 refused",
    tag: "Verification",
    permission: "public",
    description: CHECK_DESCRIPTION,
    response: z.null(),
    status: 204,
    errors: [401, 403],
  });

export const checkGet = checkSpec("GET", "/api/v1/playback/check");
export const checkPost = checkSpec("POST", "/api/v1/playback/check");
export const checkPathGet = checkSpec("GET", "/api/v1/playback/check/{path}");
export const checkPathPost = checkSpec("POST", "/api/v1/playback/check/{path}");
// HEAD and OPTIONS are not OpenAPI operations of their own here; the route registry still names them.
export const checkHead = { name: "HEAD /api/v1/playback/check" };
export const checkOptions = { name: "OPTIONS /api/v1/playback/check" };
export const checkPathHead = { name: "HEAD /api/v1/playback/check/{path}" };
export const checkPathOptions = { name: "OPTIONS /api/v1/playback/check/{path}" };
