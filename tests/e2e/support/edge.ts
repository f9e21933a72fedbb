// The real parts of an edge for the end-to-end tests: Debian's nginx running a file of deploy/edge/
// with its "← fill in" values filled in (nothing else changed), ffmpeg publishing a test picture,
// and a page on another origin playing through the edge with hls.js from node_modules.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer as createHttpServer, type Server } from "node:http";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";

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

function stopProcess(child: ChildProcess): Promise<void> {
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

async function waitFor(what: string, ok: () => Promise<boolean> | boolean, ms: number, child?: ChildProcess, output?: () => string) {
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
 * the file has one, a free port). Ready once `probe` (default: the LISTEN port) answers.
 */
export async function startNginx(file: string, values: Record<string, string | number>, probe?: string): Promise<Edge> {
  const prefix = mkdtempSync(path.join(os.tmpdir(), "playgate-nginx-"));
  chmodSync(prefix, 0o755); // run as root, nginx's workers are "nobody": they write the check cache here
  const port = await freePort();
  const conf = path.join(prefix, path.basename(file));
  const text = readFileSync(path.resolve("deploy/edge", file), "utf8");
  writeFileSync(conf, fillIn(text, { ...(text.includes("# ← fill in LISTEN") ? { LISTEN: port } : {}), ...values }));
  let output = "";
  const child = spawn("nginx", ["-p", prefix, "-e", "stderr", "-c", conf, "-g", "daemon off;"], { stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`nginx ${file}`, () => fetch(probe ?? `${url}/`).then(() => true, () => false), 10_000, child, () => output);
  return {
    url,
    port,
    prefix,
    async stop() {
      await stopProcess(child);
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}

/** Starts Caddy on deploy/edge/Caddyfile, with its values filled in. */
export async function startCaddy(values: Record<string, string | number>): Promise<Edge> {
  const prefix = mkdtempSync(path.join(os.tmpdir(), "playgate-caddy-"));
  const port = await freePort();
  const conf = path.join(prefix, "Caddyfile");
  writeFileSync(conf, fillIn(readFileSync(path.resolve("deploy/edge/Caddyfile"), "utf8"), { SITE: `:${port}`, ...values }));
  let output = "";
  const child = spawn("caddy", ["run", "--adapter", "caddyfile", "--config", conf], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, HOME: prefix, XDG_DATA_HOME: prefix, XDG_CONFIG_HOME: prefix },
  });
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  await waitFor("caddy", () => fetch(`${url}/`).then(() => true, () => false), 15_000, child, () => output);
  return {
    url,
    port,
    prefix,
    async stop() {
      await stopProcess(child);
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}

/** ffmpeg's test picture (testsrc2) and tone (sine), H.264/AAC with a keyframe every second. */
const TEST_SOURCE = [
  ...["-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000"],
  ...["-map", "0:v", "-map", "1:a", "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-pix_fmt", "yuv420p"],
  ...["-g", "25", "-sc_threshold", "0", "-c:a", "aac", "-b:a", "64k"],
];

export interface HlsSource extends Running {
  root: string;
}

/**
 * ffmpeg's test picture and tone as 1-second HLS fragments, one copy per stream name, under
 * `<root>/hls/<name>/index.m3u8` (the layout nginx-hls.conf serves). Resolves once every playlist holds
 * three segments.
 */
export async function startHls(streams: string[]): Promise<HlsSource> {
  const root = mkdtempSync(path.join(os.tmpdir(), "playgate-hls-"));
  chmodSync(root, 0o755); // nginx's workers read it
  const outputs = streams.map((name) => {
    mkdirSync(path.join(root, "hls", name), { recursive: true });
    return `[f=hls:hls_time=1:hls_list_size=8:hls_flags=delete_segments]${path.join(root, "hls", name, "index.m3u8")}`;
  });
  let output = "";
  const child = spawn("ffmpeg", ["-hide_banner", "-loglevel", "error", "-re", ...TEST_SOURCE, "-f", "tee", outputs.join("|")], { stdio: ["ignore", "ignore", "pipe"] });
  child.stderr?.on("data", (d) => (output += d));
  const ready = () => streams.every((name) => {
    const playlist = path.join(root, "hls", name, "index.m3u8");
    return existsSync(playlist) && (readFileSync(playlist, "utf8").match(/\.ts$/gm)?.length ?? 0) >= 3;
  });
  await waitFor("ffmpeg HLS", ready, 20_000, child, () => output);
  return {
    root,
    async stop() {
      await stopProcess(child);
      rmSync(root, { recursive: true, force: true });
    },
  };
}

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

/**
 * An RTMP viewer: ffmpeg plays `url` for up to `seconds` and decodes it; resolves with its exit
 * code and the number of video frames it decoded (one framecrc line per frame).
 */
export function playRtmp(url: string, seconds: number): Promise<{ code: number | null; frames: number; output: string }> {
  return new Promise((resolve) => {
    let crc = "";
    let output = "";
    const child = spawn("ffmpeg", ["-hide_banner", "-loglevel", "error", "-rw_timeout", "10000000", "-i", url, "-t", String(seconds), "-map", "0:v:0", "-f", "framecrc", "-"], { stdio: ["ignore", "pipe", "pipe"] });
    child.stdout?.on("data", (d) => (crc += d));
    child.stderr?.on("data", (d) => (output += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), (seconds + 20) * 1000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, frames: crc.split("\n").filter((l) => l && !l.startsWith("#")).length, output });
    });
  });
}

export interface PlayerPage extends Running {
  /** The page's origin (another origin than the edge's, so CORS is exercised). */
  origin: string;
  /** The player page for a playlist URL; `mode` says how hls.js sends the token. */
  url(src: string, token: string | null, mode: "header" | "query" | "playlist"): string;
}

const PLAYER_HTML = `<!doctype html><meta charset="utf-8"><title>edge test player</title>
<video id="v" muted playsinline autoplay style="width:320px;height:180px"></video>
<script src="/hls.js"></script>
<script>
const q = new URLSearchParams(location.search);
const token = q.get("token"), mode = q.get("mode");
const video = document.getElementById("v");
window.playerState = { errors: [], firstTime: -1, lastTime: 0, lastAdvanceAt: 0 };
const withToken = (url) => url + (url.includes("?") ? "&" : "?") + "token=" + encodeURIComponent(token);
const src = token && mode === "playlist" ? withToken(q.get("src")) : q.get("src");
const hls = new Hls({
  liveSyncDurationCount: 2,
  manifestLoadingMaxRetry: 0, levelLoadingMaxRetry: 2, fragLoadingMaxRetry: 2,
  xhrSetup(xhr, url) {
    if (token && mode === "query" && !/[?&]token=/.test(url)) xhr.open("GET", withToken(url), true);
    if (token && mode === "header") xhr.setRequestHeader("Authorization", "Bearer " + token);
  },
});
hls.on(Hls.Events.ERROR, (_e, d) => window.playerState.errors.push({ type: d.type, details: d.details, fatal: d.fatal, status: d.response && d.response.code }));
hls.loadSource(src);
hls.attachMedia(video);
video.addEventListener("timeupdate", () => {
  const s = window.playerState;
  if (s.firstTime < 0 && video.currentTime > 0) s.firstTime = video.currentTime;
  if (video.currentTime > s.lastTime) { s.lastTime = video.currentTime; s.lastAdvanceAt = Date.now(); }
});
video.play().catch(() => {});
</script>`;

/** A page on its own origin that plays an edge URL with hls.js (the npm package's build). */
export async function startPlayerPage(): Promise<PlayerPage> {
  const hlsJs = readFileSync(path.resolve("node_modules/hls.js/dist/hls.min.js"));
  const server: Server = createHttpServer((req, res) => {
    if (req.url?.startsWith("/hls.js")) {
      res.writeHead(200, { "Content-Type": "text/javascript" }).end(hlsJs);
    } else if (req.url?.startsWith("/player")) {
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(PLAYER_HTML);
    } else res.writeHead(404).end();
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (src, token, mode) => `${origin}/player?${new URLSearchParams({ src, mode, ...(token ? { token } : {}) })}`,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Whether Debian's packages the edge tests run are here (scripts/test-all.sh installs them). */
export function edgeToolsMissing(): string[] {
  return ["nginx", "caddy", "ffmpeg"].filter((tool) => spawnSync("sh", ["-c", `command -v ${tool}`]).status !== 0);
}
