// nanoStream Cloud's answers for the splay family (app/api/v1/splay): {"success": true, "data"}
// and {"success": false, "error": {"errorCode", "message"}}. The numbers 1000, 1001, 1002, 2004
// and 2012 are nanoStream's; the envelope around them is assumed (README, "Moving from nanoStream
// Cloud"). Conditions nanoStream names no number for carry Playgate's own: 9001 and 9002, and
// otherwise 9000 + the HTTP status. The family runs through apiRoute like every other route; its
// answers in Playgate's error shape are rewritten here, so no check is written twice.
import { z } from "zod";

export const NANO = {
  parameter: { status: 400, errorCode: 1000, message: "Parameter required" },
  apiKey: { status: 403, errorCode: 1001, message: "Provided APIKey is not valid" },
  expired: { status: 403, errorCode: 1002, message: "jwt expired" },
  malformed: { status: 400, errorCode: 2004, message: "jwt malformed" },
  notOurs: { status: 403, errorCode: 2012, message: "token belongs to another organisation" },
  // Playgate's own:
  notActive: { status: 403, errorCode: 9001, message: "jwt not active" },
  revoked: { status: 403, errorCode: 9002, message: "jwt revoked" },
} as const;

export const nanoErrorBody = z.object({
  success: z.literal(false),
  error: z.object({ errorCode: z.number().int(), message: z.string(), fields: z.record(z.string(), z.array(z.string())).optional() }),
});

export function nanoData<T>(data: T) {
  return { json: { success: true as const, data } };
}

export function nanoError(which: { status: number; errorCode: number; message: string }, detail?: string, fields?: Record<string, string[]>): Response {
  return Response.json(
    { success: false, error: { errorCode: which.errorCode, message: detail ? `${which.message}: ${detail}` : which.message, ...(fields ? { fields } : {}) } },
    { status: which.status, headers: { "Cache-Control": "no-store" } },
  );
}

// Playgate's error codes that are a problem with the request's parameters: nanoStream's 1000.
const PARAMETER_CODES = new Set(["validation_failed", "invalid_query", "malformed_json", "unsupported_media_type", "body_too_large", "unknown_stream"]);

// Where Playgate is stricter or wider than nanoStream Cloud, the message says so.
const DIFFERS: Record<string, string> = {
  exp: "(Playgate caps a token's lifetime at 365 days.)",
  ip: "(Playgate takes one IPv4 or IPv6 address or a CIDR range.)",
};

type PlaygateError = { error: { code: string; message: string; fields?: Record<string, string[]> } };

/** The first field's message, named ("exp: …") unless it already says nanoStream's words. */
function parameterText(message: string, fields: Record<string, string[]> | undefined): string {
  const [field, messages] = Object.entries(fields ?? {})[0] ?? [];
  if (!field || !messages?.[0]) return message;
  const first = messages[0].startsWith(NANO.parameter.message) ? messages[0] : `${field}: ${messages[0]}`;
  return DIFFERS[field] ? `${first} ${DIFFERS[field]}` : first;
}

/** An answer of apiRoute in Playgate's error shape, said as nanoStream would; anything else unchanged. */
export async function asNanoStream(res: Response): Promise<Response> {
  if (res.status < 400) return res;
  const body = (await res.clone().json().catch(() => null)) as PlaygateError | null;
  if (typeof body?.error?.code !== "string") return res;
  const { code, message, fields } = body.error;
  const headers = new Headers(res.headers);
  headers.delete("content-length");
  headers.delete("www-authenticate");
  let answer: { status: number; errorCode: number; message: string };
  if (code === "unauthenticated") answer = NANO.apiKey;
  else if (PARAMETER_CODES.has(code)) answer = { status: code === "unknown_stream" ? 400 : res.status, errorCode: NANO.parameter.errorCode, message: parameterText(message, fields) };
  else if (code === "package_required") answer = { status: 403, errorCode: 9403, message };
  else answer = { status: res.status, errorCode: 9000 + res.status, message };
  return Response.json({ success: false, error: { errorCode: answer.errorCode, message: answer.message, ...(fields ? { fields } : {}) } }, { status: answer.status, headers });
}
