// A token's status, computed from its registry row (pure: pages and client components use it).
export type TokenStatus = "active" | "not_yet_valid" | "expired" | "revoked";

export function tokenStatus(row: { revokedAt: Date | null; expiresAt: Date; notBefore: Date | null }, now: Date = new Date()): TokenStatus {
  if (row.revokedAt) return "revoked";
  if (row.expiresAt.getTime() <= now.getTime()) return "expired";
  if (row.notBefore && row.notBefore.getTime() > now.getTime()) return "not_yet_valid";
  return "active";
}
