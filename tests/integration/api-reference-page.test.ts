// /docs/api, the readable API reference: built from the same contracts as the routes and the
// OpenAPI document, so every route is on it with its method, and examples use this server's URL.
// Its examples are run against the routes: what the page tells a reader to paste works.
import { beforeAll, describe, expect, it } from "vitest";
import { renderToString } from "react-dom/server";
import { applyTestConfig } from "@/tests/support/config";
import { setupTestDatabase } from "@/tests/support/db";
import { apiFixture } from "@/tests/support/api-fixture";
import { apiKey, bearer, bintu, callRoute, expectContract } from "@/tests/support/api";
import { API_CONTRACTS } from "@/lib/api/contracts";
import { splitName } from "@/lib/api/contract";
import * as tokenContracts from "@/lib/api/contracts/tokens";
import * as userContracts from "@/lib/api/contracts/users";
import * as streamContracts from "@/lib/api/contracts/streams";
import { getConfig } from "@/lib/config";
import * as invitations from "@/app/api/v1/invitations/route";
import * as streams from "@/app/api/v1/streams/route";
import * as tokens from "@/app/api/v1/secure/token/route";
import ApiReferencePage from "@/app/docs/api/page";

applyTestConfig();
setupTestDatabase();

const decode = (html: string) =>
  html.replace(/<[^>]*>/g, "").replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

/** The page's curl example for one route, as a reader copies it. */
function exampleOf(html: string, name: string): string {
  const { method, path } = splitName(name);
  const start = `curl -X ${method} ${getConfig().appUrl}${path}`;
  const found = [...html.matchAll(/<code>([^<]*)<\/code>/g)].map(([, code]) => decode(code)).find((code) => code === start || code.startsWith(`${start} `));
  if (!found) throw new Error(`no example for ${name}`);
  return found;
}

/** The JSON body after `-d '…'`, as the shell hands it to curl. */
const bodyOf = (curl: string) => JSON.parse(curl.match(/ -d '((?:[^']|'\\'')*)'$/)![1].replaceAll("'\\''", "'"));

let html: string;
let f: Awaited<ReturnType<typeof apiFixture>>;
beforeAll(async () => {
  html = renderToString(ApiReferencePage());
  f = await apiFixture();
});

describe("API reference page", () => {
  it("lists every route of the API with its method, and links the OpenAPI document and back to the app", () => {
    expect(API_CONTRACTS.length).toBeGreaterThan(25);
    for (const contract of API_CONTRACTS) {
      const { method, path } = splitName(contract.name);
      expect(html, contract.name).toContain(path);
      expect(html, contract.name).toContain(method);
    }
    expect(html).toContain('href="/api/v1/openapi.json"');
    expect(html).toContain(getConfig().appUrl);
    expect(html).toMatch(/<a [^>]*href="\/streams"[^>]*>← Back to Playgate<\/a>/);
  });

  it("names the three credential headers the API accepts", () => {
    const text = decode(html);
    for (const header of ["X-API-Key: $PLAYGATE_API_KEY", "X-BINTU-TOKEN: $PLAYGATE_SESSION_TOKEN", "Authorization: Bearer $PLAYGATE_SESSION_TOKEN"]) expect(text).toContain(header);
    expect(text).toContain("Acts as an admin.");
    expect(text).toContain("Organisation overview → API access → Session API token");
    expect(text).not.toMatch(/acts as admin\)/i);
  });

  it("gives every body a real JSON example and describes unions and arrays by what they accept", () => {
    for (const c of API_CONTRACTS.filter((c) => c.body)) {
      const curl = exampleOf(html, c.name);
      expect(curl, c.name).not.toContain("{…}");
      expect(c.body!.safeParse(bodyOf(curl)).success, c.name).toBe(true);
    }
    expect(exampleOf(html, tokenContracts.createToken.name)).toContain('"groupid"');
    const text = decode(html);
    expect(text).toContain("renditions integer | array of string (optional)");
    expect(text).toContain("streams array of string (optional)");
    expect(text).toContain("orgawide true (optional)");
    expect(text).not.toMatch(/ (value|array) \(optional\)/);
  });

  it("the invitation example works with the master key, as with an admin's session API token", async () => {
    const curl = exampleOf(html, userContracts.createInvitation.name);
    expect(curl).toContain('-H "X-API-Key: $PLAYGATE_API_KEY"');
    const body = bodyOf(curl);
    expectContract(userContracts.createInvitation, await callRoute(invitations.POST, "POST", "/api/v1/invitations", { headers: apiKey(f.masterA), body }));
    expectContract(userContracts.createInvitation, await callRoute(invitations.POST, "POST", "/api/v1/invitations", { headers: bintu(f.adminA.token), body }));
  });

  it("the stream and token examples work once <stream id> is filled in", async () => {
    const stream = await callRoute(streams.POST, "POST", "/api/v1/streams", { headers: apiKey(f.masterA), body: bodyOf(exampleOf(html, streamContracts.createStream.name)) });
    expectContract(streamContracts.createStream, stream);
    const body = JSON.parse(JSON.stringify(bodyOf(exampleOf(html, tokenContracts.createToken.name))).replace("<stream id>", (stream.json as { id: string }).id));
    expectContract(tokenContracts.createToken, await callRoute(tokens.POST, "POST", "/api/v1/secure/token", { headers: apiKey(f.masterA), body }));
    expectContract(tokenContracts.createToken, await callRoute(tokens.POST, "POST", "/api/v1/secure/token", { headers: bearer(f.userA.token), body }));
  });
});
