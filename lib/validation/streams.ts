// Stream inputs of the /streams pages. Creation derives from the API contract (POST /api/v1/streams)
// through formInput; every field's rule and message lives once, in ./stream-fields.ts.
import { z } from "zod";
import { createStream } from "@/lib/api/contracts/streams";
import { formInput } from "./form-input";
import { renditionStreamNameSchema, streamNameSchema, streamTagsField, uniqueTags } from "./stream-fields";

export { MAX_RENDITIONS, MAX_TAG_LENGTH, MAX_TAGS_PER_STREAM, streamNameSchema, tagSchema } from "./stream-fields";

/**
 * Forms send tags as one "live, sports" text field, split on commas and line breaks only (a space
 * inside a tag is refused with a hint, never silently made into two tags), and renditions as a
 * count ("3") or labels ("1080p, 720p"); the API sends a number or arrays. A tag named twice is one.
 */
const TAG_SEPARATOR = /[,\n]+/;

export const createStreamSchema = formInput(createStream, { blank: ["renditions"], numbers: ["renditions"], lists: { renditions: ",", tags: TAG_SEPARATOR } })
  .transform((body) => ({ ...body, tags: uniqueTags(body.tags) }));

const tagList = z.preprocess(
  (value) => (typeof value === "string" ? value.split(TAG_SEPARATOR).map((tag) => tag.trim()).filter(Boolean) : value ?? []),
  streamTagsField.transform(uniqueTags),
);

export const streamIdSchema = z.string().trim().min(1, "Missing stream id.").max(64);
export const renameStreamSchema = z.object({ id: streamIdSchema, name: streamNameSchema }).strict();
export const setStreamTagsSchema = z.object({ id: streamIdSchema, tags: tagList }).strict();
export const deleteStreamSchema = z.object({ id: streamIdSchema }).strict();
/** The stream page's "Playback requires a token" switch (a form posts "true"/"false"). */
export const setStreamRequiresTokenSchema = z
  .object({ id: streamIdSchema, requiresToken: z.preprocess((v) => (v === "true" || v === "on" ? true : v === "false" ? false : v), z.boolean()) })
  .strict();
/** "Create ingest key" / "Rotate" on the Instructions page: one rendition of the stream. */
export const rotateIngestKeySchema = z.object({ id: streamIdSchema, streamName: renditionStreamNameSchema }).strict();
export const streamStateSchema = z.enum(["idle", "live"]);

export type CreateStreamInput = z.infer<typeof createStreamSchema>;
export type StreamState = z.infer<typeof streamStateSchema>;
