// Calling API route handlers in-process, the way Next does: a NextRequest and a params promise.
// Responses are checked against the same zod contract the OpenAPI document is generated from.
import { NextRequest } from "next/server";
import { expect } from "vitest";
import type { ApiContract } from "@/lib/api/contract";
import { errorBody } from "@/lib/api/contracts/common";
import { nanoErrorBody } from "@/lib/api/nanostream";

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

// nanoStream's splay family says Playgate's errors with its own numbers (lib/api/nanostream.ts),
// written out here rather than imported, so a sweep over every route checks that translation too.
const NANO_NUMBER: Record<string, number> = {
  unauthenticated: 1001,
  validation_failed: 1000,
  invalid_query: 1000,
  malformed_json: 1000,
  body_too_large: 1000,
  unsupported_media_type: 1000,
  forbidden: 9403,
  rate_limited: 9429,
  unavailable: 9503,
};

/** Is this answer in nanoStream's error envelope ({"success": false, "error": {"errorCode"}})? */
export const isNanoStreamError = (json: unknown) => nanoErrorBody.safeParse(json).success;

/**
 * An error answer has the one error shape and the expected status and code; on nanoStream's splay
 * family, its envelope with the number for that code (and 403 where Playgate says 401).
 */
export function expectError(result: { status: number; json: unknown }, status: number, code?: string) {
  if (isNanoStreamError(result.json)) {
    expect(result.status, JSON.stringify(result.json)).toBe(status === 401 ? 403 : status);
    if (code) expect((result.json as { error: { errorCode: number } }).error.errorCode, code).toBe(NANO_NUMBER[code] ?? 9000 + status);
    return;
  }
  expect(result.status, JSON.stringify(result.json)).toBe(status);
  expect(errorBody.safeParse(result.json).success, JSON.stringify(result.json)).toBe(true);
  if (code) expect((result.json as { error: { code: string } }).error.code).toBe(code);
}

export const apiKey = (key: string) => ({ "x-api-key": key });
export const bintu = (token: string) => ({ "x-bintu-token": token });
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
