import "server-only";
// MediaMTX's `authMethod: http`: a JSON POST {user, password, token, ip, action, path, protocol,
// id, query} for every read, publish, playback, api, metrics and pprof request; a 2xx answer
// allows, anything else refuses, and a 401 makes RTSP clients send the credentials they hold.
// `read` is checked as playback (token from the token field, the URL's `token` query or the
// password), `publish` as ingest (the rendition's key from the URL's `key` query or the
// password); every other action is refused. MediaMTX reports no end of a read or a publish here,
// so this hook records no stream events. A publish, and a read over a session protocol (RTSP, RTMP,
// SRT), that Playgate allowed go to the organisation's blocking webhook too; HLS and WebRTC reads
// are not sent there, as MediaMTX asks about those per HTTP request (lib/data/blocking-webhook.ts).
import { checkPlayback } from "@/lib/data/playback-check";
import { authorizePublish } from "@/lib/data/ingest";
import { consultBlockingWebhook, type StartEvent } from "@/lib/data/blocking-webhook";
import { field, hookAnswer, parseJsonObject, readHookBody } from "@/lib/edge/hooks/common";

/** The stream name in a MediaMTX path: its last segment ("live/abc" → "abc"). */
function streamOf(path: string): string {
  return path.split("/").filter(Boolean).pop() ?? "";
}

/** Protocols MediaMTX authenticates per HTTP request, not once per session. */
const PER_REQUEST = new Set(["hls", "webrtc"]);

/** MediaMTX's fields under nanoStream's webhook names: app is the path before the stream name. */
function startEvent(call: StartEvent["call"], body: Record<string, unknown>, stream: string, query: URLSearchParams): StartEvent {
  const path = field(body, "path");
  return { call, name: stream, app: path.slice(0, Math.max(0, path.length - stream.length - 1)), addr: field(body, "ip"), clientid: field(body, "id"), query };
}

/** One authentication request for the organisation in the hook's URL. */
export async function handleMediamtx(orgId: string, req: Request): Promise<Response> {
  const text = await readHookBody(req, "json", "MediaMTX (authMethod: http)");
  if (typeof text !== "string") return text;
  const body = parseJsonObject(text);
  if (body instanceof Response) return body;
  const action = field(body, "action");
  const path = field(body, "path");
  const stream = streamOf(path);
  const query = new URLSearchParams(field(body, "query"));
  const password = field(body, "password");
  switch (action) {
    case "read": {
      const token = field(body, "token") || query.get("token") || password || null;
      const decision = await checkPlayback({ token, uri: `/${path}`, stream: stream || null, ip: field(body, "ip") || undefined }, { orgId });
      if (!decision.allowed) return hookAnswer(decision.status, decision.reason, decision.message);
      if (!PER_REQUEST.has(field(body, "protocol"))) {
        const veto = await consultBlockingWebhook(orgId, startEvent("play", body, stream, query));
        if (!veto.allowed) return hookAnswer(403, veto.reason, veto.message);
      }
      return hookAnswer(204, decision.open ? "token_not_required" : "allowed");
    }
    case "publish": {
      const key = query.get("key") || password || null;
      const decision = await authorizePublish(orgId, stream, key);
      if (!decision.allowed) return hookAnswer(decision.reason === "ingest_key_required" ? 401 : 403, decision.reason, decision.message);
      const veto = await consultBlockingWebhook(orgId, startEvent("publish", body, stream, query));
      if (!veto.allowed) return hookAnswer(403, veto.reason, veto.message);
      return hookAnswer(204, "allowed");
    }
    case "":
      return hookAnswer(400, "unknown_action", "action is missing: this is not MediaMTX's authentication request.");
    default:
      return hookAnswer(403, "action_not_allowed", `Playgate answers read and publish only; keep "${action}" out with authHTTPExclude or another method.`);
  }
}
