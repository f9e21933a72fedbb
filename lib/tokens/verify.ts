// Our playback-token verifier: every RFC 8725 check, each failure a machine-readable reason.
// The key comes ONLY from our own store, by kid; keys embedded in the header are refused.
import { decodeProtectedHeader, errors, jwtVerify, type CryptoKey, type JWTPayload } from "jose";
import { namedCache } from "@/lib/caches";
import { isCanonicalBase64url } from "@/lib/tokens/base64url";
import { issuerFor, TOKEN_ALG, TOKEN_AUDIENCE, TOKEN_TYPE, type PlaybackClaims } from "@/lib/tokens/claims";

export const DENY_REASONS = [
  "malformed",
  "bad_signature",
  "unknown_key",
  "key_revoked",
  "expired",
  "not_yet_valid",
  "revoked",
  "stream_not_allowed",
  "ip_not_allowed",
  "domain_not_allowed",
  "ip_required",
  "domain_required",
  "wrong_audience",
  "wrong_issuer",
  "lifetime_too_long",
  "unknown_stream",
] as const;
export type DenyReason = (typeof DENY_REASONS)[number];

export interface Denial {
  ok: false;
  reason: DenyReason;
  message: string;
}

export interface ResolvedKey {
  orgId: string;
  status: string;
  publicKey: CryptoKey;
}

export type KeyResolver = (kid: string) => Promise<ResolvedKey | null>;

export interface VerifyOptions {
  appUrl: string;
  resolveKey: KeyResolver;
  /** Seconds; at most 60 (SECURITY.md). */
  clockTolerance?: number;
  currentDate?: Date;
}

export type Verified = { ok: true; payload: PlaybackClaims; kid: string; orgId: string };

const MAX_LIFETIME_SEC = 365 * 86_400;
export const CLOCK_TOLERANCE_SEC = 30;
const FORBIDDEN_HEADER_PARAMS = ["jwk", "jku", "x5u", "x5c", "x5t", "x5t#S256", "crit", "b64"];
/** An ES256 signature is r || s, 32 bytes each: 86 base64url characters. */
const ES256_SIGNATURE_LENGTH = 86;
const NOT_CANONICAL = "The token is not canonical base64url (padding, characters outside the alphabet or unused bits set).";

export const deny = (reason: DenyReason, message: string): Denial => ({ ok: false, reason, message });

function fromJoseError(error: unknown): Denial {
  if (error instanceof errors.JWSSignatureVerificationFailed) return deny("bad_signature", "The signature does not match the key.");
  if (error instanceof errors.JOSEAlgNotAllowed) return deny("bad_signature", "Only ES256 signatures are accepted.");
  if (error instanceof errors.JWTExpired) {
    return error.claim === "iat" ? deny("lifetime_too_long", "The token was issued too long ago.") : deny("expired", "The token has expired.");
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === "nbf") return deny("not_yet_valid", "The token is not valid yet (nbf is in the future).");
    if (error.claim === "iss") return deny("wrong_issuer", "The token was not issued by this key's organisation.");
    if (error.claim === "aud") return deny("wrong_audience", `The token's audience is not "${TOKEN_AUDIENCE}".`);
    if (error.claim === "typ") return deny("malformed", `The token's type is not "${TOKEN_TYPE}".`);
    return deny("malformed", `The token's "${error.claim}" claim is missing or invalid.`);
  }
  return deny("malformed", "The token is not a valid signed JWT.");
}

function hasOneTarget(p: JWTPayload): boolean {
  const group = typeof p.groupid === "string" && p.groupid.length > 0;
  const streams = Array.isArray(p.streams) && p.streams.length > 0 && p.streams.every((s) => typeof s === "string");
  const org = p.orgawide === true;
  const present = [p.groupid !== undefined, p.streams !== undefined, p.orgawide !== undefined].filter(Boolean).length;
  return present === 1 && (group || streams || org);
}

/**
 * The time-dependent checks again, for a token whose signature and fixed claims were already
 * verified (a verified-token cache): exp and nbf with the same tolerance as jose.
 */
export function recheckTimes(p: PlaybackClaims, now = Date.now() / 1000): Denial | null {
  if (p.exp <= now - CLOCK_TOLERANCE_SEC) return deny("expired", "The token has expired.");
  if (p.nbf !== undefined && p.nbf > now + CLOCK_TOLERANCE_SEC) return deny("not_yet_valid", "The token is not valid yet (nbf is in the future).");
  return null;
}

