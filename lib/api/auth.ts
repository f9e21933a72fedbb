import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { resolveMasterKey } from "@/lib/data/api-keys";
import { resolveSessionToken } from "@/lib/data/sessions";

/**
 * API credentials: the organisation's master key (`X-API-Key`, acts as admin) or a user's
 * session API token (`X-BINTU-TOKEN` as in nanoStream, or `Authorization: Bearer`; acts as that
 * user). Cookies are never accepted here, so the API cannot be driven cross-site (no CSRF).
 * `bintuApiKey`: the master key may come as nanoStream's `X-BINTU-APIKEY` too (the splay family only).
 */
export async function authenticateApiRequest(headers: Headers, opts: { bintuApiKey?: boolean } = {}): Promise<{ actor: Actor; limitKey: string } | null> {
  const apiKey = (headers.get("x-api-key") || (opts.bintuApiKey ? headers.get("x-bintu-apikey") : null))?.trim();
  if (apiKey) {
    const key = await resolveMasterKey(apiKey);
    if (!key) return null;
    return {
      actor: { kind: "api_key", orgId: key.orgId, role: "admin", userId: null, email: `API key ${key.maskedKey}`, label: key.maskedKey },
      limitKey: `api:key:${key.id}`,
    };
  }
  const bearer = headers.get("authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1];
  const sessionToken = headers.get("x-bintu-token")?.trim() || bearer;
  if (sessionToken) {
    const user = await resolveSessionToken(sessionToken, { touch: true });
    if (!user) return null;
    return {
      actor: { kind: "session_token", orgId: user.orgId, role: user.role, userId: user.id, email: user.email, label: user.tokenLabel },
      limitKey: `api:session:${user.sessionId}`,
    };
  }
  return null;
}
