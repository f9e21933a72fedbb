// One delivery attempt: POST the signed body, never follow redirects (a 3xx is a failure), time
// out after the configured limit, and let a new socket connect only to an address the SSRF guard
// checked for this send (one DNS answer, no pooled socket from an earlier send).
import http from "node:http";
import https from "node:https";
import { checkedLookup, parseWebhookUrl, type Resolver } from "./ssrf";
import { signedHeaders } from "./sign";

export interface AttemptResult {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  latencyMs: number;
}

export interface DeliverInput {
  url: string;
  messageId: string;
  body: string;
  secret: string;
  timeoutMs: number;
  allowInsecure: boolean;
  /** application/json unless said (the blocking webhook posts nanoStream's form). */
  contentType?: string;
  resolver?: Resolver;
}

export async function deliverOnce(input: DeliverInput): Promise<AttemptResult> {
  const started = Date.now();
  const done = (statusCode: number | null, error: string | null): AttemptResult => ({
    ok: statusCode !== null && statusCode >= 200 && statusCode < 300,
    statusCode,
    error,
    latencyMs: Date.now() - started,
  });
  const parsed = parseWebhookUrl(input.url, input.allowInsecure);
  if (!parsed.ok) return done(null, `Refused: ${parsed.reason}`);
  const { url } = parsed;
  const client = url.protocol === "https:" ? https : http;
  return new Promise<AttemptResult>((resolve) => {
    const req = client.request(
      url,
      {
        method: "POST",
        headers: {
          "content-type": input.contentType ?? "application/json",
          "user-agent": "Playgate-Webhooks/1",
          ...signedHeaders(input.secret, input.messageId, input.body),
        },
        lookup: checkedLookup(input.allowInsecure, input.resolver) as never,
        // A fresh socket per send: a pooled keep-alive socket would skip this send's DNS check.
        agent: false,
      },
      (res) => {
        res.resume();
        const status = res.statusCode ?? 0;
        const error = status >= 300 && status < 400 ? "Redirects are not followed." : status >= 300 ? `HTTP ${status}` : null;
        res.on("end", () => resolve(done(status, error)));
        res.on("error", () => resolve(done(status, error)));
      },
    );
    // A whole-request deadline (the socket's own timeout only measures idle time).
    const timer = setTimeout(() => req.destroy(Object.assign(new Error(`Timed out after ${input.timeoutMs} ms`), { code: "ETIMEDOUT" })), input.timeoutMs);
    req.on("close", () => clearTimeout(timer));
    req.on("error", (err: NodeJS.ErrnoException) => resolve(done(null, err.code === "ESSRF" ? err.message : `${err.code ?? "error"}: ${err.message}`.slice(0, 300))));
    req.end(input.body);
  });
}
