import "server-only";
// OvenMediaEngine's AdmissionWebhooks: a JSON POST {client: {address, port, real_ip, user_agent},
// request: {direction, protocol, status, url, new_url, time}} signed with X-OME-Signature, the
// base64url HMAC-SHA1 of the raw body under the <SecretKey> of OME's configuration (here the
// organisation's secret, shown once in the console). OME reads a 200 JSON answer: for "opening"
// {allowed, reason, lifetime (ms; 0 = no limit)}, for "closing" {}. `outgoing` is playback (the
// token from the URL's `token` query), `incoming` is publishing (the rendition's `key`). An opening
// Playgate allowed goes to the organisation's blocking webhook too (lib/data/blocking-webhook.ts).
import { createHmac } from "node:crypto";
import { checkPlayback } from "@/lib/data/playback-check";
import { authorizePublish, recordEdgeEvent } from "@/lib/data/ingest";
import { omeSecretFor } from "@/lib/data/media-servers";
import { safeEqual } from "@/lib/crypto";
import { consultBlockingWebhook } from "@/lib/data/blocking-webhook";
import { field, hookAnswer, parseJsonObject, readHookBody, recordPlayEvent } from "@/lib/edge/hooks/common";

const VIA = "ovenmediaengine";

/** The signature OME sends for this body under this secret. */
export function omeSignature(secret: string, body: string): string {
  return createHmac("sha1", secret).update(body, "utf8").digest("base64url");
}

const json = (status: number, reason: string, value: Record<string, unknown>) => hookAnswer(status, reason, undefined, JSON.stringify(value));
const refuse = (reason: string, message: string) => json(200, reason, { allowed: false, reason: `${reason}: ${message}` });

function record(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** app and stream from OME's URL: scheme://host[:port]/app/stream[/file][?query]. */
function parseOmeUrl(url: string): { app: string; stream: string; query: URLSearchParams; path: string } | null {
  try {
    const u = new URL(url);
    const [app, stream] = u.pathname.split("/").filter(Boolean);
    return stream ? { app, stream, query: u.searchParams, path: u.pathname } : null;
  } catch {
    return null;
  }
}

/** One admission request for the organisation in the hook's URL. */
export async function handleOme(orgId: string, req: Request): Promise<Response> {
  const text = await readHookBody(req, "json", "OvenMediaEngine AdmissionWebhooks");
  if (typeof text !== "string") return text;
  const secret = await omeSecretFor(orgId);
  // Unsigned or wrongly signed requests are not OME's: 401 (OME treats any non-200 as refused).
  if (!secret) return hookAnswer(401, "no_secret", "Create this organisation's OvenMediaEngine secret on the Organisation page and set it as <SecretKey>.");
  const signature = req.headers.get("x-ome-signature") ?? "";
  if (!signature || !safeEqual(signature, omeSignature(secret, text))) return hookAnswer(401, "bad_signature", "X-OME-Signature does not match this organisation's OvenMediaEngine secret.");
  const body = parseJsonObject(text);
  if (body instanceof Response) return body;
  const client = record(body.client);
  const request = record(body.request);
  const status = field(request, "status");
  const direction = field(request, "direction");
  const url = parseOmeUrl(field(request, "url"));
  if (!url || (direction !== "incoming" && direction !== "outgoing") || (status !== "opening" && status !== "closing")) {
    return hookAnswer(400, "malformed_body", "request.direction, request.status and request.url (scheme://host/app/stream) are required.");
  }
  const ip = field(client, "real_ip") || field(client, "address") || undefined;
  // nanoStream's webhook fields; OME names no client id, so its address and port stand in.
  const start = { name: url.stream, app: url.app, addr: ip ?? "", clientid: `${field(client, "address")}:${field(client, "port")}`, query: url.query };

  if (direction === "outgoing") {
    if (status === "closing") {
      await recordPlayEvent(orgId, url.stream, "play_done", VIA);
      return json(200, "recorded", {});
    }
    const decision = await checkPlayback({ token: url.query.get("token") || null, uri: url.path, stream: url.stream, ip }, { orgId });
    if (!decision.allowed) return refuse(decision.reason, decision.message);
    const veto = await consultBlockingWebhook(orgId, { call: "play", ...start });
    if (!veto.allowed) return refuse(veto.reason, veto.message);
    await recordPlayEvent(orgId, url.stream, "play", VIA);
    // OME ends the session at the token's expiry; HLS sessions OME cannot end, they are checked per playlist.
    const lifetime = decision.expiresAt ? Math.max(1, decision.expiresAt.getTime() - Date.now()) : 0;
    return json(200, decision.open ? "token_not_required" : "allowed", { allowed: true, lifetime, reason: decision.open ? "token_not_required" : "allowed" });
  }

  // incoming: an encoder. closing carries the same URL, so only the key's holder ends the stream.
  const decision = await authorizePublish(orgId, url.stream, url.query.get("key") || null);
  if (!decision.allowed) return status === "closing" ? json(200, decision.reason, {}) : refuse(decision.reason, decision.message);
  if (status === "opening") {
    const veto = await consultBlockingWebhook(orgId, { call: "publish", ...start });
    if (!veto.allowed) return refuse(veto.reason, veto.message);
  }
  await recordEdgeEvent(orgId, decision.streamId, status === "opening" ? "publish" : "publish_done", VIA);
  return status === "opening" ? json(200, "allowed", { allowed: true, lifetime: 0, reason: "allowed" }) : json(200, "recorded", {});
}
