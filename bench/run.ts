// npm run bench — every docs/performance.md figure beside its reference in one run: build and seed if
// needed, start the server on 127.0.0.1 (core 0), load it from core 1, print the table and
// write bench/results/latest.json. Flags: --only=P1,P3,P10  --rebuild  --no-build  --reseed
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { BASE_URL, benchEnv, CLIENT_CPU, DATA_DIR, PORT, RESULTS_FILE, ROOT, SERVER_CPU } from "./env";
import { buildIfNeeded, seedIfNeeded } from "./prepare";
import { startServer, type Server } from "./server";
import { wrk, type WrkResult } from "./wrk";
import { compareRenders, firstLoadJs, median, signIn } from "./pages";
import { printTable, row, type Row } from "./table";
import { measureP9 } from "./p9";
import { measureRevocation } from "./revocation";

const args = process.argv.slice(2);
const only = args.find((a) => a.startsWith("--only="))?.slice(7).split(",");
const want = (id: string) => !only || only.includes(id);
const log = (s: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${s}`);
const tsx = (script: string, extra: string[], cpu: string) => {
  const res = spawnSync("taskset", ["-c", cpu, "npx", "tsx", "--conditions=react-server", script, ...extra], {
    cwd: ROOT, env: { ...process.env, ...benchEnv() }, encoding: "utf8", maxBuffer: 64 << 20,
  });
  if (res.status !== 0) throw new Error(`${script} failed:\n${res.stderr}`);
  return JSON.parse(res.stdout.trim().split("\n").pop()!);
};
const P3_ROUNDS = Number(process.env.BENCH_P3_ROUNDS ?? 2);
const P3_SECONDS = Number(process.env.BENCH_P3_SECONDS ?? 10);
const P4_ROUNDS = Number(process.env.BENCH_P4_ROUNDS ?? 2);
const P4_SECONDS = Number(process.env.BENCH_P4_SECONDS ?? 8);
const P5_N = Number(process.env.BENCH_P5_N ?? 25);
const REVOCATION_TRIALS = Number(process.env.BENCH_REVOCATION_TRIALS ?? 200);
const P9_SECONDS = Number(process.env.BENCH_P9_SECONDS ?? 8);

async function p9(rows: Row[]) {
  const real = seedIfNeeded(false, log).seed.real;
  const live = real.find((t) => !t.revoked)!;
  const revoked = real.find((t) => t.revoked && t.stream === live.stream) ?? real.find((t) => t.revoked)!;
  const r = await measureP9(live.token, revoked.token, live.stream, P9_SECONDS, log);
  const note = (x: WrkResult) => `p50 ${x.p50Ms} ms, p99 ${x.p99Ms} ms, ${x.non2xx} non-2xx, ${x.errors} socket errors`;
  rows.push(row("P9", "HLS segment req/s, nginx + check (no cache) vs ungated", r.noCache.rps, r.ungated.rps, "ratio", 0, "req/s",
    `reported; ${note(r.noCache)}; ungated ${note(r.ungated)}; = HLS viewers one Playgate core serves at one check/s each`));
  rows.push(row("P9", "HLS segment req/s, nginx + check (5 s cache) vs ungated", r.cached.rps, r.ungated.rps, "ratio", 0, "req/s", `reported; ${note(r.cached)}`));
  rows.push(row("P9", "latency the check adds, p50 (no cache) over ungated", r.noCache.p50Ms - r.ungated.p50Ms, r.ungated.p50Ms, "ratio", 0, "ms", "reported (the ratio is over ungated p50)"));
}

async function p3(rows: Row[]) {
  const bodies = path.join(DATA_DIR, "authorize-bodies.jsonl");
  const seed = seedIfNeeded(false, log).seed;
  writeFileSync(bodies, seed.real.map((t) => JSON.stringify({ token: t.token, stream: t.stream })).join("\n") + "\n");
  // The mix answers as seeded: allowed for live tokens, refused "revoked" for revoked ones.
  for (const t of [seed.real[0], seed.real[1]]) {
    const res = await fetch(`${BASE_URL}/api/v1/playback/authorize`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ token: t.token, stream: t.stream }) });
    const json = (await res.json()) as { allowed: boolean; reason?: string };
    if (json.allowed === t.revoked || (t.revoked && json.reason !== "revoked")) throw new Error(`authorize answered ${res.status} ${JSON.stringify(json)} for a ${t.revoked ? "revoked" : "live"} token`);
  }
  // Warm-up: every token authorized once (fills the verified-token cache, which docs/performance.md#p3 allows;
  // revocation is still read from the registry on every call), then JIT and connections.
  const queue = seed.real.map((t) => JSON.stringify({ token: t.token, stream: t.stream }));
  await Promise.all(Array.from({ length: 16 }, async () => {
    for (let body = queue.pop(); body; body = queue.pop()) {
      await (await fetch(`${BASE_URL}/api/v1/playback/authorize`, { method: "POST", headers: { "Content-Type": "application/json" }, body })).arrayBuffer();
    }
  }));
  await wrk(`${BASE_URL}/api/v1/playback/authorize`, { connections: 64, seconds: 3, lua: ["bench/wrk/post-lines.lua", bodies] });
  await wrk(`${BASE_URL}/api/health`, { connections: 64, seconds: 2 });
  const auth: WrkResult[] = [];
  const health: WrkResult[] = [];
  for (let r = 0; r < P3_ROUNDS; r++) {
    const order = r % 2 ? ["health", "auth"] : ["auth", "health"];
    for (const which of order) {
      if (which === "auth") auth.push(await wrk(`${BASE_URL}/api/v1/playback/authorize`, { connections: 64, seconds: P3_SECONDS, lua: ["bench/wrk/post-lines.lua", bodies] }));
      else health.push(await wrk(`${BASE_URL}/api/health`, { connections: 64, seconds: P3_SECONDS, lua: ["bench/wrk/warm-start.lua"] }));
      log(`P3 ${which} round ${r + 1}: ${JSON.stringify((which === "auth" ? auth : health).at(-1))}`);
    }
  }
  // The floor (issue 18): a bare node:http server answering 204, pinned to the same core, measured
  // between the app's rounds; and the forward-auth check the way nginx auth_request sends it.
  const checks = path.join(DATA_DIR, "check-lines.txt");
  writeFileSync(checks, seed.real.map((t) => `${t.token} ${t.stream}`).join("\n") + "\n");
  await wrk(`${BASE_URL}/api/v1/playback/check`, { connections: 64, seconds: 3, lua: ["bench/wrk/check-lines.lua", checks] });
  const bare = await startBare();
  const check: WrkResult[] = [];
  const floor: WrkResult[] = [];
  try {
    for (let r = 0; r < P3_ROUNDS; r++) {
      for (const which of r % 2 ? ["bare", "check"] : ["check", "bare"]) {
        if (which === "check") check.push(await wrk(`${BASE_URL}/api/v1/playback/check`, { connections: 64, seconds: P3_SECONDS, lua: ["bench/wrk/check-lines.lua", checks] }));
        else floor.push(await wrk(`${bare.url}/`, { connections: 64, seconds: P3_SECONDS, lua: ["bench/wrk/warm-start.lua"] }));
        log(`P3 ${which} round ${r + 1}: ${JSON.stringify((which === "check" ? check : floor).at(-1))}`);
      }
    }
  } finally {
    bare.stop();
  }
  const c = { rps: median(check.map((x) => x.rps)), p99: median(check.map((x) => x.p99Ms)) };
  const f = { rps: median(floor.map((x) => x.rps)), p99: median(floor.map((x) => x.p99Ms)) };
  const a = { rps: median(auth.map((x) => x.rps)), p99: median(auth.map((x) => x.p99Ms)) };
  const h = { rps: median(health.map((x) => x.rps)), p99: median(health.map((x) => x.p99Ms)) };
  healthRps = h.rps;
  const refused = auth.reduce((s, x) => s + x.non2xx, 0) / auth.reduce((s, x) => s + x.requests, 0);
  const errors = auth.reduce((s, x) => s + x.errors, 0);
  rows.push(row("P3", "authorize req/s vs /api/health", a.rps, h.rps, "ratio", 0.7, "req/s", `${(refused * 100).toFixed(0)}% refused (revoked half of the mix), ${errors} socket errors`));
  rows.push(row("P3", "authorize p99 vs /api/health p99", a.p99, h.p99, "max-ratio", 1.5, "ms"));
  const checkRefused = check.reduce((s, x) => s + x.non2xx, 0) / Math.max(1, check.reduce((s, x) => s + x.requests, 0));
  rows.push(row("P3", "authorize req/s vs bare node:http 204", a.rps, f.rps, "ratio", 0.5, "req/s"));
  rows.push(row("P3", "authorize p99 vs bare node:http p99", a.p99, f.p99, "max-ratio", 2, "ms"));
  rows.push(row("P3", "check (nginx auth_request form) req/s vs bare node:http 204", c.rps, f.rps, "ratio", 0.5, "req/s", `${(checkRefused * 100).toFixed(0)}% refused (revoked half of the mix)`));
  rows.push(row("P3", "check p99 vs bare node:http p99", c.p99, f.p99, "max-ratio", 2, "ms"));
}

/**
 * Issue 21: the check with usage counting on (the running server) against a second instance with
 * PLAYGATE_USAGE_COUNTING=off on the same core, interleaved rounds, medians of at least three.
 */
async function p3Usage(rows: Row[]) {
  const seed = seedIfNeeded(false, log).seed;
  const checks = path.join(DATA_DIR, "check-lines.txt");
  writeFileSync(checks, seed.real.map((t) => `${t.token} ${t.stream}`).join("\n") + "\n");
  const offPort = PORT + 2;
  const off = await startServer(log, { port: offPort, env: { PLAYGATE_USAGE_COUNTING: "off" } });
  const urls = { on: `${BASE_URL}/api/v1/playback/check`, off: `http://127.0.0.1:${offPort}/api/v1/playback/check` };
  const rounds = Math.max(3, P3_ROUNDS);
  const got: Record<"on" | "off", WrkResult[]> = { on: [], off: [] };
  try {
    for (const which of ["on", "off"] as const) await wrk(urls[which], { connections: 64, seconds: 3, lua: ["bench/wrk/check-lines.lua", checks] });
    for (let r = 0; r < rounds; r++) {
      for (const which of r % 2 ? (["off", "on"] as const) : (["on", "off"] as const)) {
        got[which].push(await wrk(urls[which], { connections: 64, seconds: P3_SECONDS, lua: ["bench/wrk/check-lines.lua", checks] }));
        log(`P3 usage ${which} round ${r + 1}: ${JSON.stringify(got[which].at(-1))}`);
      }
    }
  } finally {
    await off.stop();
  }
  const on = median(got.on.map((x) => x.rps));
  const offRps = median(got.off.map((x) => x.rps));
  rows.push(row("P3", "check with usage counting vs counting off (interleaved)", on, offRps, "ratio", 0.9, "req/s", `median of ${rounds} rounds each; p99 ${median(got.on.map((x) => x.p99Ms)).toFixed(1)} vs ${median(got.off.map((x) => x.p99Ms)).toFixed(1)} ms`));
}

