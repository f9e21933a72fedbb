import "server-only";
// What every media server's hook shares: a capped body, the answer's headers (the reason always in
// X-Playgate-Reason), and a stream event recorded only for a stream of the hook's organisation.
import { lookupStream } from "@/lib/data/playback-authorize";
import { recordEdgeEvent } from "@/lib/data/ingest";
import type { StreamEvent } from "@/lib/data/streams";

/** A media server's callback is a few hundred bytes; more is not a media server. */
export const MAX_HOOK_BYTES = 16 * 1024;

/** An answer with the reason in X-Playgate-Reason and, for a refusal, as plain text. */
export function hookAnswer(status: number, reason: string, message?: string, body?: string): Response {
  const headers = new Headers({ "Cache-Control": "no-store", "X-Playgate-Reason": reason });
  if (body !== undefined) {
    headers.set("Content-Type", body.startsWith("{") ? "application/json" : "text/plain; charset=utf-8");
    return new Response(body, { status, headers });
  }
  if (status < 300) return new Response(null, { status, headers });
  headers.set("Content-Type", "text/plain; charset=utf-8");
  return new Response(`${reason}${message ? `: ${message}` : ""}\n`, { status, headers });
}

const TYPES = {
  form: { pattern: /^application\/x-www-form-urlencoded\b/i, name: "application/x-www-form-urlencoded" },
  json: { pattern: /^application\/json\b/i, name: "application/json" },
} as const;

/** The raw body of a media server's callback, or the answer that refuses it (415, 413). */
export async function readHookBody(req: Request, type: keyof typeof TYPES, server: string): Promise<string | Response> {
  const expected = TYPES[type];
  if (!expected.pattern.test(req.headers.get("content-type") ?? "")) return hookAnswer(415, "unsupported_media_type", `${server} posts ${expected.name}.`);
  if (Number(req.headers.get("content-length") ?? "0") > MAX_HOOK_BYTES) return hookAnswer(413, "body_too_large");
  const text = await req.text();
  if (Buffer.byteLength(text) > MAX_HOOK_BYTES) return hookAnswer(413, "body_too_large");
  return text;
}

/** A JSON object body, or 400. */
export function parseJsonObject(text: string): Record<string, unknown> | Response {
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // answered below
  }
  return hookAnswer(400, "malformed_body", "The body is not a JSON object.");
}

/** A string field of a callback's JSON, "" when absent or not a string. */
export function field(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : "";
}

/** The origin of a page URL a player reported, if it is one. */
export function originOf(pageUrl: string | null | undefined): string | undefined {
  if (!pageUrl) return undefined;
  try {
    return new URL(pageUrl).origin;
  } catch {
    return undefined;
  }
}

/** play / play_done for a stream name of the hook's organisation; another organisation's name is ignored. */
export async function recordPlayEvent(orgId: string, streamName: string, type: StreamEvent, via: string): Promise<void> {
  const stream = await lookupStream(streamName);
  if (stream && stream.orgId === orgId) await recordEdgeEvent(orgId, stream.streamId, type, via);
}
