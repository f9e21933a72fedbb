// @vitest-environment jsdom
// deploy/edge/: every file says at its top which values to fill in, and those are exactly the values
// marked "← fill in" below; each names its server's Playgate hook or the check; the YAML and XML parse
// and carry the settings that make the gate hold (a hook that refuses, no trust in viewer headers).
// The files for servers Debian does not package say so: their hooks are tested by posting what the
// server sends (tests/integration/hooks-*.test.ts); nginx, nginx-rtmp and Caddy run in tests/e2e.
import { readdirSync, readFileSync } from "node:fs";
import { load } from "js-yaml";
import { describe, expect, it } from "vitest";

const DIR = "deploy/edge";
const read = (name: string) => readFileSync(`${DIR}/${name}`, "utf8");
const WORDS = ["zero", "one", "two", "three", "four", "five", "six"];

const HOOK = (server: string) => `/api/v1/organisations/ORG_ID/hooks/${server}`;
const CHECK = "/api/v1/playback/check";

/** Each file: where its fill-in values end up, and whether a test here runs the server itself. */
const FILES: Record<string, { names: string; runHere: boolean }> = {
  "nginx-hls.conf": { names: CHECK, runHere: true },
  "nginx-rtmp.conf": { names: "/hooks/nginx-rtmp", runHere: true },
  Caddyfile: { names: CHECK, runHere: true },
  "srs.conf": { names: HOOK("srs"), runHere: false },
  "mediamtx.yml": { names: HOOK("mediamtx"), runHere: false },
  "ome-Server.xml": { names: HOOK("ome"), runHere: false },
  "traefik.yml": { names: CHECK, runHere: false },
  "envoy.yaml": { names: CHECK, runHere: false },
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Tree = any;

describe("deploy/edge/", () => {
  it("holds exactly the files listed here", () => {
    expect(readdirSync(DIR).sort()).toEqual(Object.keys(FILES).sort());
  });

  describe.each(Object.entries(FILES))("%s", (name, { names, runHere }) => {
    const text = read(name);

    it("says at its top how many values to fill in, names each, and marks exactly those", () => {
      const marked = [...new Set([...text.matchAll(/← fill in ([A-Z_]+)/g)].map((m) => m[1]))];
      expect(marked.length).toBeGreaterThan(0);
      const header = text.split("\n").slice(0, 30).join("\n");
      const said = header.match(/Fill in the (\w+) values? marked "← fill in"/);
      expect(said, "the header's fill-in sentence").not.toBeNull();
      expect(WORDS.indexOf(said![1])).toBe(marked.length);
      const described = header.slice(said!.index!);
      for (const value of marked) expect(described, `${value} described in the header`).toMatch(new RegExp(`\\b${value}\\b`));
    });

    it("names its Playgate endpoint and how to run it", () => {
      expect(text).toContain(names);
      expect(text).toMatch(/Run it: {1,2}\S/);
    });

    it(runHere ? "is run end to end by a test" : "says it is not run here and which test covers its hook", () => {
      if (runHere) {
        expect(text).toMatch(/Tested as it is by tests\/e2e\/edge-\w+\.test\.ts/);
      } else {
        expect(text).toMatch(/Not run here: \w+ is not packaged by Debian/);
        expect(text).toMatch(/tests\/(integration|e2e)\/[\w-]+\.test\.ts/);
      }
    });
  });

  it("srs.conf: every hook SRS calls goes to the SRS hook; its braces balance", () => {
    const text = read("srs.conf").replace(/#.*$/gm, "");
    for (const hook of ["on_play", "on_stop", "on_publish", "on_unpublish"]) {
      expect(text).toMatch(new RegExp(`^\\s*${hook}\\s+https?://\\S+${HOOK("srs")};`, "m"));
    }
    expect(text).toMatch(/http_hooks\s*\{\s*enabled\s+on;/);
    expect(text.split("{").length).toBe(text.split("}").length);
  });

  it("mediamtx.yml parses; MediaMTX asks the MediaMTX hook and excludes no read or publish", () => {
    const conf: Tree = load(read("mediamtx.yml"));
    expect(conf.authMethod).toBe("http");
    expect(conf.authHTTPAddress).toMatch(new RegExp(`^https?://[^ ]+${HOOK("mediamtx")}$`));
    const excluded = (conf.authHTTPExclude as { action: string }[]).map((e) => e.action);
    expect(excluded).not.toContain("read");
    expect(excluded).not.toContain("publish");
    for (const off of excluded) expect(conf[off], `${off} listener off when excluded`).toBe(false);
  });

  it("ome-Server.xml parses; AdmissionWebhooks call the OME hook, signed, for providers and publishers", () => {
    const doc = new DOMParser().parseFromString(read("ome-Server.xml"), "application/xml");
    expect(doc.getElementsByTagName("parsererror")).toHaveLength(0);
    const hooks = doc.querySelector("Server > VirtualHosts > VirtualHost > AdmissionWebhooks");
    expect(hooks).not.toBeNull();
    expect(hooks!.querySelector("ControlServerUrl")!.textContent).toMatch(new RegExp(`^https?://\\S+${HOOK("ome")}$`));
    expect(hooks!.querySelector("SecretKey")!.textContent).toMatch(/^pg_ome_/);
    expect(hooks!.querySelector("Enables > Providers")!.textContent).toContain("rtmp");
    expect(hooks!.querySelector("Enables > Publishers")!.textContent).toContain("llhls");
    expect(doc.querySelector("Application > Name")!.textContent).toBe("live");
  });

  it("traefik.yml parses; the HLS router runs the check after CORS and trusts no viewer X-Forwarded-*", () => {
    const conf: Tree = load(read("traefik.yml"));
    const router = conf.http.routers["playgate-hls"];
    expect(router.middlewares).toEqual(["playgate-cors", "playgate-check"]);
    const auth = conf.http.middlewares["playgate-check"].forwardAuth;
    expect(auth.address).toMatch(new RegExp(`^https?://\\S+${CHECK}$`));
    expect(auth.trustForwardHeader).toBe(false);
    expect(conf.http.services[router.service].loadBalancer.servers).toHaveLength(1);
  });

  it("envoy.yaml parses; ext_authz asks the check, fails closed, and the viewer address comes from the connection", () => {
    const conf: Tree = load(read("envoy.yaml"));
    const manager = conf.static_resources.listeners[0].filter_chains[0].filters[0].typed_config;
    expect(manager.use_remote_address).toBe(true);
    const filters = (manager.http_filters as { name: string; typed_config: Tree }[]).map((f) => f.name);
    expect(filters).toEqual(["envoy.filters.http.cors", "envoy.filters.http.ext_authz", "envoy.filters.http.router"]);
    const authz = manager.http_filters[1].typed_config;
    expect(authz.failure_mode_allow).toBe(false);
    expect(authz.http_service.path_prefix).toBe(CHECK);
    const clusters = (conf.static_resources.clusters as { name: string }[]).map((c) => c.name);
    expect(clusters).toContain(authz.http_service.server_uri.cluster);
    expect(clusters).toContain(manager.route_config.virtual_hosts[0].routes[0].route.cluster);
  });
});