type CheckedHeader = { ok: true; kid: string } | Denial;

function checkHeader(token: string, segment: string): CheckedHeader {
  if (!isCanonicalBase64url(segment)) return deny("malformed", NOT_CANONICAL);
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    return deny("malformed", "The token is not a valid signed JWT.");
  }
  if (header.alg !== TOKEN_ALG) return deny("bad_signature", "Only ES256 signatures are accepted.");
  if (FORBIDDEN_HEADER_PARAMS.some((p) => p in header)) return deny("malformed", "Keys or critical parameters in the token header are not accepted.");
  if (header.typ !== TOKEN_TYPE) return deny("malformed", `The token's type is not "${TOKEN_TYPE}".`);
  if (typeof header.kid !== "string" || !header.kid) return deny("malformed", "The token header names no key (kid).");
  return { ok: true, kid: header.kid };
}

// Every token signed with one key has the same header segment (alg, typ, kid), so its checks are
// remembered by that text: it decides the result alone. Bounded in entries (lib/caches.ts) and
// entry size, so tokens with made-up headers cannot grow it. Synchronous: get and set only.
const HEADER_CACHE_SEGMENT_MAX = 256;
const checkedHeaders = namedCache<string, CheckedHeader>("tokens.header-checks");

function checkHeaderCached(token: string): CheckedHeader {
  const end = token.indexOf(".");
  const segment = end === -1 ? token : token.slice(0, end);
  if (segment.length > HEADER_CACHE_SEGMENT_MAX) return checkHeader(token, segment);
  let checked = checkedHeaders.get(segment);
  if (!checked) {
    checked = checkHeader(token, segment);
    checkedHeaders.set(segment, checked);
  }
  return checked;
}

/**
 * Payload and signature spelled canonically (the header is checked with its cached checks). The
 * signature's length is exact, so its last character carries the 4 unused bits checked here.
 * High-S signatures are NOT refused: tokens issued before we signed low-S are high-S about half
 * the time. A twin (r, n − s) is the same token: everything that counts or revokes keys by jti.
 */
function canonicalBody(token: string): boolean {
  const first = token.indexOf(".");
  const second = token.indexOf(".", first + 1);
  if (first === -1 || second === -1 || token.indexOf(".", second + 1) !== -1) return false;
  const signature = token.slice(second + 1);
  return signature.length === ES256_SIGNATURE_LENGTH && isCanonicalBase64url(signature) && isCanonicalBase64url(token.slice(first + 1, second));
}

export async function verifyPlaybackToken(token: string, opts: VerifyOptions): Promise<Verified | Denial> {
  const header = checkHeaderCached(token);
  if (!header.ok) return header;
  if (!canonicalBody(token)) return deny("malformed", NOT_CANONICAL);

  const key = await opts.resolveKey(header.kid);
  if (!key) return deny("unknown_key", "The token was signed with a key we do not know.");
  if (key.status === "revoked") return deny("key_revoked", "The key that signed this token has been revoked.");

  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, key.publicKey, {
      algorithms: [TOKEN_ALG],
      issuer: issuerFor(opts.appUrl, key.orgId),
      audience: TOKEN_AUDIENCE,
      typ: TOKEN_TYPE,
      requiredClaims: ["exp", "iat", "jti"],
      maxTokenAge: "366d",
      clockTolerance: Math.min(opts.clockTolerance ?? CLOCK_TOLERANCE_SEC, 60),
      currentDate: opts.currentDate,
    }));
  } catch (error) {
    return fromJoseError(error);
  }
  if (payload.org !== key.orgId) return deny("wrong_issuer", "The token's organisation does not own the key that signed it.");
  if ((payload.exp as number) - (payload.iat as number) > MAX_LIFETIME_SEC) return deny("lifetime_too_long", "The token lives longer than 365 days.");
  if (typeof payload.jti !== "string" || !payload.jti) return deny("malformed", 'The token\'s "jti" claim is invalid.');
  if (!hasOneTarget(payload)) return deny("malformed", "The token must name exactly one of groupid, streams or orgawide.");
  return { ok: true, payload: payload as unknown as PlaybackClaims, kid: header.kid, orgId: key.orgId };
}
