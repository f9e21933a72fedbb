// Inputs of the token pages' actions besides creation (tokenFormSchema in ./tokens covers that).
import { z } from "zod";
import { isValidDomainClaim } from "@/lib/tokens/claims";
import { parseIp } from "@/lib/tokens/ip";
import { revokeTokens } from "@/lib/api/contracts/tokens";
import { formInput } from "./form-input";
import { emptyToUndefined, optionalText } from "./tokens";

const text = (max: number, message: string) => z.string().trim().min(1, message).max(max, `Use at most ${max} characters.`);

export const revokeTokenSchema = z.object({ id: text(64, "Missing token id.") }).strict();
/** The registry's bulk revoke forms (and their counts): the API's body, one field each. */
export const revokeByTagSchema = formInput(revokeTokens, { only: ["tag"] });
export const revokeByUserSchema = formInput(revokeTokens, { only: ["user"] });

/** An Origin header ("https://player.example.com:8443") or a bare host ("player.example.com"):
 * a dotted host name, localhost or an IP address — not a word like "nope". */
function isOrigin(text: string): boolean {
  const value = text.trim().toLowerCase();
  let host: string;
  if (value.includes("://")) {
    try {
      const url = new URL(value);
      if (url.protocol !== "http:" && url.protocol !== "https:") return false;
      host = url.hostname.replace(/^\[|\]$/g, "");
    } catch {
      return false;
    }
  } else if (/^[a-z0-9.-]+(:\d{1,5})?$/.test(value)) host = value.replace(/:\d+$/, "");
  else return false;
  host = host.replace(/\.$/, "");
  if (host === "localhost") return true;
  if (host.includes(":") || /^[\d.]+$/.test(host)) return parseIp(host) !== null;
  return host.includes(".") && !host.startsWith("*") && isValidDomainClaim(host);
}

/**
 * "Test this token" on a token's page: a registry id (of the caller's organisation) or a pasted
 * token, and what an edge would send. Unlike the authorize endpoint, which refuses a bad address
 * as ip_not_allowed, the form names a typo as a typo, next to its field.
 */
export const testTokenSchema = z
  .object({
    id: optionalText(64),
    token: optionalText(8192),
    stream: text(256, "Enter the stream name a player would ask for."),
    ip: z.preprocess(emptyToUndefined, z.string().refine((v) => v.length <= 64 && parseIp(v) !== null, "Enter one IPv4 or IPv6 address, e.g. 203.0.113.7 or 2001:db8::7").optional()),
    origin: z.preprocess(emptyToUndefined, z.string().refine((v) => v.length <= 2048 && isOrigin(v), "Enter the page's origin, e.g. https://player.example.com, or its host name").optional()),
  })
  .strict()
  .refine((v) => Boolean(v.id || v.token), { message: "Give a token or a token id.", path: ["token"] });
