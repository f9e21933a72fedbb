// Running the real parts of an edge: Debian's nginx on a file of deploy/edge/ with its "← fill in"
// values filled in (nothing else changed) and ffmpeg publishing a test picture. Used by the
// end-to-end tests (tests/e2e/support/edge.ts) and by `npm run demo:edge` (scripts/demo-edge.ts).
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";

/** Whether nothing listens on 127.0.0.1:port (nginx-rtmp.conf's hook relay has a fixed one). */
export function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once("error", () => resolve(false));
    srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

/**
 * Replaces the value on each line marked `# ← fill in NAME` (the last word before the marker, bar a
 * `;` or `{`), exactly as an operator edits the file.
 */
export function fillIn(text: string, values: Record<string, string | number>): string {
  let out = text;
  for (const [name, value] of Object.entries(values)) {
    const marker = new RegExp(`^(.*?)([^\\s;{]+)(;?\\s*\\{?)(\\s+# ← fill in ${name}\\b.*)$`, "m");
    if (!marker.test(out)) throw new Error(`no "← fill in ${name}" line in the configuration`);
    out = out.replace(marker, `$1${value}$3$4`);
  }
  return out;
}

export interface Running {
  stop(): Promise<void>;
}

export function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

export async function waitFor(what: string, ok: () => Promise<boolean> | boolean, ms: number, child?: ChildProcess, output?: () => string) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`${what}: exited ${child.exitCode}\n${output?.() ?? ""}`);
    if (await ok()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what}: not ready after ${ms} ms\n${output?.() ?? ""}`);
}

/** A running edge (nginx or Caddy) in front of this test's Playgate. */
export interface Edge extends Running {
  url: string;
  port: number;
  prefix: string;
}

/**
 * Starts nginx in the foreground on a file of deploy/edge/, with its values filled in (LISTEN, when
 * the file has one: `port`, else a free one). Ready once `probe` (default: the LISTEN port) answers.
 * Its -p folder is `prefix` (default: a temporary one, removed by stop()).
 */
export async function startNginx(file: string, values: Record<string, string | number>, opts: { probe?: string; port?: number; prefix?: string } = {}): Promise<Edge> {
  const prefix = opts.prefix ?? mkdtempSync(path.join(os.tmpdir(), "playgate-nginx-"));
  mkdirSync(prefix, { recursive: true });
  chmodSync(prefix, 0o755); // run as root, nginx's workers are "nobody": they write the check cache here
  const port = opts.port ?? (await freePort());
  const fixed = opts.probe ? Number(new URL(opts.probe).port) : 0;
  if (fixed && !(await portFree(fixed))) throw new Error(`nginx ${file}: 127.0.0.1:${fixed} is in use already (another nginx on this file running?)`);
  const conf = path.join(prefix, path.basename(file));
  const text = readFileSync(path.resolve("deploy/edge", file), "utf8");
  writeFileSync(conf, fillIn(text, { ...(text.includes("# ← fill in LISTEN") ? { LISTEN: port } : {}), ...values }));
  let output = "";
  const child = spawn("nginx", ["-p", prefix, "-e", "stderr", "-c", conf, "-g", "daemon off;"], { stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`nginx ${file}`, () => fetch(opts.probe ?? `${url}/`).then(() => true, () => false), 10_000, child, () => output);
  return {
    url,
    port,
    prefix,
    async stop() {
      await stopProcess(child);
      if (!opts.prefix) rmSync(prefix, { recursive: true, force: true });
    },
  };
}

/** ffmpeg's test picture (testsrc2) and tone (sine), H.264/AAC with a keyframe every second. */
export const TEST_SOURCE = [
  ...["-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000"],
  ...["-map", "0:v", "-map", "1:a", "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-pix_fmt", "yuv420p"],
  ...["-g", "25", "-sc_threshold", "0", "-c:a", "aac", "-b:a", "64k"],
];

export interface Publisher extends Running {
  /** Resolves with ffmpeg's exit code when it ends (refused, or stopped). */
  exited: Promise<number | null>;
  output(): string;
}

/** An encoder: ffmpeg's test picture and tone published as RTMP (FLV) to `url`, in real time. */
export function startPublisher(url: string): Publisher {
  let output = "";
  const child = spawn("ffmpeg", ["-hide_banner", "-loglevel", "error", "-re", ...TEST_SOURCE, "-f", "flv", url], { stdio: ["ignore", "ignore", "pipe"] });
  child.stderr?.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { exited, output: () => output, stop: () => stopProcess(child) };
}

