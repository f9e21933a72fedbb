// Calling API route handlers in-process, the way Next does: a NextRequest and a params promise.
// Responses are checked against the same zod contract the OpenAPI document is generated from.
import { NextRequest } from "next/server";
import { expect } from "vitest";
import type { ApiContract } from "@/lib/api/contract";
import { errorBody } from "@/lib/api/contracts/common";

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

export interface CallOptions {
  headers?: Record<string, string>;
  body?: unknown;
  /** Raw body text (for malformed JSON / size tests); overrides `body`. */
  rawBody?: string;
  params?: Record<string, string>;
  query?: Record<string, string>;
}

export async function callRoute(handler: Handler, method: string, path: string, opts: CallOptions = {}) {
  const url = new URL(`http://127.0.0.1:3999${path}`);
  for (const [k, v] of Object.entries(opts.query ?? {})) url.searchParams.set(k, v);
  const hasBody = opts.rawBody !== undefined || opts.body !== undefined;
  const req = new NextRequest(url, {
    method,
    headers: { ...(hasBody ? { "content-type": "application/json" } : {}), ...opts.headers },
    body: hasBody ? (opts.rawBody ?? JSON.stringify(opts.body)) : undefined,
  });
  const res = await handler(req, { params: Promise.resolve(opts.params ?? {}) });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text;
  }
  return { status: res.status, json: json as never, headers: res.headers };
}

/** The success body matches the contract's response schema (and so the OpenAPI document). */
export function expectContract(contract: ApiContract, result: { status: number; json: unknown }) {
  expect(result.status, JSON.stringify(result.json)).toBe(contract.status ?? 200);
  const parsed = contract.response.safeParse(result.json);
  expect(parsed.success, parsed.success ? "" : JSON.stringify(parsed.error.issues)).toBe(true);
}

/** An error answer has the one error shape and the expected status and code. */
export function expectError(result: { status: number; json: unknown }, status: number, code?: string) {
  expect(result.status, JSON.stringify(result.json)).toBe(status);
  expect(errorBody.safeParse(result.json).success, JSON.stringify(result.json)).toBe(true);
  if (code) expect((result.json as { error: { code: string } }).error.code).toBe(code);
}

export const apiKey = (key: string) => ({ "x-api-key": key });
export const bintu = (token: string) => ({ "x-bintu-token": token });
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
