// How pages read their filters from the URL: one value, trimmed, and nothing PostgreSQL would
// refuse (a NUL in a filter or cursor must be no filter, not a 500).
import { describe, expect, it } from "vitest";
import { searchParam } from "@/components/ui/pagination";

describe("searchParam", () => {
  it("takes the first value, trimmed; empty is absent", () => {
    expect(searchParam(" live ")).toBe("live");
    expect(searchParam(["admin", "user"])).toBe("admin");
    expect(searchParam("   ")).toBeUndefined();
    expect(searchParam(undefined)).toBeUndefined();
    expect(searchParam([])).toBeUndefined();
  });

  it("a value with a NUL character is absent", () => {
    expect(searchParam("grp_x\u0000")).toBeUndefined();
    expect(searchParam(["\u0000", "ok"])).toBeUndefined();
  });
});
