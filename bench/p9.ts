// P9 (docs/performance.md#p9): HLS segment requests per second through nginx + Playgate's
// forward-auth check (deploy/edge/nginx-hls.conf as shipped, CACHE 0 and CACHE 1) vs the same
// nginx serving the same segment ungated, in one run, and the latency the check adds. The
// no-cache figure is also how many HLS viewers one Playgate core serves at one check per second each.
import { spawn } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, startNginx, stopProcess, waitFor } from "../scripts/edge-tools";
import { PORT } from "./env";
import { wrk, type WrkResult } from "./wrk";

const SEGMENT_BYTES = 188 * 1024; // a 1-second segment at ~1.5 Mbit/s

/** Plain nginx on `root`, as many workers as the gated one: the reference. */
async function ungated(root: string) {
  const prefix = mkdtempSync(path.join(os.tmpdir(), "playgate-p9-"));
  const port = await freePort();
  const conf = path.join(prefix, "ungated.conf");
  writeFileSync(conf, `worker_processes auto;\npid nginx.pid;\nevents { worker_connections 1024; }\nhttp {\n access_log off;\n server { listen 127.0.0.1:${port}; root ${root}; }\n}\n`);
  const child = spawn("nginx", ["-p", prefix, "-e", "stderr", "-c", conf, "-g", "daemon off;"], { stdio: "ignore" });
  const url = `http://127.0.0.1:${port}`;
  await waitFor("ungated nginx", () => fetch(`${url}/`).then(() => true, () => false), 10_000, child);
  return { url, stop: async () => { await stopProcess(child); rmSync(prefix, { recursive: true, force: true }); } };
}

export interface P9Result {
  ungated: WrkResult;
  noCache: WrkResult;
  cached: WrkResult;
}

/** `token` plays `stream`; `revoked` names it too but is revoked (the edge must refuse it). */
export async function measureP9(token: string, revoked: string, stream: string, seconds: number, log: (s: string) => void): Promise<P9Result> {
  const root = mkdtempSync(path.join(os.tmpdir(), "playgate-p9-hls-"));
  chmodSync(root, 0o755); // nginx's workers run as "nobody"
  mkdirSync(path.join(root, "hls", stream), { recursive: true });
  writeFileSync(path.join(root, "hls", stream, "seg1.ts"), Buffer.alloc(SEGMENT_BYTES, 0x47));
  const playgate = `127.0.0.1:${PORT}`;
  // One after the other: started together they could be handed the same free port.
  const edges = [
    await ungated(root),
    await startNginx("nginx-hls.conf", { PLAYGATE: playgate, HLS_ROOT: root, CACHE: 0 }),
    await startNginx("nginx-hls.conf", { PLAYGATE: playgate, HLS_ROOT: root, CACHE: 1 }),
  ];
  if (new Set(edges.map((e) => e.url)).size !== 3) throw new Error(`P9: two edges on one port: ${edges.map((e) => e.url).join(", ")}`);
  try {
    const [plain, gated, cached] = edges;
    const segment = `/hls/${stream}/seg1.ts?token=${encodeURIComponent(token)}`;
    for (const edge of [gated, cached]) {
      const res = await fetch(edge.url + segment);
      if (res.status !== 200) throw new Error(`P9: the gated edge answered ${res.status} (${res.headers.get("x-playgate-reason")}) for a live token`);
      await res.arrayBuffer();
      const refused = await fetch(`${edge.url}/hls/${stream}/seg1.ts?token=${encodeURIComponent(revoked)}`);
      if (refused.status !== 403) throw new Error(`P9: the gated edge answered ${refused.status} (${refused.headers.get("x-playgate-reason")}, ${edge.url} of ${edges.map((e) => e.url).join(" ")}) for a revoked token`);
    }
    const run = (url: string) => wrk(url + segment, { connections: 32, seconds });
    await run(gated.url); // warm-up: JIT, connections, the verified-token cache
    const result: P9Result = { ungated: await run(plain.url), noCache: await run(gated.url), cached: await run(cached.url) };
    log(`P9 ${JSON.stringify(result)}`);
    return result;
  } finally {
    await Promise.all(edges.map((e) => e.stop()));
    rmSync(root, { recursive: true, force: true });
  }
}
