// Response pieces shared by every contract.
import { z } from "zod";

export const errorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), fields: z.record(z.string(), z.array(z.string())).optional() }),
});

export const isoDate = z.string().describe("ISO 8601 timestamp, UTC");
export const nullableIsoDate = isoDate.nullable();

export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export const okBody = z.object({ ok: z.literal(true) });
export const countBody = z.object({ count: z.number().int() });

/** `?limit=&cursor=`; limit capped at 100. */
export const pageQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(25),
    cursor: z.string().max(200).optional(),
  })
  .strict();

/** JSON for an API response: dates as ISO strings. */
export function iso(value: Date | null | undefined): string | null {
  return value ? value.toISOString() : null;
}
