// A new server action or API route cannot slip past the permission checks: every exported
// action goes through defineAction/definePublicAction, every route handler through
// apiRoute/publicRoute — or stands on the explicit list of framework routes below.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else out.push(full);
  }
  return out;
}

const appFiles = walk(path.join(ROOT, "app")).filter((f) => /\.(ts|tsx)$/.test(f));
const rel = (f: string) => path.relative(ROOT, f);

/** Route files that are not ours to wrap: next-auth's own handler and the health probe (both public on purpose). */
const FRAMEWORK_ROUTES = new Set(["app/api/auth/[...nextauth]/route.ts", "app/api/health/route.ts"]);

describe("server actions", () => {
  const actionFiles = appFiles.filter((f) => /^\s*["']use server["']/m.test(readFileSync(f, "utf8").split("\n").slice(0, 3).join("\n")));

  it("exist (the scan finds them)", () => {
    expect(actionFiles.length).toBeGreaterThan(0);
  });

  it.each(actionFiles.map(rel))("%s exports only wrapped actions", (file) => {
    const source = readFileSync(path.join(ROOT, file), "utf8");
    expect(source, "no exported plain functions in a 'use server' file").not.toMatch(/export\s+(async\s+)?function\s+/);
    const exported = [...source.matchAll(/export\s+const\s+(\w+)\s*=\s*([\w.]+)\(/g)];
    expect(exported.length).toBeGreaterThan(0);
    for (const [, name, wrapper] of exported) {
      expect(["defineAction", "definePublicAction"], `${name} in ${file}`).toContain(wrapper);
    }
  });
});

describe("route handlers", () => {
  const routeFiles = appFiles.filter((f) => f.endsWith("route.ts")).map(rel);

  // The edge's routes are defined once in lib/edge/routes.ts (server.ts answers them in front of
  // Next); their route files re-export them: `export const { GET, HEAD } = checkRoute;`.
  const EDGE_ROUTES = "lib/edge/routes.ts";
  const reexported = (source: string) => /from "@\/lib\/edge\/routes"/.test(source) ? [...source.matchAll(/export\s+const\s+\{([^}]+)\}\s*=/g)].flatMap((m) => m[1].split(",").map((x) => x.trim())) : [];

  it(`${EDGE_ROUTES} wraps every handler it defines in publicRoute`, () => {
    const source = readFileSync(path.join(ROOT, EDGE_ROUTES), "utf8");
    const handlers = [...source.matchAll(/\b(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS): ([\w.]+)\(/g)];
    expect(handlers.length).toBeGreaterThan(10);
    for (const [, method, wrapper] of handlers) expect(wrapper, method).toBe("publicRoute");
    expect(source.match(/\b(?:GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS):/g)?.length).toBe(handlers.length);
  });

  it.each(routeFiles)("%s wraps every handler", (file) => {
    const source = readFileSync(path.join(ROOT, file), "utf8");
    const edge = reexported(source);
    if (edge.length) {
      for (const method of edge) expect(["GET", "HEAD", "POST", "OPTIONS"], `${method} in ${file}`).toContain(method);
      expect(source, `${file} exports nothing but the edge's handlers`).not.toMatch(/export\s+(?:async function|function)\s/);
      return;
    }
    const handlers = [...source.matchAll(/export\s+(?:const|async function|function)\s+(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)\b\s*(=\s*([\w.]+)\()?/g)];
    expect(handlers.length, "a route file exports at least one handler").toBeGreaterThan(0);
    if (FRAMEWORK_ROUTES.has(file)) return;
    for (const [, method, , wrapper] of handlers) {
      expect(["apiRoute", "publicRoute", "sessionRoute"], `${method} in ${file}`).toContain(wrapper);
      if (wrapper === "sessionRoute") expect(method, `${file}: a cookie-authenticated route only reads`).toBe("GET");
    }
  });

  it("public routes are on the permission table's allow-list", async () => {
    const { isPublicPath } = await import("@/lib/permissions");
    for (const file of routeFiles) {
      const source = readFileSync(path.join(ROOT, file), "utf8");
      if (!/publicRoute\(/.test(source) && !reexported(source).length && !FRAMEWORK_ROUTES.has(file)) continue;
      const urlPath = "/" + file.replace(/^app\//, "").replace(/\/route\.ts$/, "").replace(/\[(\w+)\]/g, "x$1").replace(/\[\.\.\.(\w+)\]/, "any");
      expect(isPublicPath(urlPath), `${file} → ${urlPath}`).toBe(true);
    }
  });
});

describe("links", () => {
  // Every page is rendered per request (force-dynamic), so a prefetched page is only its layout
  // rendered once more: each visible <Link> cost the server a render and the browser a payload to
  // parse while the page was still loading (docs/performance.md#p7: 7 prefetches on /organisation/users).
  const files = [...appFiles, ...walk(path.join(ROOT, "components")).filter((f) => /\.tsx$/.test(f))];
  const withLinks = files.filter((f) => /<Link\b/.test(readFileSync(f, "utf8")));

  it("exist (the scan finds them)", () => {
    expect(withLinks.length).toBeGreaterThan(5);
  });

  it.each(withLinks.map(rel))("%s: every next/link opts out of prefetching", (file) => {
    const tags = [...readFileSync(path.join(ROOT, file), "utf8").matchAll(/<Link\b[^>]*/g)].map((m) => m[0]);
    for (const tag of tags) expect(tag, file).toMatch(/prefetch=\{false\}/);
  });
});

describe("the bench", () => {
  // `npm run bench` is not part of the test command, so nothing else would notice it breaking:
  // its modules run under plain tsx, where a module that imports vitest throws on load.
  it("loads its modules outside vitest", async () => {
    const { spawnSync } = await import("node:child_process");
    const modules = ["env", "pages", "prepare", "server", "table", "wrk", "lighthouse"].map((m) => `await import("./bench/${m}.ts");`).join(" ");
    const result = spawnSync("node_modules/.bin/tsx", ["--conditions=react-server", "-e", `(async () => { ${modules} console.log("loaded"); })()`], { encoding: "utf8", timeout: 60_000 });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout.trim()).toBe("loaded");
  }, 60_000);
});
