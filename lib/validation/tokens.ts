// Playback-token input: the form/action schema (also the data layer's input), the nanoStream-
// compatible API body, and the authorize request. Shared by forms, actions and the API.
import { z } from "zod";
import { RuleError } from "@/lib/errors";
import { isValidDomainClaim } from "@/lib/tokens/claims";
import { isValidIpOrCidr } from "@/lib/tokens/ip";

export const DEFAULT_TOKEN_LIFETIME_DAYS = 14;
export const MAX_TOKEN_LIFETIME_DAYS = 365;
const DAY_MS = 86_400_000;

export const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v);
export const optionalText = (max: number) => z.preprocess(emptyToUndefined, z.string().max(max).optional());

// A datetime-local value ("2026-11-22T14:05") carries no zone: the UI shows UTC everywhere, so
// we read it as UTC rather than in the server's local zone.
const asUtc = (v: unknown) => (typeof v === "string" && /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(v.trim()) ? `${v.trim().replace(" ", "T")}Z` : v);

/** Repeated fields, one comma/newline-separated text, or a single name → a clean list. */
const streamList = z.preprocess(
  (v) => {
    if (v === undefined || v === null) return undefined;
    const parts = (Array.isArray(v) ? v : [v]).flatMap((x) => (typeof x === "string" ? x.split(/[\s,]+/) : [x]));
    const list = parts.filter((x) => !(typeof x === "string" && x === ""));
    return list.length ? [...new Set(list)] : undefined;
  },
  z.array(z.string().max(256).regex(/^[A-Za-z0-9_.:-]+$/, "Stream names use letters, digits and - _ . :")).max(100, "At most 100 streams per token").optional(),
);

export const MEDIAMTX_ORG_WIDE = "MediaMTX permissions name stream paths, so they need a stream group or stream names, not the whole organisation.";

export const tokenFormSchema = z
  .object({
    target: z.enum(["group", "streams", "org"], { error: "Choose what the token may play" }),
    groupid: optionalText(64),
    streams: streamList,
    expiresAt: z.preprocess((v) => {
      if (v === undefined || v === null || (typeof v === "string" && v.trim() === "")) return new Date(Date.now() + DEFAULT_TOKEN_LIFETIME_DAYS * DAY_MS);
      return asUtc(v);
    }, z.coerce.date({ error: "Enter a date and time as YYYY-MM-DD HH:MM (UTC, 24-hour)" })),
    notBefore: z.preprocess((v) => asUtc(emptyToUndefined(v)), z.coerce.date({ error: "Enter a date and time as YYYY-MM-DD HH:MM (UTC, 24-hour)" }).optional()),
    ip: optionalText(64),
    domain: z.preprocess((v) => (typeof emptyToUndefined(v) === "string" ? (emptyToUndefined(v) as string).toLowerCase() : emptyToUndefined(v)), z.string().max(253).optional()),
    user: optionalText(128),
    tag: z.preprocess(emptyToUndefined, z.string().max(64).regex(/^[A-Za-z0-9_.:-]+$/, "Tags use letters, digits and - _ . :").optional()),
    /** A value of the caller's own, kept as the token's `cust` claim (nanoStream's name). */
    cust: optionalText(256),
    /** Adds MediaMTX's `mediamtx_permissions` claim: read on the token's stream names. A checkbox: "on". */
    mediamtx: z.preprocess((v) => (v === "on" || v === "true" ? true : v === "false" || v === "" ? false : v), z.boolean().optional()),
  })
  .strict()
  .superRefine((v, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (v.target === "group" && !v.groupid) issue("groupid", "Choose the stream group this token may play");
    if (v.target === "streams" && !v.streams?.length) issue("streams", "Enter at least one stream name");
    const now = Date.now();
    const exp = v.expiresAt.getTime();
    if (exp <= now) issue("expiresAt", "Choose an expiry in the future");
    else if (exp - now > MAX_TOKEN_LIFETIME_DAYS * DAY_MS) issue("expiresAt", `A token may live at most ${MAX_TOKEN_LIFETIME_DAYS} days`);
    if (v.notBefore && v.notBefore.getTime() >= exp) issue("notBefore", "Must be before the expiry");
    if (v.ip && !isValidIpOrCidr(v.ip)) issue("ip", "Enter an IPv4 or IPv6 address or CIDR range, e.g. 203.0.113.0/24");
    if (v.domain && !isValidDomainClaim(v.domain)) issue("domain", "Enter a host name such as player.example.com or *.example.com");
    // Refused, not approximated: a MediaMTX permission names one path, a ~regex, or (empty) every
    // path on that server, other organisations' included. Today's stream names would leave out
    // the streams an organisation-wide token promises to play later.
    if (v.mediamtx && v.target === "org") issue("mediamtx", MEDIAMTX_ORG_WIDE);
  });

