// The named caches: a TTL that expires, a bound that drops the least recently used entry, one load
// per key for concurrent callers, and a registry that lists every cache lib/ creates (and no
// module keeping a Map as a cache beside it).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CACHES, createCache, namedCache } from "@/lib/caches";

const root = path.join(import.meta.dirname, "../..");

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sources(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

afterEach(() => vi.useRealTimers());

describe("named caches", () => {
  it("forgets an entry once its TTL has passed on the wall clock", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const active = createCache<string, { kid: string }>("signing-keys.active");
    active.set("org1", { kid: "k1" });
    vi.setSystemTime(Date.now() + CACHES["signing-keys.active"].ttlMs - 1);
    expect(active.get("org1")).toEqual({ kid: "k1" });
    vi.setSystemTime(Date.now() + 2);
    expect(active.get("org1")).toBeUndefined();
  });

  it("keeps at most its bound, dropping the least recently used entry", () => {
    const keys = createCache<string, string>("session.cookie-keys");
    const max = CACHES["session.cookie-keys"].max;
    for (let i = 0; i < max; i++) keys.set(`secret${i}`, `key${i}`);
    expect(keys.get("secret0")).toBe("key0");
    keys.set("one more", "key");
    expect(keys.size).toBe(max);
    expect(keys.get("secret1")).toBeUndefined();
    expect(keys.get("secret0")).toBe("key0");
    expect(keys.get("one more")).toBe("key");
  });

  it("loads once for two concurrent look-ups of a key, and does not keep a failed load", async () => {
    const pending = [deferred<Record<string, number>>(), deferred<Record<string, number>>()];
    const load = vi.fn(() => pending[load.mock.calls.length - 1].promise);
    const counts = createCache<string, Record<string, number>>("users.role-counts", load);

    const first = counts.forceFetch("org1");
    const second = counts.forceFetch("org1");
    pending[0].reject(new Error("database down"));
    await expect(first).rejects.toThrow("database down");
    await expect(second).rejects.toThrow("database down");
    expect(load).toHaveBeenCalledTimes(1);

    const third = counts.forceFetch("org1");
    const fourth = counts.forceFetch("org1");
    pending[1].resolve({ admin: 1 });
    expect(await third).toEqual({ admin: 1 });
    expect(await fourth).toBe(await third);
    expect(counts.get("org1")).toEqual({ admin: 1 });
    expect(load).toHaveBeenCalledTimes(2);
  });

  it("answers the callers of a load deleted while it runs, but does not store its result", async () => {
    const pending = deferred<Record<string, number>>();
    const counts = createCache<string, Record<string, number>>("users.role-counts", () => pending.promise);
    const waiting = counts.forceFetch("org1");
    counts.delete("org1");
    pending.resolve({ admin: 2 });
    expect(await waiting).toEqual({ admin: 2 });
    expect(counts.get("org1")).toBeUndefined();
  });

  it("is one per process however many copies of lib/caches.ts are loaded (Next's bundle and server.ts's)", async () => {
    const first = namedCache<string, string>("tokens.ip-ranges");
    first.set("10.0.0.0/8", "parsed");
    vi.resetModules();
    const copy = (await import("@/lib/caches")).namedCache<string, string>("tokens.ip-ranges");
    expect(copy).toBe(first);
    expect(copy.get("10.0.0.0/8")).toBe("parsed");
    expect(createCache("tokens.ip-ranges")).not.toBe(first);
  });

  it("lists every cache lib/ creates, each created once, and lib/ keeps no Map as a cache", () => {
    const created: string[] = [];
    const mapsAtTopLevel: string[] = [];
    for (const file of sources(path.join(root, "lib"))) {
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(/namedCache(?:<.*?>)?\(\s*"([^"]+)"/g)) created.push(m[1]);
      for (const m of text.matchAll(/^(?:export )?(?:const|let) (\w+)\s*=\s*new (?:Map|WeakMap)\b/gm)) mapsAtTopLevel.push(m[1]);
    }
    expect(created.sort()).toEqual(Object.keys(CACHES).sort());
    // The route and action registries are tables of permissions filled at definition, not caches.
    expect(mapsAtTopLevel.sort()).toEqual(["ACTION_REGISTRY", "ROUTE_REGISTRY"]);
  });

  it("docs/caches.md has a row for every cache with its TTL and bound", () => {
    const doc = readFileSync(path.join(root, "docs/caches.md"), "utf8");
    for (const [name, rule] of Object.entries(CACHES)) {
      const row = doc.split("\n").find((line) => line.startsWith(`| \`${name}\` |`));
      expect(row, name).toBeDefined();
      const cells = row!.split("|").map((cell) => cell.trim());
      const ttl = rule.ttlMs === null ? "none" : rule.ttlMs >= 1000 ? `${rule.ttlMs / 1000} s` : `${rule.ttlMs} ms`;
      expect(cells.slice(4, 6), name).toEqual([ttl, rule.max.toLocaleString("en")]);
    }
  });
});
