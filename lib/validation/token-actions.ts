// Inputs of the token pages' actions besides creation (tokenFormSchema in ./tokens covers that).
import { z } from "zod";

const text = (max: number, message: string) => z.string().trim().min(1, message).max(max, `Use at most ${max} characters.`);
const optionalText = (max: number) => z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().trim().max(max).optional());

export const revokeTokenSchema = z.object({ id: text(64, "Missing token id.") }).strict();
export const revokeByTagSchema = z.object({ tag: text(64, "Enter the tag whose tokens to revoke.") }).strict();
export const revokeByUserSchema = z.object({ user: text(128, "Enter the UserID whose tokens to revoke.") }).strict();

/** "Test this token": a registry id (our own org's) or a pasted token, plus what an edge would send. */
export const testTokenSchema = z
  .object({
    id: optionalText(64),
    token: optionalText(8192),
    stream: text(256, "Enter the stream name a player would ask for."),
    ip: optionalText(64),
    origin: optionalText(2048),
  })
  .strict()
  .refine((v) => Boolean(v.id || v.token), { message: "Give a token or a token id.", path: ["token"] });