/** bench/bare-server.mjs on the server's core, on the port after the app's. */
async function startBare(): Promise<{ url: string; stop: () => void }> {
  const port = PORT + 1;
  const child = spawn("taskset", ["-c", SERVER_CPU, "node", "bench/bare-server.mjs", String(port)], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once("data", () => resolve());
    child.once("exit", (code) => reject(new Error(`bench/bare-server.mjs exited ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}

/** P3's /api/health req/s: what a route handler costs Next with (almost) no work of its own; P4 quotes it. */
let healthRps: number | undefined;

async function p4(rows: Row[]) {
  const api: number[] = [];
  const bare: number[] = [];
  let lost = 0;
  let duplicated = 0;
  let failed = 0;
  for (let r = 0; r < P4_ROUNDS; r++) {
    for (const mode of r % 2 ? ["bare", "api"] : ["api", "bare"]) {
      const tag = `bench-p4-${mode}-${Date.now()}`;
      // Clients on the client core; the bare script does the server's work, so it gets the server's core.
      const out = tsx("bench/p4.ts", [mode, tag, String(P4_SECONDS)], mode === "api" ? CLIENT_CPU : SERVER_CPU) as { ids: string[]; failed: number; perSec: number };
      const stored = (tsx("bench/p4.ts", ["count", tag], CLIENT_CPU) as { ids: string[] }).ids;
      const answered = new Set(out.ids);
      const storedSet = new Set(stored);
      lost += out.ids.filter((id) => !storedSet.has(id)).length;
      duplicated += stored.length - storedSet.size + out.ids.length - answered.size + stored.filter((id) => !answered.has(id)).length;
      failed += out.failed;
      (mode === "api" ? api : bare).push(out.perSec);
      log(`P4 ${mode} round ${r + 1}: ${out.perSec.toFixed(1)}/s, ${out.ids.length} created, ${stored.length} rows, ${out.failed} failed`);
    }
  }
  // Per-token milliseconds on the server core: how much of the API path is Next's own floor.
  const ms = (perSec: number) => (1000 / perSec).toFixed(2);
  const split = `${ms(median(api))} ms per token via the API, ${ms(median(bare))} ms bare${healthRps ? `, of which Next's route-handler floor (/api/health in P3) is ${ms(healthRps)} ms` : ""}`;
  rows.push(row("P4", "token creation via API vs bare data layer", median(api), median(bare), "ratio", 0.5, "tokens/s", `${failed} failed requests; ${split}`));
  rows.push(row("P4", "rows lost or duplicated", lost + duplicated, 0, "count", 0, "rows", `${lost} lost, ${duplicated} unexpected/duplicated`));
}

function p10(rows: Row[]) {
  seedIfNeeded(false, log);
  const out = tsx("bench/p10.ts", [], CLIENT_CPU) as {
    idleP99: number; floodP99: number; idleMedian: number; floodMedian: number; idleRequests: number; floodRequests: number; authFailures: number; drained: boolean; signIns: Record<string, number>;
  };
  const answers = Object.entries(out.signIns).map(([status, n]) => `${n}× ${status}`).join(", ");
  log(`P10: ${JSON.stringify(out)}`);
  rows.push(row("P10", "authorize p99 during a sign-in flood vs idle", out.floodP99, out.idleP99, "max-ratio", 2, "ms",
    `16 flooders with random emails from 127.0.0.2–17 (sign-ins answered ${answers}); median ${out.floodMedian.toFixed(1)} vs ${out.idleMedian.toFixed(1)} ms; ${out.floodRequests}/${out.idleRequests} authorize requests, ${out.authFailures} not 200${out.drained ? "" : "; idle measured before the flood only (the queue took over 5 s to drain)"}`));
}

async function p5(rows: Row[], server: Server) {
  const seed = seedIfNeeded(false, log).seed;
  const cookies = { big: await signIn(seed.big.admin), small: await signIn(seed.small.admin) };
  const results = await compareRenders(["/organisation/users", "/secure/token"], cookies, P5_N);
  for (const r of results) rows.push(row("P5", `render ${r.page}: 10k/200k org vs 10`, r.big, r.small, "max-ratio", 1.25, "ms", `median of ${P5_N}`));
  rows.push(row("P8", "server RSS after P5", server.rssMb() ?? NaN, 350, "max-value", 350, "MB"));
}

function p6(rows: Row[]) {
  const routes = firstLoadJs();
  const empty = routes.find((r) => r.route === "/_not-found") ?? routes.reduce((a, b) => (a.gzipBytes < b.gzipBytes ? a : b));
  for (const r of routes.filter((x) => x !== empty).sort((a, b) => b.gzipBytes - a.gzipBytes)) {
    rows.push(row("P6", `First Load JS ${r.route} vs ${empty.route}`, r.gzipBytes / 1024, empty.gzipBytes / 1024, "max-ratio", 1.15, "KiB gz"));
  }
}

async function measure(rows: Row[]) {
  if (want("P1") || want("P2")) {
    log(`P1/P2 microbench on core ${CLIENT_CPU} …`);
    const m = tsx("bench/micro.ts", [], CLIENT_CPU) as { p1: Record<string, number>; p2: Record<string, number>; rounds: number };
    const note = `median of ${m.rounds} interleaved rounds`;
    if (want("P1")) {
      rows.push(row("P1", "verify: ours vs bare jose.jwtVerify", m.p1.ours, m.p1.jose, "ratio", 0.9, "ops/s", note));
      rows.push(row("P1", "verify: ours vs raw node:crypto ES256", m.p1.ours, m.p1.raw, "ratio", 0.5, "ops/s", note));
    }
    if (want("P2")) rows.push(row("P2", "sign: ours (incl. key lookup) vs bare SignJWT", m.p2.ours, m.p2.jose, "ratio", 0.9, "ops/s", note));
  }
  if (want("P6")) p6(rows);
  if (want("P3") || want("P3R")) {
    const r = await measureRevocation(REVOCATION_TRIALS, log);
    rows.push(row("P3", "revocation on the other instance (2 instances, PostgreSQL): p100 from revoke to first refusal", r.p100Ms, 1000, "max-value", 1000, "ms",
      `${r.trials} trials; p50 ${r.p50Ms.toFixed(0)} ms, p99 ${r.p99Ms.toFixed(0)} ms; the revoking instance allowed the next check in ${r.sameInstanceLate} of them`));
    rows.push(row("P3", "revocation on the instance that revoked: next checks allowed", r.sameInstanceLate, 0, "max-value", 0, "trials"));
  }
  if (!["P3", "P3U", "P4", "P5", "P7", "P8", "P9", "P10"].some(want)) return;
  const server = await startServer(log);
  try {
    rows.push(row("P8", "server RSS at start (orientation)", server.rssMb() ?? NaN, 350, "max-value", 350, "MB"));
    if (want("P3")) {
      await p3(rows);
      rows.push(row("P8", "server RSS after P3", server.rssMb() ?? NaN, 350, "max-value", 350, "MB"));
    }
    if (want("P3") || want("P3U")) await p3Usage(rows);
    if (want("P5")) await p5(rows, server);
    if (want("P4")) await p4(rows);
    if (want("P9")) await p9(rows);
    if (want("P10")) p10(rows);
    if (want("P7")) {
      const { lighthouseRows } = await import("./lighthouse");
      rows.push(...(await lighthouseRows(seedIfNeeded(false, log).seed, log)));
    }
  } catch (error) {
    console.error(`server output:\n${server.tail()}`);
    throw error;
  } finally {
    await server.stop();
  }
}

/** wrk drives P3 and P10; Debian has it. Installed here as the test script installs what tests need. */
function ensureWrk() {
  if (spawnSync("sh", ["-c", "command -v wrk"]).status === 0) return;
  log("installing wrk (Debian) …");
  const res = spawnSync("sh", ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk"], { stdio: "inherit" });
  if (res.status !== 0) throw new Error("wrk is missing and could not be installed: apt-get install wrk");
}

async function main() {
  const started = Date.now();
  ensureWrk();
  const build = args.includes("--no-build") ? { built: false, seconds: 0 } : buildIfNeeded(args.includes("--rebuild"), log);
  if (build.built) log(`built in ${build.seconds.toFixed(0)} s`);
  const seed = seedIfNeeded(args.includes("--reseed"), log);
  if (seed.seeded) log(`seeded in ${seed.seconds.toFixed(0)} s`);
  const rows: Row[] = [];
  await measure(rows);
  const load = os.loadavg().map((x) => x.toFixed(2)).join(" ");
  printTable(rows);
  const result = {
    at: new Date().toISOString(), seconds: (Date.now() - started) / 1000, cpus: os.cpus().length, loadAverage: load,
    pinning: { server: SERVER_CPU, client: CLIENT_CPU }, built: build.built, seeded: seed.seeded, rows,
  };
  mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  writeFileSync(RESULTS_FILE, JSON.stringify(result, null, 2) + "\n");
  log(`${rows.filter((r) => !r.ok).length} of ${rows.length} figures not ok; load average ${load}; wrote ${path.relative(ROOT, RESULTS_FILE)} in ${result.seconds.toFixed(0)} s`);
}

// The bench process itself (and so wrk, the clients and Chromium it starts) runs on the client core.
if (process.env.BENCH_PINNED !== "1") {
  const res = spawnSync("taskset", ["-c", CLIENT_CPU, process.execPath, ...process.execArgv, __filename, ...args], { stdio: "inherit", env: { ...process.env, BENCH_PINNED: "1" } });
  process.exit(res.status ?? 1);
} else {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
