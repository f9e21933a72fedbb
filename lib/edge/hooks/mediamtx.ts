import "server-only";
// MediaMTX's `authMethod: http`: a JSON POST {user, password, token, ip, action, path, protocol,
// id, query} for every read, publish, playback, api, metrics and pprof request; a 2xx answer
// allows, anything else refuses, and a 401 makes RTSP clients send the credentials they hold.
// `read` is checked as playback (token from the token field, the URL's `token` query or the
// password), `publish` as ingest (the rendition's key from the URL's `key` query or the
// password); every other action is refused. MediaMTX reports no end of a read or a publish here,
// so this hook records no stream events.
import { checkPlayback } from "@/lib/data/playback-check";
import { authorizePublish } from "@/lib/data/ingest";
import { field, hookAnswer, parseJsonObject, readHookBody } from "@/lib/edge/hooks/common";

/** The stream name in a MediaMTX path: its last segment ("live/abc" → "abc"). */
function streamOf(path: string): string {
  return path.split("/").filter(Boolean).pop() ?? "";
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
      return hookAnswer(204, decision.open ? "token_not_required" : "allowed");
    }
    case "publish": {
      const key = query.get("key") || password || null;
      const decision = await authorizePublish(orgId, stream, key);
      if (!decision.allowed) return hookAnswer(decision.reason === "ingest_key_required" ? 401 : 403, decision.reason, decision.message);
      return hookAnswer(204, "allowed");
    }
    case "":
      return hookAnswer(400, "unknown_action", "action is missing: this is not MediaMTX's authentication request.");
    default:
      return hookAnswer(403, "action_not_allowed", `Playgate answers read and publish only; keep "${action}" out with authHTTPExclude or another method.`);
  }
}
