// Rows 17 and 22 / faults: with the database unreachable (a PostgreSQL port nothing listens on,
// from the first query on), health answers 503 with a short reason and the API answers 503
// "unavailable" with Retry-After in its one error shape — never a stack trace, a connection
// string or a query. tests/integration/outage.test.ts stops a working database instead.
import { vi, describe, expect, it, afterAll } from "vitest";

// Before lib/db is loaded: a PostgreSQL port nothing listens on.
const BROKEN_URL = vi.hoisted(() => {
  const url = "postgresql://postgres:hunter2-secret@127.0.0.1:1/playgate_down";
  process.env.DATABASE_URL = url;
  return url;
});

import { NextRequest } from "next/server";
import { GET as health } from "@/app/api/health/route";
import { GET as listStreams } from "@/app/api/v1/streams/route";
import { errorBody } from "@/lib/api/contracts/common";

const LEAKS = [/\bat\s+\S+\s+\(/, /node_modules/, /\.ts:\d+/, /hunter2-secret/, /127\.0\.0\.1:1/, /SELECT/i, /prisma/i, /ECONNREFUSED/];

function expectNoLeak(text: string) {
  for (const pattern of LEAKS) expect(text, `leaks ${pattern}`).not.toMatch(pattern);
}

afterAll(async () => {
  const { disconnectDb } = await import("@/lib/db");
  await disconnectDb().catch(() => undefined);
});

describe("database unreachable", () => {
  it("17: GET /api/health answers 503 with a reason and no stack trace or connection details", async () => {
    expect(process.env.DATABASE_URL).toBe(BROKEN_URL);
    const res = await health();
    const text = await res.text();
    expect(res.status).toBe(503);
    expect(res.headers.get("cache-control")).toContain("no-store");
    expect(JSON.parse(text)).toMatchObject({ status: "error", db: "unreachable", reason: expect.any(String) });
    expectNoLeak(text);
  });

  it("22: an authenticated API route answers 503 unavailable with Retry-After, in the error shape, without internals", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const res = await listStreams(new NextRequest("http://127.0.0.1:3999/api/v1/streams", { headers: { "x-api-key": "pg_live_whatever" } }), { params: Promise.resolve({}) });
      const text = await res.text();
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toMatch(/^\d+$/);
      expect(errorBody.safeParse(JSON.parse(text)).success, text).toBe(true);
      expect(JSON.parse(text).error).toMatchObject({ code: "unavailable", message: expect.stringMatching(/temporarily unavailable/) });
      expectNoLeak(text);
    } finally {
      errors.mockRestore();
    }
  });
});
