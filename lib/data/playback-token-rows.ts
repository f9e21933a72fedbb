import "server-only";
import { tokenStatus, type TokenStatus } from "@/lib/tokens/status";

export { tokenStatus, type TokenStatus };

/** Registry columns for lists: everything but the token itself. */
export const rowSelect = {
  id: true,
  jti: true,
  kid: true,
  targetType: true,
  groupId: true,
  streamNames: true,
  issuedAt: true,
  notBefore: true,
  expiresAt: true,
  ip: true,
  domain: true,
  userClaim: true,
  tag: true,
  ref: true,
  revokedAt: true,
  revokedReason: true,
  createdById: true,
  createdByEmail: true,
  createdVia: true,
  createdAt: true,
} as const;

type RawRow = {
  id: string;
  jti: string;
  kid: string;
  targetType: string;
  groupId: string | null;
  streamNames: string | null;
  issuedAt: Date;
  notBefore: Date | null;
  expiresAt: Date;
  ip: string | null;
  domain: string | null;
  userClaim: string | null;
  tag: string | null;
  ref: string | null;
  revokedAt: Date | null;
  revokedReason: string | null;
  createdById: string | null;
  createdByEmail: string;
  createdVia: string;
  createdAt: Date;
};

export interface TokenRow {
  id: string;
  jti: string;
  kid: string;
  status: TokenStatus;
  target: "group" | "streams" | "org";
  /** Same as `target`, under the registry column's name. */
  targetType: "group" | "streams" | "org";
  groupId: string | null;
  streamNames: string[];
  issuedAt: Date;
  notBefore: Date | null;
  expiresAt: Date;
  ip: string | null;
  domain: string | null;
  user: string | null;
  /** Same as `user`, under the registry column's name. */
  userClaim: string | null;
  tag: string | null;
  /** The short reference online checks accept in place of the token (null only for rows made before it existed). */
  ref: string | null;
  revokedAt: Date | null;
  /** "revoked" (one token), "revoked_by_tag", "revoked_by_user" or "key_revoked". */
  revokedReason: string | null;
  createdByEmail: string;
  /** The creator's account was deleted (the email is a snapshot). API-key/system creators have no account. */
  createdByDeleted: boolean;
  createdVia: "ui" | "api";
  createdAt: Date;
}

function parseNames(stored: string | null): string[] {
  if (!stored) return [];
  try {
    const list: unknown = JSON.parse(stored);
    return Array.isArray(list) ? list.filter((n): n is string => typeof n === "string") : [];
  } catch {
    return [];
  }
}

export function toTokenRow(row: RawRow, now: Date): TokenRow {
  const target = row.targetType === "group" || row.targetType === "streams" ? row.targetType : "org";
  return {
    id: row.id,
    jti: row.jti,
    kid: row.kid,
    status: tokenStatus(row, now),
    target,
    targetType: target,
    groupId: row.groupId,
    streamNames: parseNames(row.streamNames),
    issuedAt: row.issuedAt,
    notBefore: row.notBefore,
    expiresAt: row.expiresAt,
    ip: row.ip,
    domain: row.domain,
    user: row.userClaim,
    userClaim: row.userClaim,
    tag: row.tag,
    ref: row.ref,
    revokedAt: row.revokedAt,
    revokedReason: row.revokedReason,
    createdByEmail: row.createdByEmail,
    // Users are snapshotted by email ("@"); API keys and the system are not accounts.
    createdByDeleted: row.createdById === null && row.createdByEmail.includes("@"),
    createdVia: row.createdVia === "api" ? "api" : "ui",
    createdAt: row.createdAt,
  };
}
