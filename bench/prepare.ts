// "Builds if needed" and "seeds if needed": a production build into .next-bench (never the
// lead's .next) and the scale dataset in bench/data (never the demo database).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { benchEnv, DATA_DIR, DIST_DIR, ROOT, SEED_FILE, type SeedInfo } from "./env";

const SOURCES = ["app", "components", "lib", "proxy.ts", "instrumentation.ts", "next.config.ts", "package-lock.json", "postcss.config.mjs"];

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  if (p.endsWith(path.join("lib", "generated"))) return 0;
  return Math.max(0, ...readdirSync(p).map((n) => newestMtime(path.join(p, n))));
}

/** Builds when there is no bench build or a source file changed since it. */
export function buildIfNeeded(force: boolean, log: (s: string) => void): { built: boolean; seconds: number } {
  const buildId = path.join(ROOT, DIST_DIR, "BUILD_ID");
  const stale = !existsSync(buildId) || SOURCES.some((s) => newestMtime(path.join(ROOT, s)) > statSync(buildId).mtimeMs);
  if (!force && !stale) return { built: false, seconds: 0 };
  log(`building into ${DIST_DIR} …`);
  // next build adds its dist folder's type globs to tsconfig.json; that file is shared, so the
  // bench puts it back exactly as it was.
  const tsconfig = path.join(ROOT, "tsconfig.json");
  const before = readFileSync(tsconfig, "utf8");
  const started = Date.now();
  const res = spawnSync("taskset", ["-c", "0-1", "npx", "next", "build"], {
    cwd: ROOT,
    env: { ...process.env, ...benchEnv(), PLAYGATE_SKIP_TYPECHECK: "1", NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
    encoding: "utf8",
  });
  if (readFileSync(tsconfig, "utf8") !== before) writeFileSync(tsconfig, before);
  if (res.status !== 0) throw new Error(`next build failed:\n${res.stdout}\n${res.stderr}`);
  // The server the bench starts is the one `npm start` runs: server.ts bundled beside the build.
  const server = spawnSync("node", ["scripts/build-server.mjs"], { cwd: ROOT, env: { ...process.env, ...benchEnv() }, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
  if (server.status !== 0) throw new Error(`scripts/build-server.mjs failed:\n${server.stdout}\n${server.stderr}`);
  return { built: true, seconds: (Date.now() - started) / 1000 };
}

export function seedIfNeeded(force: boolean, log: (s: string) => void): { seeded: boolean; seed: SeedInfo; seconds: number } {
  let seeded = false;
  const started = Date.now();
  if (force || !existsSync(SEED_FILE)) {
    rmSync(DATA_DIR, { recursive: true, force: true });
    mkdirSync(DATA_DIR, { recursive: true });
    log("seeding bench/data/bench.db (10,000 users, 1,000 streams, 200,000 tokens) …");
    const res = spawnSync("npx", ["tsx", "--conditions=react-server", "bench/seed.ts"], { cwd: ROOT, env: { ...process.env, ...benchEnv() }, encoding: "utf8" });
    if (res.status !== 0) throw new Error(`seed failed:\n${res.stdout}\n${res.stderr}`);
    log(res.stdout.trim());
    seeded = true;
  }
  return { seeded, seed: JSON.parse(readFileSync(SEED_FILE, "utf8")) as SeedInfo, seconds: (Date.now() - started) / 1000 };
}
