import "server-only";
// nginx-rtmp's notify callbacks (on_play, on_play_done, on_publish, on_publish_done, on_update), as
// ngx_rtmp_notify_module sends them: a form-encoded POST of its own fields (call, app, name, addr,
// clientid, tcurl, pageurl, …) followed by the query of the play or publish URL as it came, so a
// viewer's `token` and an encoder's `key` arrive as plain fields. The first `name` is nginx-rtmp's
// own; one in the URL's query comes later and is ignored. 2xx allows, anything else refuses.
import { checkPlayback } from "@/lib/data/playback-check";
import { lookupStream } from "@/lib/data/playback-authorize";
import { authorizePublish, recordEdgeEvent } from "@/lib/data/ingest";
import type { StreamEvent } from "@/lib/data/streams";

/** nginx-rtmp's fields and a URL's query: far less than this; more is not nginx-rtmp. */
export const MAX_NOTIFY_BYTES = 16 * 1024;

const VIA = "nginx-rtmp";

function answer(status: number, reason: string, message?: string): Response {
  const headers = new Headers({ "Cache-Control": "no-store", "X-Playgate-Reason": reason });
  if (status < 300) return new Response(null, { status, headers });
  headers.set("Content-Type", "text/plain; charset=utf-8");
  return new Response(`${reason}${message ? `: ${message}` : ""}\n`, { status, headers });
}

/** The form body, or the answer that refuses it (415 not a form, 413 too large). */
export async function readNotifyForm(req: Request): Promise<URLSearchParams | Response> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/x-www-form-urlencoded\b/i.test(type)) return answer(415, "unsupported_media_type", "nginx-rtmp posts application/x-www-form-urlencoded (notify_method post).");
  if (Number(req.headers.get("content-length") ?? "0") > MAX_NOTIFY_BYTES) return answer(413, "body_too_large");
  const text = await req.text();
  if (Buffer.byteLength(text) > MAX_NOTIFY_BYTES) return answer(413, "body_too_large");
  return new URLSearchParams(text);
}

function origin(pageUrl: string | null): string | undefined {
  if (!pageUrl) return undefined;
  try {
    return new URL(pageUrl).origin;
  } catch {
    return undefined;
  }
}

async function event(orgId: string, streamName: string, type: StreamEvent): Promise<void> {
  const stream = await lookupStream(streamName);
  if (stream && stream.orgId === orgId) await recordEdgeEvent(orgId, stream.streamId, type, VIA);
}

/** One notify callback for the organisation in the hook's URL. */
export async function handleNginxRtmp(orgId: string, form: URLSearchParams): Promise<Response> {
  const call = form.get("call") ?? "";
  const name = form.get("name") ?? "";
  switch (call) {
    case "play":
    case "update_play": {
      const decision = await checkPlayback({ token: form.get("token") || null, uri: `/${form.get("app") ?? ""}/${name}`, stream: name || null, ip: form.get("addr") || undefined, origin: origin(form.get("pageurl")) }, { orgId });
      if (!decision.allowed) return answer(decision.status, decision.reason, decision.message);
      if (call === "play") await event(orgId, name, "play");
      return answer(204, decision.open ? "token_not_required" : "allowed");
    }
    case "play_done":
      await event(orgId, name, "play_done");
      return answer(204, "recorded");
    case "publish":
    case "update_publish":
    case "publish_done": {
      // publish_done carries the publish URL's query too: only the key's holder ends a stream.
      const decision = await authorizePublish(orgId, name, form.get("key") || null);
      if (!decision.allowed) return answer(403, decision.reason, decision.message);
      if (call !== "update_publish") await recordEdgeEvent(orgId, decision.streamId, call === "publish" ? "publish" : "publish_done", VIA);
      return answer(204, "allowed");
    }
    case "connect":
    case "disconnect":
    case "done":
    case "record_done":
      return answer(204, "ignored");
    default:
      return answer(400, "unknown_call", "call must be one of nginx-rtmp's notify calls (play, publish, update_play, …).");
  }
}
