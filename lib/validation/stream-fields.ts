// The fields of a stream, each rule and message once: the API contracts (lib/api/contracts/streams.ts)
// build their bodies from them, and the /streams forms derive from those contracts.
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

export const streamTagsField = z.array(tagSchema).max(MAX_TAGS_PER_STREAM, `A stream has at most ${MAX_TAGS_PER_STREAM} tags.`);

/** A rendition's stream name (what an encoder publishes to and a player asks for), e.g. "abcde-fghij". */
export const renditionStreamNameSchema = z.string().trim().min(1, "Name one of the stream's renditions by its stream name.").max(64, "A stream name has at most 64 characters.");

export const streamNameSchema = z.string().trim().min(1, "Give the stream a name.").max(80, "Use at most 80 characters.");

/** Renditions: a count or labels ("1080p", "720p"); absent means one rendition. */
export const renditionsField = z.union(
  [
    z.number().int().min(1, "At least one rendition.").max(MAX_RENDITIONS, `At most ${MAX_RENDITIONS} renditions.`),
    z
      .array(z.string().trim().min(1).max(32, "Rendition labels have at most 32 characters."))
      .min(1, "At least one rendition.")
      .max(MAX_RENDITIONS, `At most ${MAX_RENDITIONS} renditions.`),
  ],
  { error: `Enter a number of renditions (1–${MAX_RENDITIONS}) or labels like "1080p, 720p".` },
);

/** A tag named twice is one tag. */
export function uniqueTags(tags: readonly string[] | undefined): string[] {
  return [...new Set(tags ?? [])];
}
