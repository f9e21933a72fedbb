// Revocation across instances (issue 18): two built Playgate servers on one PostgreSQL database
// (a fresh one in the throw-away cluster of scripts/pg.sh, demo-seeded by the first), each pinned
// like the app. Per trial: a token is created through instance A's API, instance B checks it
// until it is allowed (so B keeps its registry row), A revokes it through the API, and B is asked
// every few milliseconds until it refuses. Reported: the time from A's answer to B's first
// refusal (p50, p99, p100) and whether A itself refused the very next check.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, stopProcess, waitFor } from "../scripts/edge-tools";
import { benchEnv, CLIENT_CPU, ROOT, SERVER_CPU } from "./env";

export interface RevocationResult {
  trials: number;
  p50Ms: number;
  p99Ms: number;
  p100Ms: number;
  /** Trials where instance A allowed the token on the check right after its own revoke's answer. */
  sameInstanceLate: number;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

function pgUrl(): string {
  const res = spawnSync("bash", ["scripts/pg.sh", "start"], { cwd: ROOT, encoding: "utf8" });
  if (res.status !== 0) throw new Error(`scripts/pg.sh start failed: ${res.stderr}`);
  return res.stdout.trim();
}

/** One instance of a deployment whose public address is `appUrl` (the same for every instance). */
function startInstance(port: number, appUrl: string, env: Record<string, string>, cpu: string) {
  let output = "";
  const child = spawn("taskset", ["-c", cpu, "bash", "scripts/start.sh"], { cwd: ROOT, env: { ...process.env, ...env, PORT: String(port), APP_URL: appUrl, NEXTAUTH_URL: appUrl }, stdio: ["ignore", "pipe", "pipe"], detached: true });
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  return { child, url: `http://127.0.0.1:${port}`, output: () => output };
}

async function stopGroup(child: ChildProcess) {
  try {
    process.kill(-child.pid!, "SIGTERM");
  } catch {}
  await stopProcess(child);
}

export async function measureRevocation(trials: number, log: (s: string) => void): Promise<RevocationResult> {
  const server = pgUrl();
  const name = `playgate_bench_revocation_${process.pid}`;
  const admin = (sql: string) => spawnSync("psql", [server, "-qAtc", sql], { encoding: "utf8" });
  admin(`DROP DATABASE IF EXISTS ${name}`);
  admin(`CREATE DATABASE ${name}`);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "playgate-bench-revocation-"));
  const env = { ...benchEnv(), DATABASE_URL: server.replace(/\/postgres$/, `/${name}`), PLAYGATE_DATA_DIR: dataDir };
  const [portA, portB] = [await freePort(), await freePort()];
  // A migrates and seeds (printing the demo master key); B starts on the migrated database.
  const appUrl = `http://127.0.0.1:${portA}`;
  const a = startInstance(portA, appUrl, env, SERVER_CPU);
  let b: ReturnType<typeof startInstance> | undefined;
  try {
    await waitFor("instance A", () => fetch(`${a.url}/api/health`).then((r) => r.ok, () => false), 120_000, a.child, a.output);
    const key = /Master API key[^\n]*\n\s+(\S+)/.exec(a.output())?.[1];
    if (!key) throw new Error(`no demo master key in instance A's output:\n${a.output()}`);
    b = startInstance(portB, appUrl, env, CLIENT_CPU);
    await waitFor("instance B", () => fetch(`${b!.url}/api/health`).then((r) => r.ok, () => false), 120_000, b.child, b.output);
    const api = (path: string, init: RequestInit = {}) => fetch(`${a.url}${path}`, { ...init, headers: { "x-api-key": key, "content-type": "application/json", ...init.headers } });
    const streams = (await (await api("/api/v1/streams")).json()) as { items: { id: string; requiresToken: boolean; renditions: { streamName: string }[] }[] };
    const group = streams.items.find((s) => s.requiresToken && s.renditions.length) ?? streams.items[0];
    const stream = group.renditions[0].streamName;
    const check = async (base: string, token: string) => {
      const res = await fetch(`${base}/api/v1/playback/check`, { headers: { authorization: `Bearer ${token}`, "x-original-uri": `/hls/${stream}/index.m3u8` } });
      await res.arrayBuffer();
      return res.status;
    };
    const delays: number[] = [];
    let sameInstanceLate = 0;
    for (let i = 0; i < trials; i++) {
      const created = (await (await api("/api/v1/secure/token", { method: "POST", body: JSON.stringify({ groupid: group.id }) })).json()) as { id: string; token: string };
      // B allows it and keeps checking (as an edge does for a viewer); A has seen it too.
      for (let status = await check(b.url, created.token), since = Date.now(); status !== 204; status = await check(b.url, created.token)) {
        if (Date.now() - since > 10_000) throw new Error(`instance B answers ${status} for a live token`);
        await new Promise((r) => setTimeout(r, 5));
      }
      if ((await check(a.url, created.token)) !== 204) throw new Error("instance A refused a live token");
      for (let k = 0; k < 3; k++) await check(b.url, created.token);
      const revoke = await api(`/api/v1/secure/token/${created.id}/revoke`, { method: "POST" });
      if (!revoke.ok) throw new Error(`revoke answered ${revoke.status}`);
      const answeredAt = performance.now();
      if ((await check(a.url, created.token)) === 204) sameInstanceLate++;
      while ((await check(b.url, created.token)) === 204) {
        if (performance.now() - answeredAt > 10_000) throw new Error("instance B still allowed a revoked token after 10 s");
        await new Promise((r) => setTimeout(r, 2));
      }
      delays.push(performance.now() - answeredAt);
      if ((i + 1) % 50 === 0) log(`revocation: ${i + 1}/${trials} trials, worst so far ${Math.max(...delays).toFixed(0)} ms`);
    }
    const sorted = delays.sort((x, y) => x - y);
    return { trials, p50Ms: pct(sorted, 50), p99Ms: pct(sorted, 99), p100Ms: sorted[sorted.length - 1], sameInstanceLate };
  } finally {
    if (b) await stopGroup(b.child);
    await stopGroup(a.child);
    admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
