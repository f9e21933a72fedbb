// The API reference's curl examples paste as they are: every contract with a body carries an
// example its own schema accepts, the shell hands that body to curl unchanged, placeholders are
// explained, and each example sends a credential the route really accepts.
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { API_CONTRACTS } from "@/lib/api/contracts";
import { curlExample, shellQuote } from "@/app/docs/api/curl-example";

const withBody = API_CONTRACTS.filter((c) => c.body);
/** What a POSIX shell passes on for `-d <quoted>`. */
const throughShell = (quoted: string) => execFileSync("sh", ["-c", `printf %s ${quoted}`], { encoding: "utf8" });

describe("API examples", () => {
  it("exist for every route with a body, and only for those", () => {
    expect(withBody.length).toBeGreaterThan(8);
    for (const c of API_CONTRACTS) expect(c.example !== undefined, c.name).toBe(c.body !== undefined);
  });

  it.each(withBody.map((c) => [c.name, c] as const))("%s: the example is valid for the route's own body schema", (_, c) => {
    const parsed = c.body!.safeParse(c.example);
    expect(parsed.success, parsed.success ? "" : JSON.stringify(parsed.error.issues)).toBe(true);
  });

  it("name every <placeholder> in the description, so a reader knows what to put there", () => {
    for (const c of withBody) {
      for (const [placeholder] of JSON.stringify(c.example).matchAll(/<[^<>"]+>/g)) expect(c.description ?? "", c.name).toContain(placeholder);
    }
  });

  it("reach curl through the shell unchanged, also with a single quote in a value", () => {
    const tricky = JSON.stringify({ name: "Ana's stage", note: `$HOME "quoted" \\ \`date\`` });
    expect(throughShell(shellQuote(tricky))).toBe(tricky);
    for (const c of withBody) {
      const quoted = curlExample(c, "http://127.0.0.1:3000").match(/ -d ('(?:[^']|'\\'')*')$/)?.[1];
      expect(quoted, c.name).toBeDefined();
      const sent = throughShell(quoted!);
      expect(c.body!.safeParse(JSON.parse(sent)).success, c.name).toBe(true);
      expect(sent, c.name).not.toContain("…");
    }
  });

  it("send the master key to every authenticated route, and no credential to public ones", () => {
    for (const c of API_CONTRACTS) {
      const curl = curlExample(c, "http://127.0.0.1:3000");
      const header = curl.match(/-H "(X-API-Key|X-BINTU-TOKEN|X-BINTU-APIKEY): /)?.[1];
      // nanoStream's splay family is shown with nanoStream's header, which it accepts (tests/integration/api-splay.test.ts).
      expect(header, c.name).toBe(c.permission === "public" ? undefined : c.dialect === "nanostream" ? "X-BINTU-APIKEY" : "X-API-Key");
    }
  });
});
