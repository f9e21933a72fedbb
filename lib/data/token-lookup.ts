import "server-only";
// A token's text → what it is to the organisation asking: for nanoStream's splay verify and
// revoke (app/api/v1/splay). Another organisation's token and a token no one issued are the same
// answer, "not_ours" (SECURITY.md row 3): the key is looked up only among the caller's own.
import { decodeJwt } from "jose";
import { db } from "@/lib/db";
import { getConfig } from "@/lib/config";
import { resolveVerificationKey } from "@/lib/data/signing-keys";
import type { PlaybackClaims } from "@/lib/tokens/claims";
import { verifyPlaybackToken, type DenyReason } from "@/lib/tokens/verify";

export type TokenVerdict =
  | { ok: true; claims: PlaybackClaims }
  | { ok: false; reason: "malformed" | "not_ours" | "expired" | "not_yet_valid" | "revoked"; message: string };

const VERDICT_OF: Partial<Record<DenyReason, "malformed" | "expired" | "not_yet_valid" | "revoked">> = {
  malformed: "malformed",
  expired: "expired",
  lifetime_too_long: "expired",
  not_yet_valid: "not_yet_valid",
  key_revoked: "revoked",
};

/** Is `token` one of `orgId`'s, signed, in its registry, unrevoked and within its times? */
export async function verifyOrgToken(orgId: string, token: string): Promise<TokenVerdict> {
  const resolveKey = async (kid: string) => {
    const key = await resolveVerificationKey(kid);
    return key && key.orgId === orgId ? key : null;
  };
  const verified = await verifyPlaybackToken(token, { appUrl: getConfig().appUrl, resolveKey });
  if (!verified.ok) {
    const reason = VERDICT_OF[verified.reason] ?? "not_ours";
    return { ok: false, reason, message: reason === "not_ours" ? NOT_OURS : verified.message };
  }
  const row = await db.playbackToken.findUnique({ where: { jti: verified.payload.jti }, select: { orgId: true, kid: true, revokedAt: true } });
  if (!row || row.orgId !== orgId || row.kid !== verified.kid) return { ok: false, reason: "not_ours", message: NOT_OURS };
  if (row.revokedAt) return { ok: false, reason: "revoked", message: "This token has been revoked." };
  return { ok: true, claims: verified.payload };
}

const NOT_OURS = "This token was not issued by your organisation.";

/**
 * The registry id of `token` if `orgId` issued exactly this text; "malformed" when it is not a
 * JWT with a jti. No signature check is needed: the text must equal the one stored at issue.
 */
export async function ownTokenId(orgId: string, token: string): Promise<string | "malformed" | null> {
  let jti: unknown;
  try {
    jti = decodeJwt(token).jti;
  } catch {
    return "malformed";
  }
  if (typeof jti !== "string" || !jti) return "malformed";
  const row = await db.playbackToken.findFirst({ where: { jti, orgId }, select: { id: true, token: true } });
  return row && row.token === token ? row.id : null;
}
