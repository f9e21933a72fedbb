// The reference's curl examples: the contract's example body, shell-quoted, and the credential
// header the route really accepts.
import { splitName, type ApiContract } from "@/lib/api/contract";

// An invitation names the admin who created it, so the master key is answered 422 needs_user
// (lib/data/invitations.ts): these examples send a session API token instead.
export const NEEDS_SESSION_TOKEN: ReadonlySet<string> = new Set(["POST /api/v1/invitations"]);

/** POSIX single quotes, a ' inside as '\'': the body pastes into a shell as it is. */
export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`;
}

export function curlExample(c: ApiContract, baseUrl: string): string {
  const { method, path } = splitName(c.name);
  const credential = NEEDS_SESSION_TOKEN.has(c.name) ? "X-BINTU-TOKEN: $PLAYGATE_SESSION_TOKEN" : "X-API-Key: $PLAYGATE_API_KEY";
  const auth = c.permission === "public" ? "" : ` \\\n  -H "${credential}"`;
  const body = c.body ? ` \\\n  -H "Content-Type: application/json" \\\n  -d ${shellQuote(JSON.stringify(c.example ?? {}))}` : "";
  return `curl -X ${method} ${baseUrl}${path}${auth}${body}`;
}
