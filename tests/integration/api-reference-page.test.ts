// /docs/api, the readable API reference: built from the same contracts as the routes and the
// OpenAPI document, so every route is on it with its method, and examples use this server's URL.
import { describe, expect, it } from "vitest";
import { renderToString } from "react-dom/server";
import { applyTestConfig } from "@/tests/support/config";
import { API_CONTRACTS } from "@/lib/api/contracts";
import { splitName } from "@/lib/api/contract";
import { getConfig } from "@/lib/config";
import ApiReferencePage from "@/app/docs/api/page";

applyTestConfig();

describe("API reference page", () => {
  it("lists every route of the API with its method, and links the OpenAPI document", () => {
    const html = renderToString(ApiReferencePage());
    expect(API_CONTRACTS.length).toBeGreaterThan(25);
    for (const contract of API_CONTRACTS) {
      const { method, path } = splitName(contract.name);
      expect(html, contract.name).toContain(path);
      expect(html, contract.name).toContain(method);
    }
    expect(html).toContain('href="/api/v1/openapi.json"');
    expect(html).toContain(getConfig().appUrl);
  });
});
