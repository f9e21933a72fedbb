// Starts the built app on 127.0.0.1 (scripts/start.sh → server.ts, one process) pinned to the
// server core, measures the RSS of the whole process tree it started (P8) and stops that group.
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { BASE_URL, benchEnv, ROOT, SERVER_CPU } from "./env";

export interface Server {
  child: ChildProcess;
  /** The server's last output lines, for errors. */
  tail: () => string;
  nextPid: () => number | null;
  rssMb: () => number | null;
  stop: () => Promise<void>;
}

function parentOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return null;
  }
}

function descendants(root: number): number[] {
  const all = readdirSync("/proc").filter((d) => /^\d+$/.test(d)).map(Number);
  return all.filter((pid) => {
    for (let p: number | null = pid, hops = 0; p && hops < 20; p = parentOf(p), hops++) if (p === root) return pid !== root;
    return false;
  });
}

export function rssMbOf(pid: number): number | null {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}

/** `extra.port` and `extra.env`: a second instance beside the first (P3's usage-counting rounds). */
export async function startServer(log: (s: string) => void, extra: { port?: number; env?: Record<string, string> } = {}): Promise<Server> {
  const base = extra.port ? `http://127.0.0.1:${extra.port}` : BASE_URL;
  const child = spawn("taskset", ["-c", SERVER_CPU, "bash", "scripts/start.sh"], {
    cwd: ROOT,
    env: { ...process.env, ...benchEnv(), NODE_ENV: "production", ...(extra.port ? { PORT: String(extra.port) } : {}), ...extra.env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // own process group, so stop() ends exactly what we started
  });
  let output = "";
  const keep = (d: Buffer) => (output = (output + d).slice(-20_000));
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {}
    if (Date.now() > deadline) throw new Error(`server not ready in 90 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  // The server is the process start.sh exec'd into (the group leader itself) plus anything it spawned.
  const nextPid = () => child.pid ?? null;
  const treeRssMb = () => {
    const pids = [child.pid!, ...descendants(child.pid!)];
    const sizes = pids.map(rssMbOf).filter((n): n is number => n !== null);
    return sizes.length ? sizes.reduce((a, b) => a + b, 0) : null;
  };
  log(`server ready at ${base} (pid ${child.pid}) on core ${SERVER_CPU}`);
  return {
    child,
    tail: () => output.split("\n").slice(-40).join("\n"),
    nextPid,
    rssMb: treeRssMb,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {}
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (child.exitCode === null) try { process.kill(-child.pid!, "SIGKILL"); } catch {}
    },
  };
}
