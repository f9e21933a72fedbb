// How tokens are put into words and snippets, shared by the token pages and the inline dialog.
// Pure functions: server pages and client components print them the same way.
import { formatUtc } from "@/lib/datetime";

/** The registry section's id on /secure/token: links to a filtered list, paging and filtering land on it, below the create form. */
export const REGISTRY_ANCHOR = "issued-tokens";

/** The registry filtered by one parameter (tag, group), scrolled to the list. */
export const registryHref = (filter: "tag" | "group", value: string) => `/secure/token?${filter}=${encodeURIComponent(value)}#${REGISTRY_ANCHOR}`;

/** "1 token", "23 tokens". */
export const tokenCount = (n: number) => `${n} token${n === 1 ? "" : "s"}`;

/** What a revoke marks: not revoked yet (expired ones included), so not "active". */
export const notRevokedYet = (n: number) => `that ${n === 1 ? "is" : "are"} not revoked yet`;

/** The object the seed says to paste into the player's `group` or `entries` config. */
export function securitySnippet(token: string): string {
  return `security: {\n  jwtoken: "${token}"\n}`;
}

/** `groupName`: the stream group's name when it is known (undefined: not looked up; null: the stream is gone). */
export type TargetLike = { targetType: string; groupId?: string | null; groupName?: string | null; streamNames?: string[] | string | null };

function names(value: TargetLike["streamNames"]): string[] {
  if (Array.isArray(value)) return value;
  if (typeof value === "string") {
    try {
      const parsed: unknown = JSON.parse(value);
      return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === "string") : [];
    } catch {
      return [];
    }
  }
  return [];
}

export function targetStreamNames(token: TargetLike): string[] {
  return names(token.streamNames);
}

/** "Stream Main Stage (grp_…)", "Streams a, b", "Whole organisation"; "Stream group grp_…" when its name is not known. */
export function describeTarget(token: TargetLike): string {
  if (token.targetType === "group") {
    if (token.groupName) return `Stream ${token.groupName} (${token.groupId})`;
    if (token.groupName === null) return `Deleted stream (${token.groupId})`;
    return `Stream group ${token.groupId ?? ""}`.trim();
  }
  if (token.targetType === "streams") {
    const list = names(token.streamNames);
    return list.length > 3 ? `${list.length} streams: ${list.slice(0, 3).join(", ")}…` : `Streams ${list.join(", ")}`;
  }
  return "Whole organisation";
}

/**
 * A token named by what the registry shows: "2026-11-22 18:27 UTC (tag keynote)" — when it was
 * issued, then its tag and UserID, or its target when it has neither. Never by its jti alone:
 * the registry does not show it, so nobody could match it to a row.
 */
export function tokenName(token: TargetLike & { issuedAt: Date | string; tag?: string | null; userClaim?: string | null }): string {
  const labels = tokenLabels(token);
  return `${formatUtc(token.issuedAt)} (${labels.length ? labels.join(", ") : describeTarget(token)})`;
}

/** A token's tag and UserID as shown beside it: ["tag keynote", "UserID viewer-1"] (either may be missing). */
export function tokenLabels(token: { tag?: string | null; userClaim?: string | null }): string[] {
  return [token.tag ? `tag ${token.tag}` : null, token.userClaim ? `UserID ${token.userClaim}` : null].filter((l): l is string => l !== null);
}

export const STATUS_LABELS: Record<string, string> = {
  active: "Active",
  not_yet_valid: "Not yet valid",
  expired: "Expired",
  revoked: "Revoked",
};

/** The form's date-time text ("2026-12-06 14:05", 24-hour) for an instant, in UTC (how the form reads it). */
export function toUtcInputValue(date: Date): string {
  return date.toISOString().slice(0, 16).replace("T", " ");
}

/** The form's default expiry: now + the default lifetime, as UTC date-time text. */
export function defaultExpiryInputValue(lifetimeDays: number): string {
  return toUtcInputValue(new Date(Date.now() + lifetimeDays * 86_400_000));
}

/** How a token came to be revoked, as the end of "It was revoked <when>…" ("" for one token revoked on its own). */
export function revokedHow(reason: string | null | undefined): string {
  switch (reason) {
    case "revoked_by_tag":
      return " with every token of its tag";
    case "revoked_by_user":
      return " with every token of its UserID";
    case "key_revoked":
      return " because the key that signed it was revoked";
    default:
      return "";
  }
}
