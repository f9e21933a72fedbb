// A webhook URL as a role that does not manage the webhook may see it: scheme and host only. A
// receiver's path or query often is its secret (https://hooks.example.com/T0/B1/xyz, ?token=…), and
// user:password@ certainly is. No "server-only": the rule is plain text handling, tested on its own.

/** `https://hooks.example.com/…` for any path, query or fragment; "" stays "" ("Not set"). */
export function maskWebhookUrl(url: string): string {
  if (!url) return "";
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}/…`;
  } catch {
    return "…";
  }
}
