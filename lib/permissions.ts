// The one permission table. Pages, server actions, API routes and the proxy all ask it.
// Unknown roles and unknown permissions are denied. No Prisma or server-only imports here:
// the proxy and client components read it too.

export const ROLES = ["admin", "user", "readonly"] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  "stream:read",
  "stream:write",
  "stream:delete",
  "token:read",
  "token:create",
  "token:revoke",
  "signingKey:manage",
  "org:read",
  "playerKey:rotate",
  "apiKey:manage",
  "webhook:read",
  "webhook:manage",
  /** The delivery log: receivers' URLs in full and their error messages. Admins only. */
  "webhookDelivery:read",
  /** Media servers' shared secrets (OvenMediaEngine's AdmissionWebhooks key). Admins only. */
  "mediaServer:manage",
  "vod:manage",
  /** The lines above which a token is flagged as misused (lib/data/misuse.ts). Admins only. */
  "misuse:manage",
  "user:list",
  "user:manage",
  "invitation:manage",
  "audit:read",
  "self:manage",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READONLY: readonly Permission[] = ["stream:read", "token:read", "org:read", "webhook:read", "self:manage"];
const USER: readonly Permission[] = [...READONLY, "stream:write", "token:create", "token:revoke", "user:list"];

export const ROLE_PERMISSIONS: Readonly<Record<Role, ReadonlySet<Permission>>> = {
  admin: new Set(PERMISSIONS),
  user: new Set(USER),
  readonly: new Set(READONLY),
};

/** Rank for "an invitation may not grant more than the inviter's own role". */
export const ROLE_RANK: Readonly<Record<Role, number>> = { admin: 3, user: 2, readonly: 1 };

export const ROLE_LABELS: Readonly<Record<Role, string>> = { admin: "Admin", user: "User", readonly: "Read-only" };

export const ROLE_SUMMARIES: Readonly<Record<Role, string>> = {
  admin: "Everything: users and invitations, master API key, webhook, VOD visibility, signing keys, deleting streams.",
  user: "Create and edit streams, create and revoke playback tokens, list users, see the player key.",
  readonly: "Read streams, the token registry and the organisation overview. Cannot list users.",
};

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export function can(role: unknown, permission: Permission): boolean {
  if (!isRole(role)) return false;
  return ROLE_PERMISSIONS[role].has(permission);
}

export class PermissionError extends Error {
  constructor(readonly permission: Permission) {
    super(`Not permitted: ${permission}`);
    this.name = "PermissionError";
  }
}

export function assertCan(role: unknown, permission: Permission): void {
  if (!can(role, permission)) throw new PermissionError(permission);
}

/**
 * Routes that need no session, on purpose. Anything not listed here must check a session and a
 * permission itself. Patterns: exact path, or a prefix ending in "/*", or "[param]" segments.
 */
export const PUBLIC_ROUTES = [
  "/login",
  "/signup",
  "/api/auth/*",
  "/invite/[token]",
  "/reset-password/[token]",
  "/api/health",
  "/.well-known/jwks.json",
  "/api/v1/organisations/[orgId]/jwks.json",
  "/api/v1/organisations/[orgId]/revocations",
  "/api/v1/playback/authorize",
  "/api/v1/playback/check/*",
  "/api/v1/organisations/[orgId]/hooks/nginx-rtmp",
  "/api/v1/organisations/[orgId]/hooks/srs",
  "/api/v1/organisations/[orgId]/hooks/mediamtx",
  "/api/v1/organisations/[orgId]/hooks/ome",
  "/api/v1/organisations/[orgId]/vod",
  "/api/v1/openapi.json",
  "/docs/api",
] as const;

function matches(pattern: string, path: string): boolean {
  if (pattern.endsWith("/*")) {
    const base = pattern.slice(0, -2);
    return path === base || path.startsWith(base + "/");
  }
  const a = pattern.split("/");
  const b = path.split("/");
  if (a.length !== b.length) return false;
  return a.every((seg, i) => (seg.startsWith("[") && seg.endsWith("]") ? b[i].length > 0 : seg === b[i]));
}

export function isPublicPath(path: string): boolean {
  return PUBLIC_ROUTES.some((pattern) => matches(pattern, path));
}

/**
 * The permission a dashboard page needs, decided from the path alone (the proxy uses it without
 * a database call; pages check again themselves).
 */
export const PAGE_PERMISSIONS: ReadonlyArray<readonly [string, Permission]> = [
  ["/organisation/users", "user:list"],
  ["/organisation/audit", "audit:read"],
  ["/organisation/overview/deliveries", "webhookDelivery:read"],
  ["/organisation", "org:read"],
  ["/account", "self:manage"],
  ["/secure/token", "token:read"],
  ["/streams", "stream:read"],
  ["/playout", "stream:read"],
];

export function pagePermission(path: string): Permission | null {
  for (const [prefix, permission] of PAGE_PERMISSIONS) {
    if (path === prefix || path.startsWith(prefix + "/")) return permission;
  }
  return null;
}
