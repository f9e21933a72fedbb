// Media servers' own callbacks, one URL per organisation: a token of another organisation is
// refused there. Public like the forward-auth check; what they grant is decided from the token or
// the ingest key in the callback.
import { z } from "zod";
import { contract } from "@/lib/api/contract";

export const nginxRtmpHook = contract({
  name: "POST /api/v1/organisations/{orgId}/hooks/nginx-rtmp",
  summary: "nginx-rtmp notify callbacks (on_play, on_play_done, on_publish, on_publish_done, on_update)",
  tag: "Media servers",
  permission: "public",
  description:
    "Point nginx-rtmp's on_play, on_play_done, on_publish, on_publish_done and on_update here with notify_method post (deploy/edge/nginx-rtmp.conf). " +
    "The body is nginx-rtmp's own form (application/x-www-form-urlencoded: call, name, addr, app, tcurl, pageurl, clientid and the play or publish URL's query). " +
    "Viewers play with ?token=<playback token or short reference>; encoders publish with ?key=<the rendition's ingest key>. " +
    "Answers 204 to allow; 401 or 403 refuse (nginx-rtmp drops the client), with the reason in X-Playgate-Reason: authorize's reasons for play, and unknown_stream, no_ingest_key, ingest_key_required or wrong_ingest_key for publish. " +
    "publish and publish_done move the stream live and idle and queue the publish / publish_done webhook events; play and play_done queue play / play_done.",
  response: z.null(),
  status: 204,
  errors: [400, 401, 403, 413, 415],
});

export const srsHook = contract({
  name: "POST /api/v1/organisations/{orgId}/hooks/srs",
  summary: "SRS http_hooks (on_play, on_stop, on_publish, on_unpublish)",
  tag: "Media servers",
  permission: "public",
  description:
    "Point SRS's http_hooks on_play, on_stop, on_publish and on_unpublish here (deploy/edge/srs.conf). " +
    "The body is SRS's own JSON (action, client_id, ip, vhost, app, stream, param, tcUrl, pageUrl, …); the token or ingest key comes from param, the play or publish URL's query. " +
    "Viewers play with ?token=<playback token or short reference>; encoders publish with ?key=<the rendition's ingest key>. " +
    "Answers 200 with the body 0 to allow (what SRS requires); 401 or 403 refuse, with the reason in X-Playgate-Reason. " +
    "on_publish and on_unpublish move the stream live and idle and queue publish / publish_done; on_play and on_stop queue play / play_done.",
  response: z.literal("0"),
  mediaType: "text/plain",
  status: 200,
  errors: [400, 401, 403, 413, 415],
});

export const mediamtxHook = contract({
  name: "POST /api/v1/organisations/{orgId}/hooks/mediamtx",
  summary: "MediaMTX authMethod: http (read and publish)",
  tag: "Media servers",
  permission: "public",
  description:
    "Set MediaMTX's authMethod: http and authHTTPAddress to this URL (deploy/edge/mediamtx.yml). " +
    "The body is MediaMTX's own JSON {user, password, token, ip, action, path, protocol, id, query}. " +
    "read is checked as playback: the token from token (Authorization: Bearer), the URL's token query parameter, or the password; publish as ingest: the rendition's key from the URL's key query parameter or the password; every other action is refused (403 action_not_allowed). " +
    "Answers 204 to allow; 401 asks the client for credentials (no token, no key); 403 refuses, with the reason in X-Playgate-Reason. " +
    "MediaMTX reports no end of a read or publish to this hook, so it moves no stream state.",
  response: z.null(),
  status: 204,
  errors: [400, 401, 403, 413, 415],
});

export const omeHook = contract({
  name: "POST /api/v1/organisations/{orgId}/hooks/ome",
  summary: "OvenMediaEngine AdmissionWebhooks (publish and playback admission)",
  tag: "Media servers",
  permission: "public",
  description:
    "Set OvenMediaEngine's <AdmissionWebhooks><ControlServerUrl> to this URL and <SecretKey> to the organisation's OvenMediaEngine secret (Organisation page, Media servers; shown once) (deploy/edge/ome-Server.xml). " +
    "Every request must carry X-OME-Signature, the base64url HMAC-SHA1 of the body under that secret; otherwise 401 (no_secret, bad_signature). " +
    "The body is OME's own JSON {client: {address, port, real_ip}, request: {direction, protocol, status, url, time}}. outgoing (playback) takes the token from the URL's token query parameter; incoming (publishing) the rendition's key from key. " +
    "Answers 200 with {allowed, reason, lifetime} for opening (lifetime in milliseconds until the token expires, 0 for no limit) and {} for closing; the reason is also in X-Playgate-Reason. " +
    "Opening and closing of a publish move the stream live and idle and queue publish / publish_done; of a playback, play / play_done.",
  response: z.object({ allowed: z.boolean().optional(), reason: z.string().optional(), lifetime: z.number().int().optional() }),
  status: 200,
  errors: [400, 401, 413, 415],
});

export const rotateOmeSecret = contract({
  name: "POST /api/v1/organisation/ome-secret/rotate",
  summary: "Create or rotate the OvenMediaEngine AdmissionWebhooks secret",
  tag: "Media servers",
  permission: "mediaServer:manage",
  description: "Returns the new secret once; set it as <SecretKey> in OvenMediaEngine's AdmissionWebhooks. The previous secret stops verifying at once.",
  response: z.object({ secret: z.string(), replaced: z.boolean() }),
  status: 200,
});
