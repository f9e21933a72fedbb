// Stream inputs, shared by the streams pages' actions and the HTTP API.
import { z } from "zod";
import { MAX_RENDITIONS, MAX_TAG_LENGTH, MAX_TAGS_PER_STREAM } from "@/lib/validation/limits";

export { MAX_RENDITIONS, MAX_TAG_LENGTH, MAX_TAGS_PER_STREAM };

const TAG = /^[a-z0-9_-]+$/;

export const tagSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "A tag cannot be empty.")
  .max(MAX_TAG_LENGTH, `Tags have at most ${MAX_TAG_LENGTH} characters.`)
  .superRefine((tag, ctx) => {
    if (TAG.test(tag)) return;
    // "sports live" was meant as one tag or as two: say which separator to use, with the fix.
    const joined = tag.replace(/\s+/g, "-");
    const message = /\s/.test(tag) && TAG.test(joined)
      ? `"${tag}" has a space: separate tags with commas, or join the words with a hyphen (${joined}).`
      : `"${tag}" is not a valid tag: use only a–z, 0–9, - and _.`;
    ctx.addIssue({ code: "custom", message });
  });

/**
 * Forms send tags as one "live, sports" text field, split on commas and line breaks only (a space
 * inside a tag is refused with a hint, never silently made into two tags); the API sends an array.
 */
const tagList = z.preprocess(
  (value) => (typeof value === "string" ? value.split(/[,\n]+/).map((tag) => tag.trim()).filter(Boolean) : value ?? []),
  z
    .array(tagSchema)
    .max(MAX_TAGS_PER_STREAM, `A stream has at most ${MAX_TAGS_PER_STREAM} tags.`)
    .transform((tags) => [...new Set(tags)]),
);

export const streamNameSchema = z.string().trim().min(1, "Give the stream a name.").max(80, "Use at most 80 characters.");

/** Renditions: a count ("3") or labels ("1080p, 720p"); default one rendition. */
const renditionsSchema = z.preprocess(
  (value) => {
    if (value === undefined || value === "") return undefined;
    if (typeof value === "number") return value;
    if (typeof value === "string" && /^\d+$/.test(value.trim())) return Number(value.trim());
    if (typeof value === "string") return value.split(",").map((s) => s.trim()).filter(Boolean);
    return value;
  },
  z
    .union([
      z.number().int().min(1, "At least one rendition.").max(MAX_RENDITIONS, `At most ${MAX_RENDITIONS} renditions.`),
      z
        .array(z.string().trim().min(1).max(32, "Rendition labels have at most 32 characters."))
        .min(1, "At least one rendition.")
        .max(MAX_RENDITIONS, `At most ${MAX_RENDITIONS} renditions.`),
    ], { error: `Enter a number of renditions (1–${MAX_RENDITIONS}) or labels like "1080p, 720p".` })
    .optional(),
);

export const createStreamSchema = z.object({ name: streamNameSchema, renditions: renditionsSchema, tags: tagList }).strict();
export const streamIdSchema = z.string().trim().min(1, "Missing stream id.").max(64);
export const renameStreamSchema = z.object({ id: streamIdSchema, name: streamNameSchema }).strict();
export const setStreamTagsSchema = z.object({ id: streamIdSchema, tags: tagList }).strict();
export const deleteStreamSchema = z.object({ id: streamIdSchema }).strict();
export const streamStateSchema = z.enum(["idle", "live"]);

export type CreateStreamInput = z.infer<typeof createStreamSchema>;
export type StreamState = z.infer<typeof streamStateSchema>;
