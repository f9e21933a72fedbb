import "server-only";
// SRS's http_hooks (on_play, on_stop, on_publish, on_unpublish, and the others it may be pointed
// at), as SrsHttpHooks posts them: a JSON object with action, client_id, ip, vhost, app, stream,
// param (the play or publish URL's query, "?token=…" or "?key=…"), tcUrl, pageUrl, stream_url,
// server_id, service_id. SRS allows only an HTTP 200 whose body is exactly `0` (or {"code": 0});
// any other status refuses. on_stop and on_unpublish failures SRS only logs. on_play and on_publish
// that Playgate allowed go to the organisation's blocking webhook too (lib/data/blocking-webhook.ts).
import { checkPlayback } from "@/lib/data/playback-check";
import { authorizePublish, recordEdgeEvent } from "@/lib/data/ingest";
import { consultBlockingWebhook, type StartEvent } from "@/lib/data/blocking-webhook";
import { field, hookAnswer, originOf, parseJsonObject, readHookBody, recordPlayEvent } from "@/lib/edge/hooks/common";

const VIA = "srs";

/** SRS's "allowed": 200 with the body `0`, nothing else (not even a newline). */
const allow = (reason: string) => hookAnswer(200, reason, undefined, "0");

function query(param: string): URLSearchParams {
  return new URLSearchParams(param.startsWith("?") ? param.slice(1) : param);
}

/** SRS's fields under nanoStream's webhook names. */
function startEvent(call: StartEvent["call"], body: Record<string, unknown>, params: URLSearchParams): StartEvent {
  return { call, name: field(body, "stream"), app: field(body, "app"), addr: field(body, "ip"), clientid: field(body, "client_id"), query: params };
}

/** One http_hooks callback for the organisation in the hook's URL. */
export async function handleSrs(orgId: string, req: Request): Promise<Response> {
  const text = await readHookBody(req, "json", "SRS http_hooks");
  if (typeof text !== "string") return text;
  const body = parseJsonObject(text);
  if (body instanceof Response) return body;
  const action = field(body, "action");
  const stream = field(body, "stream");
  const params = query(field(body, "param"));
  switch (action) {
    case "on_play": {
      const decision = await checkPlayback({ token: params.get("token") || null, uri: `/${field(body, "app")}/${stream}`, stream: stream || null, ip: field(body, "ip") || undefined, origin: originOf(field(body, "pageUrl")) }, { orgId });
      if (!decision.allowed) return hookAnswer(decision.status, decision.reason, decision.message);
      const veto = await consultBlockingWebhook(orgId, startEvent("play", body, params));
      if (!veto.allowed) return hookAnswer(403, veto.reason, veto.message);
      await recordPlayEvent(orgId, stream, "play", VIA);
      return allow(decision.open ? "token_not_required" : "allowed");
    }
    case "on_stop":
      await recordPlayEvent(orgId, stream, "play_done", VIA);
      return allow("recorded");
    case "on_publish":
    case "on_unpublish": {
      // on_unpublish carries the publish URL's query too: only the key's holder ends a stream.
      const decision = await authorizePublish(orgId, stream, params.get("key") || null);
      if (!decision.allowed) return hookAnswer(403, decision.reason, decision.message);
      if (action === "on_publish") {
        const veto = await consultBlockingWebhook(orgId, startEvent("publish", body, params));
        if (!veto.allowed) return hookAnswer(403, veto.reason, veto.message);
      }
      await recordEdgeEvent(orgId, decision.streamId, action === "on_publish" ? "publish" : "publish_done", VIA);
      return allow("allowed");
    }
    case "on_connect":
    case "on_close":
    case "on_dvr":
    case "on_hls":
    case "on_hls_notify":
      return allow("ignored");
    default:
      return hookAnswer(400, "unknown_action", "action must be one of SRS's http_hooks (on_play, on_stop, on_publish, on_unpublish, …).");
  }
}
