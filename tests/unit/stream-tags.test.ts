// Stream tags typed into the form: commas (or line breaks) separate them; a space inside a tag is
// refused with the fix spelled out, never silently turned into two tags.
import { describe, expect, it } from "vitest";
import { setStreamTagsSchema } from "@/lib/validation/streams";

const parse = (tags: unknown) => setStreamTagsSchema.safeParse({ id: "str_1", tags });
const messages = (tags: unknown) => {
  const result = parse(tags);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
};

describe("stream tags", () => {
  it("splits the form's text on commas and line breaks, trims, lower-cases and drops repeats", () => {
    expect(parse("Live, sports ,\nnews,live,").data?.tags).toEqual(["live", "sports", "news"]);
    expect(parse("").data?.tags).toEqual([]);
    expect(parse(["ok", "fine_1"]).data?.tags).toEqual(["ok", "fine_1"]);
  });

  it("refuses a tag with a space, naming the separator and the hyphenated form", () => {
    expect(messages("Sports Live, news")).toEqual(['"sports live" has a space: separate tags with commas, or join the words with a hyphen (sports-live).']);
    expect(messages(["late  night"])).toEqual(['"late  night" has a space: separate tags with commas, or join the words with a hyphen (late-night).']);
  });

  it("other characters get the general rule, naming the tag", () => {
    expect(messages("Bad Tag!")).toEqual(['"bad tag!" is not a valid tag: use only a–z, 0–9, - and _.']);
    expect(messages("live, über")).toEqual(['"über" is not a valid tag: use only a–z, 0–9, - and _.']);
  });
});
