// The reference's curl examples: the contract's example body, shell-quoted, with the master key.
import { splitName, type ApiContract } from "@/lib/api/contract";

/** POSIX single quotes, a ' inside as '\'': the body pastes into a shell as it is. */
export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`;
}

export function curlExample(c: ApiContract, baseUrl: string): string {
  const { method, path } = splitName(c.name);
  const header = c.dialect === "nanostream" ? "X-BINTU-APIKEY" : "X-API-Key";
  const auth = c.permission === "public" ? "" : ` \\\n  -H "${header}: $PLAYGATE_API_KEY"`;
  const body = c.body ? ` \\\n  -H "Content-Type: application/json" \\\n  -d ${shellQuote(JSON.stringify(c.example ?? {}))}` : "";
  return `curl -X ${method} ${baseUrl}${path}${auth}${body}`;
}
