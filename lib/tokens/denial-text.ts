// "Test this token" in words: a sentence for each reason the authorize endpoint refuses, naming
// the token's own settings and what was tested. The endpoint's `message` is written for whoever
// integrates an edge ("send the viewer's ip"); this is for the person at the form. Pure: no server
// imports, so it can run on either side.
import type { DenyReason } from "@/lib/tokens/verify";
import { originHost } from "@/lib/tokens/claims";
import { formatUtc } from "@/lib/datetime";
import { revokedHow, targetStreamNames, type TargetLike } from "@/lib/tokens/token-text";

/** What the registry knows about the token; all optional, as a pasted token has no row. */
export type DeniedToken = Partial<TargetLike> & {
  ip?: string | null;
  domain?: string | null;
  notBefore?: Date | null;
  expiresAt?: Date | null;
  revokedAt?: Date | null;
  revokedReason?: string | null;
};

/** What was tested: the form's fields. */
export type TestedRequest = { stream: string; ip?: string; origin?: string };

function streamSentence(token: DeniedToken, stream: string): string {
  if (token.targetType === "org") return `"${stream}" belongs to another organisation; this token only plays your organisation's streams.`;
  if (token.targetType === "group") return `This token only plays the streams of stream group ${token.groupId}; "${stream}" is not one of them.`;
  const names = token.targetType === "streams" ? targetStreamNames(token as TargetLike) : [];
  if (!names.length) return `This token does not allow the stream "${stream}".`;
  const shown = names.length > 3 ? `${names.slice(0, 3).join(", ")} and ${names.length - 3} more` : names.join(", ");
  return `This token only plays the stream${names.length === 1 ? "" : "s"} ${shown}; "${stream}" is not one of them.`;
}

function ipSentence(reason: "ip_required" | "ip_not_allowed", claim: string | null | undefined, ip: string | undefined): string {
  const only = claim ? `This token only plays from ${claim}` : "This token only plays from certain IP addresses";
  if (reason === "ip_required" || !ip) return `${only}, and no client IP was given: enter the viewer's IP address to test it.`;
  if (!claim) return `${only}; ${ip} is not one of them.`;
  return claim.includes("/") ? `${only}; ${ip} is outside it.` : `${only}; ${ip} is a different address.`;
}

function domainSentence(reason: "domain_required" | "domain_not_allowed", claim: string | null | undefined, origin: string | undefined): string {
  const wildcard = claim?.startsWith("*.") ? claim.slice(2) : null;
  const only = !claim ? "This token only plays on certain web sites" : wildcard ? `This token only plays on pages on any subdomain of ${wildcard}` : `This token only plays on pages at ${claim}`;
  if (reason === "domain_required" || !origin) return `${only}, and no origin was given: enter the origin of the page the player is on.`;
  const host = originHost(origin) ?? origin;
  return `${only}, not at ${host}${host === wildcard ? " itself" : ""}.`;
}

/** Why a player would be refused, as a sentence (without the "Denied:" the result's title says). */
export function denialSentence(reason: DenyReason, token: DeniedToken, request: TestedRequest): string {
  switch (reason) {
    case "expired":
      return token.expiresAt ? `This token expired ${formatUtc(token.expiresAt)}.` : "This token has expired.";
    case "not_yet_valid":
      return token.notBefore ? `This token is not valid until ${formatUtc(token.notBefore)}.` : "This token is not valid yet.";
    case "revoked":
      if (!token.revokedAt) return "This token has been revoked, or it is not in this organisation's registry.";
      return `This token was revoked ${formatUtc(token.revokedAt)}${revokedHow(token.revokedReason)}.`;
    case "key_revoked":
      return "The signing key of this token has been revoked, so every token it signed is refused.";
    case "unknown_key":
      return "This token was signed with a key this organisation does not have.";
    case "bad_signature":
      return "The token's signature does not match its signing key: it was changed after signing, or signed elsewhere.";
    case "malformed":
      return "This is not a valid playback token: it could not be read as a signed token with Playgate's settings.";
    case "wrong_audience":
      return "This token was issued for another service, not for Playgate playback.";
    case "wrong_issuer":
      return "This token names a different organisation from the one whose key signed it.";
    case "lifetime_too_long":
      return "This token was issued too long ago: a token may live at most 365 days.";
    case "unknown_stream":
      return `There is no stream named "${request.stream}". A stream created in the last few seconds may not be known yet.`;
    case "stream_not_allowed":
      return streamSentence(token, request.stream);
    case "ip_required":
    case "ip_not_allowed":
      return ipSentence(reason, token.ip, request.ip);
    case "domain_required":
    case "domain_not_allowed":
      return domainSentence(reason, token.domain, request.origin);
  }
}
