// Shared pieces of the property tests (row 17): the run count setting, hostile inputs and the
// generators that shape them after a zod schema's keys. PLAYGATE_PROPERTY_RUNS raises the count
// for longer runs (default 200, what CI uses).
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { expect } from "vitest";
import { z } from "zod";

export const PROPERTY_RUNS = Math.max(1, Number.parseInt(process.env.PLAYGATE_PROPERTY_RUNS ?? "200", 10) || 200);

/**
 * Counts every generated case a file ran: printed as `property runs: <N>` and kept in
 * tests/artifacts/property-runs/<file>.json for scripts/security-counts.mjs.
 */
export function runCounter(file = path.basename(expect.getState().testPath ?? "unknown")) {
  let total = 0;
  return {
    /** fc.assert parameters that count each run. */
    params: (numRuns = PROPERTY_RUNS) => ({ numRuns, endOnFailure: true as const }),
    count: () => (total += 1),
    report: () => {
      console.log(`property runs: ${total}`);
      const dir = path.resolve(import.meta.dirname, "../artifacts/property-runs");
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, `${file}.json`), JSON.stringify({ file, runs: total, numRuns: PROPERTY_RUNS }) + "\n");
    },
  };
}

const HUGE = "x".repeat(100_000);

/** Strings that have broken parsers elsewhere: sizes, encodings, addresses, domains, dates. */
export const HOSTILE_STRINGS = [
  HUGE,
  `${"é🎉".repeat(20_000)}`,
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\u202Eevil\u202C",
  "שלום עולם",
  "👩‍👩‍👧‍👦",
  "\uD800",
  "<script>alert(1)</script>",
  "' OR 1=1 --",
  "../../etc/passwd",
  "__proto__",
  "constructor",
  "prototype",
  "256.1.1.1",
  "1.2.3.4/33",
  "::ffff:999.1.1.1",
  "1:::2",
  "0x7f.1",
  "2130706433",
  "*.",
  "*.*.a",
  "a..b",
  `${"a".repeat(254)}.example.com`,
  `${"a".repeat(64)}.example.com`,
  "1970-01-01T00:00:00Z",
  "9999-12-31T23:59:59Z",
  "+275760-09-13T00:00:00.000Z",
  "NaN",
  "Invalid Date",
  "-1",
  "1e309",
  "0",
  "on",
  "true",
  "admin",
  "http://169.254.169.254/latest/meta-data",
  "https://[::1]/",
  "javascript:alert(1)",
] as const;

const hostileString = fc.constantFrom(...HOSTILE_STRINGS);

/** Dates at the edges: epoch 0, year 9999, invalid, and around the 365-day token limit. */
export const boundaryDate = fc.oneof(
  fc.constantFrom(new Date(0), new Date("9999-12-31T23:59:59Z"), new Date(Number.NaN)),
  fc.integer({ min: -2, max: 2 }).map((s) => new Date(Date.now() + 365 * 86_400_000 + s * 1000)),
  fc.date({ noInvalidDate: false }),
);

const scalar = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary", maxLength: 40 }),
  hostileString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  boundaryDate,
);

/** Any value a caller could send where a field's value goes (scalars, arrays for scalars, objects). */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: scalar },
  { weight: 1, arbitrary: fc.array(scalar, { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), scalar, { maxKeys: 3 }) },
  { weight: 1, arbitrary: fc.array(hostileString, { minLength: 120, maxLength: 150 }) },
);

/** Objects whose own keys are __proto__ / constructor / prototype, as JSON.parse builds them. */
export const pollutedObject = fc
  .record({ key: fc.constantFrom("__proto__", "constructor", "prototype"), inner: fc.jsonValue({ maxDepth: 2 }) })
  .map(({ key, inner }) => JSON.parse(`{"${key}": ${JSON.stringify(inner) ?? "null"}, "constructor": {"prototype": {"polluted": true}}}`) as Record<string, unknown>);

/** The top-level keys a schema reads (through pipes, transforms, defaults). */
export function schemaKeys(schema: unknown): string[] {
  const s = schema as { shape?: Record<string, unknown>; _zod?: { def?: { in?: unknown; innerType?: unknown; schema?: unknown } } };
  if (s?.shape && typeof s.shape === "object") return Object.keys(s.shape);
  const def = s?._zod?.def;
  for (const next of [def?.in, def?.innerType, def?.schema]) if (next) return schemaKeys(next);
  return [];
}

/** Objects shaped like the schema (some of its keys, sometimes one extra) with hostile values. */
export function shapedObject(keys: string[], valueFor: (key: string) => fc.Arbitrary<unknown> = () => hostileValue) {
  if (keys.length === 0) return fc.dictionary(fc.constantFrom("x", "__proto__", "id", "orgId"), hostileValue, { maxKeys: 2 });
  return fc
    .tuple(
      fc.record(Object.fromEntries(keys.map((k) => [k, valueFor(k)])), { requiredKeys: [] }),
      fc.option(fc.constantFrom("orgId", "role", "id", "createdAt", "extra"), { freq: 4 }),
    )
    .map(([obj, extra]) => (extra ? { ...obj, [extra]: "x" } : obj) as Record<string, unknown>);
}

/** Any input at all for a schema: wrong types, shaped objects, polluted objects. */
export function inputFor(schema: z.ZodType, valueFor?: (key: string) => fc.Arbitrary<unknown>) {
  return fc.oneof(
    { weight: 1, arbitrary: hostileValue },
    { weight: 4, arbitrary: shapedObject(schemaKeys(schema), valueFor) },
    { weight: 1, arbitrary: pollutedObject },
  );
}

export function expectNoPollution() {
  const probe = {} as Record<string, unknown>;
  if (probe.polluted !== undefined || (Object.prototype as Record<string, unknown>).polluted !== undefined) throw new Error("Object.prototype was polluted");
}

/** Every zod schema a module exports, by name. */
export function schemasOf(mod: Record<string, unknown>): [string, z.ZodType][] {
  return Object.entries(mod).filter((e): e is [string, z.ZodType] => e[1] instanceof z.ZodType);
}
