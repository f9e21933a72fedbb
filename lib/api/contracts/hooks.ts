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
