// Forms derive from the API contracts (lib/validation/form-input.ts): form data and the equivalent
// JSON body get the same verdict and the same message under the same field name.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { formInput } from "@/lib/validation/form-input";
import { revokeTokens } from "@/lib/api/contracts/tokens";
import { updateWebhook } from "@/lib/api/contracts/organisation";
import { revokeByTagSchema, revokeByUserSchema } from "@/lib/validation/token-actions";
import { webhookSettingsSchema } from "@/lib/validation/organisation";
import { createStream } from "@/lib/api/contracts/streams";
import { createStreamSchema } from "@/lib/validation/streams";

const body = z.object({ on: z.boolean(), picks: z.array(z.string()).max(2, "At most two."), n: z.number().int().optional(), list: z.array(z.string()).optional() }).strict();
const schema = formInput({ name: "TEST", body }, { booleans: ["on"], arrays: ["picks"], numbers: ["n"], blank: ["n"], lists: { list: /[,\n]+/ } });
const fields = (s: z.ZodType, input: unknown) => {
  const r = s.safeParse(input);
  return r.success ? { ok: true, data: r.data } : { ok: false, ...z.flattenError(r.error) };
};

describe("formInput", () => {
  it("turns a checkbox, repeated keys, a single value, a number and a list into the body's shape", () => {
    expect(schema.parse({ on: "on", picks: ["a", "b"], n: "3", list: "x, y\nz" })).toEqual({ on: true, picks: ["a", "b"], n: 3, list: ["x", "y", "z"] });
    expect(schema.parse({ picks: "a", n: "" })).toEqual({ on: false, picks: ["a"], n: undefined });
    expect(schema.parse({})).toEqual({ on: false, picks: [] });
    expect(schema.parse({ on: true, picks: [] })).toEqual({ on: true, picks: [] });
  });

  it("refuses an unknown key as .strict() does, and a key outside `only`", () => {
    expect(fields(schema, { picks: [], role: "admin" })).toMatchObject({ ok: false, formErrors: [expect.stringMatching(/Unrecognized key.*role/)] });
    expect(fields(revokeByTagSchema, { tag: "a", user: "b" })).toMatchObject({ ok: false, formErrors: [expect.stringMatching(/Unrecognized key.*user/)] });
  });

  it("keeps the body's messages under the form's field names", () => {
    expect(fields(schema, { picks: ["a", "b", "c"], n: "x" })).toMatchObject({ ok: false, fieldErrors: { picks: ["At most two."], n: [expect.any(String)] } });
  });
});

describe("one schema per input: form data and JSON get the same verdict", () => {
  const cases: [string, z.ZodType, z.ZodType, Record<string, unknown>, Record<string, unknown>][] = [
    ["webhook: enabled without URL", webhookSettingsSchema, updateWebhook.body!, { url: "", enabled: "on" }, { url: "", events: [], enabled: true }],
    ["webhook: not a URL", webhookSettingsSchema, updateWebhook.body!, { url: "hooks.example.com", events: "publish" }, { url: "hooks.example.com", events: ["publish"], enabled: false }],
    ["webhook: too long", webhookSettingsSchema, updateWebhook.body!, { url: `https://${"a".repeat(2000)}` }, { url: `https://${"a".repeat(2000)}`, events: [], enabled: false }],
    ["webhook: valid", webhookSettingsSchema, updateWebhook.body!, { url: " https://hooks.example.com/x ", events: ["publish", "play"], enabled: "on" }, { url: "https://hooks.example.com/x", events: ["publish", "play"], enabled: true }],
    ["revoke by tag: empty", revokeByTagSchema, revokeTokens.body!, { tag: "  " }, { tag: "  " }],
    ["revoke by tag: too long", revokeByTagSchema, revokeTokens.body!, { tag: "t".repeat(65) }, { tag: "t".repeat(65) }],
    ["revoke by tag: valid", revokeByTagSchema, revokeTokens.body!, { tag: " conference " }, { tag: "conference" }],
    ["revoke by user: empty", revokeByUserSchema, revokeTokens.body!, { user: "" }, { user: "" }],
    ["revoke by user: valid", revokeByUserSchema, revokeTokens.body!, { user: "viewer-7" }, { user: "viewer-7" }],
    ["stream: no name", createStreamSchema, createStream.body!, { name: "  ", tags: "" }, { name: "  ", tags: [] }],
    ["stream: no renditions", createStreamSchema, createStream.body!, { name: "Main", renditions: "0" }, { name: "Main", renditions: 0 }],
    ["stream: too many renditions", createStreamSchema, createStream.body!, { name: "Main", renditions: "99" }, { name: "Main", renditions: 99 }],
    ["stream: a tag with a space", createStreamSchema, createStream.body!, { name: "Main", tags: "sports live" }, { name: "Main", tags: ["sports live"] }],
    ["stream: a label too long", createStreamSchema, createStream.body!, { name: "Main", renditions: `1080p, ${"x".repeat(33)}` }, { name: "Main", renditions: ["1080p", "x".repeat(33)] }],
    ["stream: valid, labels", createStreamSchema, createStream.body!, { name: " Main ", renditions: "1080p, 720p", tags: "Conf, day-2" }, { name: "Main", renditions: ["1080p", "720p"], tags: ["conf", "day-2"] }],
    ["stream: valid, a count", createStreamSchema, createStream.body!, { name: "Main", renditions: " 3 ", tags: "conf" }, { name: "Main", renditions: 3, tags: ["conf"] }],
  ];
  it.each(cases)("%s", (_name, form, contract, formValues, json) => {
    const fd = new FormData();
    for (const [k, v] of Object.entries(formValues)) for (const x of Array.isArray(v) ? v : [v]) fd.append(k, String(x));
    const fromForm = fields(form, Object.fromEntries([...new Set(fd.keys())].map((k) => [k, fd.getAll(k).length > 1 ? fd.getAll(k) : fd.get(k)])));
    expect(fromForm).toEqual(fields(contract, json));
  });

  it("the form messages are the ones the user saw before", () => {
    expect(fields(webhookSettingsSchema, { url: "", enabled: "on" })).toMatchObject({ fieldErrors: { url: ["Enter the endpoint URL before enabling the webhook."] } });
    expect(fields(webhookSettingsSchema, { url: "ftp.example.com" })).toMatchObject({ fieldErrors: { url: ["Enter a full URL starting with https://."] } });
    expect(fields(revokeByTagSchema, { tag: "" })).toMatchObject({ fieldErrors: { tag: ["Enter the tag whose tokens to revoke."] } });
    expect(fields(revokeByUserSchema, { user: "u".repeat(129) })).toMatchObject({ fieldErrors: { user: ["Use at most 128 characters."] } });
    expect(fields(createStreamSchema, { name: "" })).toMatchObject({ fieldErrors: { name: ["Give the stream a name."] } });
    expect(fields(createStreamSchema, { name: "Main", renditions: "0" })).toMatchObject({ fieldErrors: { renditions: ["At least one rendition."] } });
    expect(fields(createStreamSchema, { name: "Main", tags: "sports live" })).toMatchObject({ fieldErrors: { tags: ['"sports live" has a space: separate tags with commas, or join the words with a hyphen (sports-live).'] } });
  });

  it("a stream's form: empty renditions mean one, tags split on commas and lines, a tag named twice is one", () => {
    expect(createStreamSchema.parse({ name: "Main", renditions: "", tags: "a, b\na, b" })).toEqual({ name: "Main", renditions: undefined, tags: ["a", "b"] });
    expect(createStreamSchema.parse({ name: "Main" })).toEqual({ name: "Main", tags: [] });
  });
});
