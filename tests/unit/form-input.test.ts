// Forms derive from the API contracts (lib/validation/form-input.ts): form data and the equivalent
// JSON body get the same verdict and the same message under the same field name.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { formInput } from "@/lib/validation/form-input";
import { revokeTokens } from "@/lib/api/contracts/tokens";
import { updateWebhook } from "@/lib/api/contracts/organisation";
import { revokeByTagSchema, revokeByUserSchema } from "@/lib/validation/token-actions";
import { webhookSettingsSchema } from "@/lib/validation/organisation";

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
  });
});
