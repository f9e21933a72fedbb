// A form's input, derived from the API contract's body: the contract holds every rule and message
// once; a form only says how its fields arrive as text (a checkbox, repeated keys, a number typed
// in a text field, a comma-separated list) and the body parses the result. The same values sent
// as JSON or as form data get the same verdict, under the same field names.
import { z } from "zod";

export interface FormInputOptions<K extends string> {
  /** The keys this form sends; any other key is refused as `.strict()` refuses it. Default: all. */
  only?: readonly K[];
  /** Checkboxes: "on" or "true" → true; absent or "false" → false. */
  booleans?: readonly K[];
  /** Repeated keys (checkbox groups): one value → [value]; absent → []. */
  arrays?: readonly K[];
  /** An optional field left empty: "" → undefined. */
  blank?: readonly K[];
  /** A whole number typed in a text field: "3" → 3 (anything else is left as text). */
  numbers?: readonly K[];
  /** A list typed in one text field, split on the separator: "a, b" → ["a", "b"]. */
  lists?: Partial<Record<K, RegExp | string>>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * `formInput(updateWebhook, { booleans: ["enabled"], arrays: ["events"] })`: a schema that turns
 * form values into the contract body's shape, then is that body. Values already in that shape (an
 * action called with an object) pass unchanged; anything else is left for the body to refuse.
 */
export function formInput<S extends z.ZodType>(contract: { name: string; body?: S }, options: FormInputOptions<Extract<keyof z.input<S>, string>> = {}) {
  type K = Extract<keyof z.input<S>, string>;
  const body = contract.body;
  if (!body) throw new Error(`${contract.name} has no body to derive a form from`);
  const has = (list: readonly K[] | undefined, key: string) => (list as readonly string[] | undefined)?.includes(key) ?? false;
  return z.preprocess((value, ctx) => {
    if (!isRecord(value)) return value;
    const out: Record<string, unknown> = { ...value };
    if (options.only) {
      const extra = Object.keys(out).filter((key) => !has(options.only, key));
      if (extra.length) ctx.addIssue({ code: "unrecognized_keys", keys: extra, input: value });
    }
    for (const key of options.booleans ?? []) {
      const v = out[key];
      if (v === undefined || v === "false") out[key] = false;
      else if (v === "on" || v === "true") out[key] = true;
    }
    for (const key of options.arrays ?? []) {
      const v = out[key];
      if (v === undefined) out[key] = [];
      else if (typeof v === "string") out[key] = [v];
    }
    for (const key of options.blank ?? []) if (out[key] === "") out[key] = undefined;
    for (const key of options.numbers ?? []) {
      const v = out[key];
      if (typeof v === "string" && /^\d+$/.test(v.trim())) out[key] = Number(v.trim());
    }
    for (const [key, separator] of Object.entries(options.lists ?? {}) as [string, RegExp | string][]) {
      const v = out[key];
      if (typeof v === "string") out[key] = v.split(separator).map((item) => item.trim()).filter(Boolean);
    }
    return out;
  }, body);
}
