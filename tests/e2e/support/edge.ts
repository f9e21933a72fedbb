// The real parts of an edge for the end-to-end tests: Debian's nginx running a file of deploy/edge/
// with its "← fill in" values filled in (nothing else changed), ffmpeg publishing a test picture,
// and a page on another origin playing through the edge with hls.js from node_modules.
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer as createHttpServer, type Server } from "node:http";
import os from "node:os";
import path from "node:path";
import { fillIn, freePort, stopProcess, TEST_SOURCE, waitFor, type Edge, type Running } from "@/scripts/edge-tools";

export { fillIn, freePort, startNginx, startPublisher, type Edge, type Publisher, type Running } from "@/scripts/edge-tools";

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
