import "server-only";
// nginx-rtmp's notify callbacks (on_play, on_play_done, on_publish, on_publish_done, on_update), as
// ngx_rtmp_notify_module sends them: a form-encoded POST of its own fields (call, app, name, addr,
// clientid, tcurl, pageurl, …) followed by the query of the play or publish URL as it came, so a
// viewer's `token` and an encoder's `key` arrive as plain fields. The first `name` is nginx-rtmp's
// own; one in the URL's query comes later and is ignored. 2xx allows, anything else refuses.
// A play or publish Playgate allowed goes to the organisation's blocking webhook, if it has one
// (lib/data/blocking-webhook.ts), with nginx-rtmp's own form as nanoStream's webhook received it.
import { checkPlayback } from "@/lib/data/playback-check";
import { authorizePublish, recordEdgeEvent } from "@/lib/data/ingest";
import { consultBlockingWebhook } from "@/lib/data/blocking-webhook";
import { hookAnswer, originOf, readHookBody, recordPlayEvent } from "@/lib/edge/hooks/common";

const VIA = "nginx-rtmp";

const answer = (status: number, reason: string, message?: string) => hookAnswer(status, reason, message);

/** The form body, or the answer that refuses it (415 not a form, 413 too large). */
export async function readNotifyForm(req: Request): Promise<URLSearchParams | Response> {
  const text = await readHookBody(req, "form", "nginx-rtmp (notify_method post)");
  return typeof text === "string" ? new URLSearchParams(text) : text;
}

/** nginx-rtmp's fields as nanoStream's webhook named them; the rest of the form is the URL's query. */
const startFields = (form: URLSearchParams) => ({ name: form.get("name") ?? "", app: form.get("app") ?? "", addr: form.get("addr") ?? "", clientid: form.get("clientid") ?? "", query: form });

/** One notify callback for the organisation in the hook's URL. */
export async function handleNginxRtmp(orgId: string, form: URLSearchParams): Promise<Response> {
  const call = form.get("call") ?? "";
  const name = form.get("name") ?? "";
  switch (call) {
    case "play":
    case "update_play": {
      const decision = await checkPlayback({ token: form.get("token") || null, uri: `/${form.get("app") ?? ""}/${name}`, stream: name || null, ip: form.get("addr") || undefined, origin: originOf(form.get("pageurl")) }, { orgId });
      if (!decision.allowed) return answer(decision.status, decision.reason, decision.message);
      if (call === "play") {
        const veto = await consultBlockingWebhook(orgId, { call, ...startFields(form) });
        if (!veto.allowed) return answer(403, veto.reason, veto.message);
        await recordPlayEvent(orgId, name, "play", VIA);
      }
      return answer(204, decision.open ? "token_not_required" : "allowed");
    }
    case "play_done":
      await recordPlayEvent(orgId, name, "play_done", VIA);
      return answer(204, "recorded");
    case "publish":
    case "update_publish":
    case "publish_done": {
      // publish_done carries the publish URL's query too: only the key's holder ends a stream.
      const decision = await authorizePublish(orgId, name, form.get("key") || null);
      if (!decision.allowed) return answer(403, decision.reason, decision.message);
      if (call === "publish") {
        const veto = await consultBlockingWebhook(orgId, { call, ...startFields(form) });
        if (!veto.allowed) return answer(403, veto.reason, veto.message);
      }
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
