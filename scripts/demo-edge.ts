// `npm run demo:edge`: a live test picture for the demo, gated by Playgate. Beside a running
// `npm run demo`, it starts Debian's nginx on deploy/edge/nginx-rtmp.conf (RTMP ingest and play,
// checked by the demo organisation's nginx-rtmp hook) and deploy/edge/nginx-hls.conf (HLS behind
// the forward-auth check), and ffmpeg publishing a test source to every demo rendition with the
// ingest keys the seed kept in <data>/edge-demo.json. Ctrl+C stops them all.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startNginx, startPublisher, type Running } from "./edge-tools";

const RTMP_MODULE = "/usr/lib/nginx/modules/ngx_rtmp_module.so";
const appUrl = (process.env.APP_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, "");
const dataDir = path.resolve(process.env.PLAYGATE_DATA_DIR ?? "data");
const rtmpPort = Number(process.env.PLAYGATE_DEMO_RTMP_PORT ?? 1935);
const hlsPort = Number(process.env.PLAYGATE_DEMO_HLS_PORT ?? 8080);

function fail(message: string): never {
  console.error(`\n✖ ${message}\n`);
  process.exit(1);
}

/** Debian's nginx, nginx-rtmp and ffmpeg: installed here when missing and this runs as root. */
function ensurePackages() {
  const need = [
    ...(spawnSync("sh", ["-c", "command -v nginx"]).status === 0 ? [] : ["nginx"]),
    ...(existsSync(RTMP_MODULE) ? [] : ["libnginx-mod-rtmp"]),
    ...(spawnSync("sh", ["-c", "command -v ffmpeg"]).status === 0 ? [] : ["ffmpeg"]),
  ];
  if (!need.length) return;
  if (process.getuid?.() !== 0) fail(`The edge demo needs Debian's ${need.join(", ")}: sudo apt-get install ${need.join(" ")}`);
  console.log(`Installing ${need.join(", ")} (not started as services)…`);
  const policy = "/usr/sbin/policy-rc.d";
  const ownPolicy = !existsSync(policy);
  if (ownPolicy) writeFileSync(policy, "#!/bin/sh\nexit 101\n", { mode: 0o755 });
  const apt = spawnSync("sh", ["-c", `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${need.join(" ")}`], { stdio: "inherit" });
  if (ownPolicy) spawnSync("rm", ["-f", policy]);
  if (apt.status !== 0) fail(`apt-get could not install ${need.join(", ")}.`);
}

async function main() {
  const file = path.join(dataDir, "edge-demo.json");
  if (!existsSync(file)) fail(`No ${file}: start the demo first (npm run demo), on a data folder it seeded.`);
  const demo = JSON.parse(readFileSync(file, "utf8")) as { demoOrgId: string; ingestKeys: Record<string, string> };
  const healthy = await fetch(`${appUrl}/api/health`).then((r) => r.ok, () => false);
  if (!healthy) fail(`Playgate does not answer at ${appUrl}: start it with npm run demo (or set APP_URL).`);
  ensurePackages();

  const root = path.join(dataDir, "edge");
  const www = path.join(root, "www");
  mkdirSync(path.join(www, "hls"), { recursive: true });
  chmodSync(www, 0o755);
  chmodSync(path.join(www, "hls"), 0o777); // nginx-rtmp's worker writes the HLS here (as "nobody" when started by root)
  const running: Running[] = [];
  const stopAll = async () => {
    await Promise.all(running.map((r) => r.stop()));
    process.exit(0);
  };
  process.on("SIGINT", stopAll);
  process.on("SIGTERM", stopAll);

  running.push(await startNginx("nginx-rtmp.conf", { HOOK_URL: `${appUrl}/api/v1/organisations/${demo.demoOrgId}/hooks/nginx-rtmp`, RTMP_PORT: rtmpPort, HLS_ROOT: path.join(www, "hls") }, { prefix: path.join(root, "rtmp"), probe: "http://127.0.0.1:8935/" }));
  running.push(await startNginx("nginx-hls.conf", { PLAYGATE: new URL(appUrl).host, HLS_ROOT: www, CACHE: 0 }, { prefix: path.join(root, "hls-edge"), port: hlsPort }));
  const names = Object.keys(demo.ingestKeys).filter((name) => !name.startsWith("otherorg"));
  for (const name of names) running.push(startPublisher(`rtmp://127.0.0.1:${rtmpPort}/live/${name}?key=${demo.ingestKeys[name]}`));

  console.log(
    [
      "",
      "  Playgate edge demo",
      `  Publishing a test picture to ${names.length} demo renditions through nginx-rtmp on rtmp://127.0.0.1:${rtmpPort}/live`,
      `  HLS behind the forward-auth check: http://127.0.0.1:${hlsPort}/hls/<stream name>/index.m3u8`,
      "",
      `  Open ${appUrl}/streams, pick a stream (now Live) and its Playout page: create a token in the`,
      "  dialog and the preview plays; revoke it on the Secure token page and the picture stops.",
      "  npm run demo sets PLAYGATE_EDGE_HLS_URL, PLAYGATE_EDGE_RTMP_URL and PLAYGATE_INGEST_URL to these addresses.",
      "",
      "  Ctrl+C stops nginx and ffmpeg.",
      "",
    ].join("\n"),
  );
}

main().catch((error) => fail(error instanceof Error ? error.message : String(error)));
