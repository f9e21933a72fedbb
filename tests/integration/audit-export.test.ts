// The audit log as CSV (GET /api/v1/audit-events.csv): what an admin keeps before the retention
// period removes old events. Every matching event once, newest first, across pages; RFC 4180
// quoting; no cell a spreadsheet would run as a formula; admins only; one organisation's events.
import { beforeAll, describe, expect, it } from "vitest";
import { setupTestDatabase } from "@/tests/support/db";
import { db } from "@/lib/db";
import { apiFixture } from "@/tests/support/api-fixture";
import { apiKey, bintu, callRoute, expectError } from "@/tests/support/api";
import * as csv from "@/app/api/v1/audit-events.csv/route";

setupTestDatabase();
let f: Awaited<ReturnType<typeof apiFixture>>;
beforeAll(async () => {
  f = await apiFixture();
});

/** An RFC 4180 reader, written for the test: quoted cells may hold commas, quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = "";
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") endCell();
    else if (ch === "\r" && text[i + 1] === "\n") {
      endCell();
      rows.push(row);
      row = [];
      i++;
    } else cell += ch;
  }
  expect(cell, "the file ends with CRLF").toBe("");
  return rows;
}

const exportAs = (headers: Record<string, string>, query: Record<string, string> = {}) => callRoute(csv.GET, "GET", "/api/v1/audit-events.csv", { headers, query });

describe("audit log export as CSV", () => {
  it("holds every matching event once, newest first, across its 500-row pages, with the filter applied", async () => {
    const base = Date.now() - 60_000;
    await db.auditEvent.createMany({
      data: Array.from({ length: 1203 }, (_, i) => ({ orgId: f.orgA.id, actorKind: "system", actorEmail: "export@test", action: "export.test", targetLabel: `e${i}`, createdAt: new Date(base + i) })),
    });
    const res = await exportAs(apiKey(f.masterA), { action: "export.test" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="playgate-audit-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const [header, ...rows] = parseCsv(res.json as string);
    expect(header).toEqual(["createdAt (UTC)", "actorEmail", "actorKind", "actorDeleted", "action", "result", "targetType", "targetId", "targetLabel", "details"]);
    expect(rows).toHaveLength(1203);
    expect(rows.map((r) => r[8])).toEqual(Array.from({ length: 1203 }, (_, i) => `e${1202 - i}`));
    expect(rows[0][0]).toBe(new Date(base + 1202).toISOString());
    expect(rows.every((r) => r[4] === "export.test")).toBe(true);
  });

  it("quotes commas, quotes and line breaks, and no cell starts a formula", async () => {
    const labels = ['a, b', 'say "hi"', "two\r\nlines", "=HYPERLINK(\"https://evil.example\")", "+1", "-2", "@SUM(A1)", "\tTAB"];
    await db.auditEvent.createMany({ data: labels.map((targetLabel, i) => ({ orgId: f.orgA.id, actorKind: "system", actorEmail: "quote@test", action: "quote.test", targetLabel, createdAt: new Date(Date.now() - 1000 + i) })) });
    const res = await exportAs(apiKey(f.masterA), { action: "quote.test" });
    const rows = parseCsv(res.json as string).slice(1);
    expect(rows.map((r) => r[8]).reverse()).toEqual(['a, b', 'say "hi"', "two\r\nlines", "'=HYPERLINK(\"https://evil.example\")", "'+1", "'-2", "'@SUM(A1)", "'\tTAB"]);
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(rows.every((r) => r.length === 10)).toBe(true);
  });

  it("is for admins: readonly and user get 403, no credential 401, and another organisation sees none of these events", async () => {
    expectError(await exportAs(bintu(f.userA.token)), 403);
    expectError(await exportAs(bintu(f.readonlyA.token)), 403);
    expectError(await exportAs({}), 401);
    const other = await exportAs(apiKey(f.masterB), { action: "export.test" });
    expect(other.status).toBe(200);
    expect(parseCsv(other.json as string)).toHaveLength(1);
  });

  it("refuses a filter it does not know with 400, in the API's error shape", async () => {
    expectError(await exportAs(apiKey(f.masterA), { limit: "5" }), 400);
  });
});
