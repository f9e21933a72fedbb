// How pages read their filters from the URL: one value, trimmed, and nothing PostgreSQL would
// refuse (a NUL in a filter or cursor must be no filter, not a 500).
import { describe, expect, it } from "vitest";
import { renderToString } from "react-dom/server";
import { Pagination, searchParam } from "@/components/ui/pagination";

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

describe("Pagination", () => {
  const hrefs = (html: string) => [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1].replaceAll("&amp;", "&"));

  it("keeps the filters, swaps the cursor and lands on the list's anchor when given one", () => {
    const html = renderToString(<Pagination basePath="/secure/token" searchParams={{ tag: "live", after: "c1" }} newerCursor="c2" olderCursor="c3" anchor="issued-tokens" />);
    expect(hrefs(html)).toEqual(["/secure/token?tag=live&before=c2#issued-tokens", "/secure/token?tag=live&after=c3#issued-tokens"]);
  });

  it("without an anchor links to the page itself, and a missing direction is not a link", () => {
    const html = renderToString(<Pagination basePath="/streams" searchParams={{}} olderCursor="c3" />);
    expect(hrefs(html)).toEqual(["/streams?after=c3"]);
    expect(html).toContain('aria-disabled="true"');
  });
});
