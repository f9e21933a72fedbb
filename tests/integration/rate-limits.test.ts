// The database-backed limiter counts every attempt, also when many arrive at once.
import { describe, expect, it } from "vitest";
import { setupTestDatabase } from "@/tests/support/db";
import { hitRateLimit, peekRateLimit } from "@/lib/data/rate-limits";

setupTestDatabase();

describe("rate limits", () => {
  it("counts 20 concurrent hits exactly and limits past the maximum", async () => {
    const setting = { max: 10, windowSec: 60 };
    const states = await Promise.all(Array.from({ length: 20 }, () => hitRateLimit("test:concurrent", setting)));
    expect(Math.max(...states.map((s) => s.count))).toBe(20);
    expect(states.filter((s) => s.limited)).toHaveLength(10);
    expect((await peekRateLimit("test:concurrent", setting)).count).toBe(20);
  });

  it("starts a new window once the old one has passed", async () => {
    const setting = { max: 1, windowSec: 1 };
    await hitRateLimit("test:window", setting);
    expect((await hitRateLimit("test:window", setting)).limited).toBe(true);
    await new Promise((r) => setTimeout(r, 1100));
    expect((await hitRateLimit("test:window", setting)).limited).toBe(false);
  });
});
