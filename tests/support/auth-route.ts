// Driving the real next-auth route handler (app/api/auth/[...nextauth]/route.ts) in-process, as a
// browser or a script would: a CSRF token and its cookie first, then a form or JSON body to
// /api/auth/callback/credentials. next-auth reads the request's headers and cookies through
// `next/headers`; a test file mocks that module with `nextHeadersModule()` from
// request-context.ts, which answers from the request being handled.
import { NextRequest } from "next/server";
import { GET, POST } from "@/app/api/auth/[...nextauth]/route";
import { getConfig } from "@/lib/config";
import { asRequest } from "@/tests/support/request-context";
import { PEER_HEADER, PEER_NONCE_ENV, peerHeaderValue } from "@/lib/auth/request-info";

/** Headers of a client at `address`, vouched for as server.ts would (the nonce is this process's). */
export function fromAddress(address: string): Record<string, string> {
  process.env[PEER_NONCE_ENV] ??= "test-peer-nonce";
  return { [PEER_HEADER]: peerHeaderValue(address) };
}

async function call(method: "GET" | "POST", path: string, headers: Headers, body?: string) {
  const nextauth = path.split("/");
  const req = new NextRequest(`${getConfig().appUrl}/api/auth/${path}`, { method, headers, body });
  const handler = method === "GET" ? GET : POST;
  return asRequest(headers, () => handler(req, { params: Promise.resolve({ nextauth }) }));
}

/** A CSRF token and the cookie it belongs to (reusable for any number of sign-ins). */
export async function csrf(): Promise<{ token: string; cookie: string }> {
  const res = await call("GET", "csrf", new Headers());
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const cookie = res.headers.getSetCookie().map((c: string) => c.split(";")[0]).join("; ");
  return { token: csrfToken, cookie };
}

export interface SignInAnswer {
  status: number;
  retryAfter: string | null;
  /** next-auth's JSON answer (`json: "true"`), or ours when refused. */
  body: { url?: string; error?: string };
  /** True when a session cookie was set: the caller is signed in. */
  signedIn: boolean;
}

/**
 * POST /api/auth/callback/credentials. `fields` become a form body (pairs, so a field can repeat)
 * or, with `json`, a JSON body; the CSRF token and `json: "true"` (what next-auth's client sends)
 * are added.
 */
export async function postCredentials(
  token: { token: string; cookie: string },
  fields: Array<[string, string]> | Record<string, unknown>,
  opts: { json?: boolean; headers?: Record<string, string> } = {},
): Promise<SignInAnswer> {
  const headers = new Headers({ cookie: token.cookie, ...opts.headers });
  let body: string;
  if (opts.json) {
    headers.set("content-type", "application/json");
    body = JSON.stringify({ ...(Array.isArray(fields) ? Object.fromEntries(fields) : fields), csrfToken: token.token, json: "true" });
  } else {
    headers.set("content-type", "application/x-www-form-urlencoded");
    const pairs = Array.isArray(fields) ? fields : Object.entries(fields).map(([k, v]) => [k, String(v)]);
    body = new URLSearchParams([...pairs, ["csrfToken", token.token], ["json", "true"]]).toString();
  }
  const res = await call("POST", "callback/credentials", headers, body);
  const text = await res.text();
  return {
    status: res.status,
    retryAfter: res.headers.get("retry-after"),
    body: text ? JSON.parse(text) : {},
    signedIn: res.headers.getSetCookie().some((c: string) => /next-auth\.session-token=[^;]+/.test(c)),
  };
}