export type TokenInput = z.infer<typeof tokenFormSchema>;

/** The nanoStream-compatible API body's fields (POST /api/v1/secure/token; /api/v1/splay adds its own). */
export const apiTokenFields = {
  groupid: z.string().min(1).max(64).optional(),
  streams: z.array(z.string().min(1).max(256)).min(1).max(100).optional(),
  orgawide: z.literal(true).optional(),
  exp: z.number().int().positive().optional(),
  nbf: z.number().int().positive().optional(),
  ip: z.string().max(64).optional(),
  domain: z.string().max(253).optional(),
  user: z.string().max(128).optional(),
  tag: z.string().max(64).optional(),
  cust: z.string().max(256).optional(),
  /** true: the token also carries `mediamtx_permissions` (read on its streams) for MediaMTX's authMethod: jwt. */
  mediamtx: z.boolean().optional(),
};

/** Exactly one of groupid / streams / orgawide, or an issue on groupid saying `message`. */
export function oneTarget(message: string) {
  return (v: { groupid?: unknown; streams?: unknown; orgawide?: unknown }, ctx: z.RefinementCtx) => {
    const targets = [v.groupid !== undefined, v.streams !== undefined, v.orgawide !== undefined].filter(Boolean).length;
    if (targets !== 1) ctx.addIssue({ code: "custom", path: ["groupid"], message });
  };
}

/** nanoStream-compatible API body: exactly one of groupid / streams / orgawide. */
export const apiTokenBodySchema = z.object(apiTokenFields).strict().superRefine(oneTarget("Send exactly one of groupid, streams or orgawide: true"));

export type ApiTokenBody = z.infer<typeof apiTokenBodySchema>;

const API_FIELD: Record<string, string> = { expiresAt: "exp", notBefore: "nbf" };

/**
 * Maps the API body onto the form's input and runs the same checks, so both paths share every
 * rule. A failed rule throws RuleError("…", "validation_failed", <API field name>) — an answer
 * (422 with the field), never a 500.
 */
export function apiBodyToTokenInput(body: ApiTokenBody): TokenInput {
  const target = body.groupid !== undefined ? "group" : body.streams !== undefined ? "streams" : "org";
  const parsed = tokenFormSchema.safeParse({
    target,
    groupid: body.groupid,
    streams: body.streams,
    expiresAt: body.exp !== undefined ? new Date(body.exp * 1000) : undefined,
    notBefore: body.nbf !== undefined ? new Date(body.nbf * 1000) : undefined,
    ip: body.ip,
    domain: body.domain,
    user: body.user,
    tag: body.tag,
    cust: body.cust,
    mediamtx: body.mediamtx,
  });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = String(issue?.path[0] ?? "");
  throw new RuleError(issue?.message ?? "Some fields are invalid.", "validation_failed", API_FIELD[field] ?? (field || undefined));
}

export const authorizeRequestSchema = z
  .object({
    token: z.string().min(1).max(8192),
    stream: z.string().min(1).max(256),
    ip: z.string().max(64).optional(),
    origin: z.string().max(2048).optional(),
  })
  .strict();

export type AuthorizeRequest = z.infer<typeof authorizeRequestSchema>;

/** Signing-key admin actions. */
export const rotateSigningKeySchema = z.object({}).strict();
export const revokeSigningKeySchema = z.object({ kid: z.string().min(1).max(64) }).strict();
