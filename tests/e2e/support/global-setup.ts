// Starts `server.ts` (scripts/start.sh) in demo mode on a free port with a throw-away data folder, waits for
// /api/health, and shares the base URL with the tests; stops the server afterwards.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    masterKey: string;
    /** The server's process (start.sh exec's node into it): its RSS is the whole server. */
    serverPid: number;
    /** The server's environment, for tests that run the operator's CLI against its database. */
    serverEnv: Record<string, string>;
    /** The port PLAYGATE_EDGE_HLS_URL names: tests/e2e/edge-rtmp.test.ts starts nginx-hls.conf on it. */
    edgeHlsPort: number;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

let server: ChildProcess | undefined;
let dataDir: string | undefined;

export default async function setup(project: TestProject) {
  const port = await freePort();
  const edgeHlsPort = await freePort();
  dataDir = mkdtempSync(path.join(os.tmpdir(), "playgate-e2e-"));
  const baseUrl = `http://127.0.0.1:${port}`;
  let output = "";
  const serverEnv = { PLAYGATE_MODE: "demo", PLAYGATE_DATA_DIR: dataDir, DATABASE_URL: `file:${path.join(dataDir, "playgate.db")}` };
  server = spawn("bash", ["scripts/start.sh"], {
    env: {
      ...process.env,
      ...serverEnv,
      APP_URL: baseUrl,
      NEXTAUTH_URL: baseUrl,
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      PLAYGATE_WEBHOOK_ALLOW_INSECURE: "1",
      PLAYGATE_EDGE_HLS_URL: `http://127.0.0.1:${edgeHlsPort}/hls/{stream}/index.m3u8`,
      PLAYGATE_WEBHOOK_RETRY_SCHEDULE: "1,1,1,1,1",
      // Every browser test signs in from 127.0.0.1; the per-address budget is proved in
      // tests/integration/sign-in-hardening.test.ts, and must not lock this run out.
      PLAYGATE_RATE_LIMIT_ADDRESS: "1000/300",
      // Usage counts written every second (default 5): the viewers-now and misuse assertions of
      // tests/e2e/edge-hls.test.ts wait on them.
      PLAYGATE_USAGE_FLUSH_SECONDS: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  // Also kept in a file, so the credential-canary test (row 8) can check the server's output.
  mkdirSync("tests/artifacts", { recursive: true });
  const log = createWriteStream(path.resolve("tests/artifacts/e2e-server.log"));
  server.stdout?.pipe(log, { end: false });
  server.stderr?.pipe(log, { end: false });
  server.stdout?.on("data", (d) => (output += d));
  server.stderr?.on("data", (d) => (output += d));
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`Server exited early:\n${output}`);
    const ok = await fetch(`${baseUrl}/api/health`).then((r) => r.ok).catch(() => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 300));
  }
  if (Date.now() >= deadline) throw new Error(`Server did not become healthy:\n${output}`);
  const masterKey = /pg_live_[A-Za-z0-9_-]+/.exec(output)?.[0] ?? "";
  project.provide("baseUrl", baseUrl);
  project.provide("masterKey", masterKey);
  project.provide("serverPid", server.pid!);
  project.provide("serverEnv", serverEnv);
  project.provide("edgeHlsPort", edgeHlsPort);

  return async () => {
    if (server?.pid) {
      try {
        process.kill(-server.pid, "SIGTERM");
      } catch {
        /* already gone */
      }
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
}
