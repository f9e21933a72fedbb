// P10 password hashing under a sign-in flood: POST /api/v1/playback/authorize latency while 16
// clients send sign-ins with random emails, against the same requests with no flood, same run.
//   idle → flood → idle, each phase measured by AUTH_WORKERS sequential authorize clients; the
//   reference is both idle phases together, the value the flood phase (after a ramp). About 16 s;
//   the second idle phase is skipped if the flood's last sign-ins take over 5 s to drain.
// The flooders come from 16 loopback addresses (127.0.0.2–127.0.0.17), one per client: the socket
// address when server.ts vouches for the peer, and the same address in X-Forwarded-For for a
// server that trusts a proxy (PLAYGATE_TRUST_PROXY=1). Either way each address stays far below
// its budget (limits.address), so it is the hash concurrency cap that holds; the answer counts
// (401 checked, 503 refused at the cap, 429 over a budget) go into the row's note to show it.
// Run: tsx --conditions=react-server bench/p10.ts (with benchEnv()); prints one JSON line.
import http from "node:http";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { BASE_URL, SEED_FILE, type SeedInfo } from "./env";

const IDLE_SECONDS = Number(process.env.BENCH_P10_IDLE_SECONDS ?? 3);
const FLOOD_SECONDS = Number(process.env.BENCH_P10_FLOOD_SECONDS ?? 8);
const RAMP_SECONDS = 1;
const DRAIN_SECONDS = 5;
const AUTH_WORKERS = 4;
const FLOODERS = 16;
const target = new URL(BASE_URL);

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function send(path: string, init: { method: string; headers?: Record<string, string>; body?: string; agent: http.Agent }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: target.hostname, port: target.port, path, method: init.method, headers: init.headers, agent: init.agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(init.body);
  });
}

/** A keep-alive connection pool whose sockets are bound to `localAddress`. */
const agentFrom = (localAddress: string) => new http.Agent({ keepAlive: true, maxSockets: 1, localAddress } as http.AgentOptions);

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

async function main() {
  const seed = JSON.parse(readFileSync(SEED_FILE, "utf8")) as SeedInfo;
  const live = seed.real.find((t) => !t.revoked)!;
  const authorizeBody = JSON.stringify({ token: live.token, stream: live.stream });
  const authAgents = Array.from({ length: AUTH_WORKERS }, () => agentFrom("127.0.0.1"));

  let phase: "idle" | "flood" | "ramp" | "done" = "idle";
  const latencies = { idle: [] as number[], flood: [] as number[] };
  let authFailures = 0;
  const authorizeWhile = (active: () => boolean) =>
    Promise.all(
      authAgents.map(async (agent) => {
        while (active()) {
          const started = performance.now();
          const res = await send("/api/v1/playback/authorize", { method: "POST", headers: { "content-type": "application/json" }, body: authorizeBody, agent });
          if (res.status !== 200) authFailures++;
          if (phase === "idle" || phase === "flood") latencies[phase].push(performance.now() - started);
        }
      }),
    );

  // One CSRF token and its cookie serve every sign-in of the flood.
  const csrfRes = await send("/api/auth/csrf", { method: "GET", agent: agentFrom("127.0.0.1") });
  const csrfToken = (JSON.parse(csrfRes.body) as { csrfToken: string }).csrfToken;
  const cookie = [csrfRes.headers["set-cookie"] ?? []].flat().map((c) => c.split(";")[0]).join("; ");
  const statuses: Record<string, number> = {};
  let flooding = false;
  const flood = () =>
    Promise.all(
      Array.from({ length: FLOODERS }, async (_, i) => {
        const address = `127.0.0.${i + 2}`;
        const agent = agentFrom(address);
        while (flooding) {
          const body = new URLSearchParams({ email: `p10-${randomBytes(6).toString("hex")}@flood.bench`, password: "not-the-password", csrfToken, json: "true" }).toString();
          const res = await send("/api/auth/callback/credentials", {
            method: "POST",
            headers: { "content-type": "application/x-www-form-urlencoded", cookie, "x-forwarded-for": address },
            body,
            agent,
          }).catch(() => ({ status: 0 }) as Answer);
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        }
      }),
    );

  const sleep = (s: number) => new Promise((r) => setTimeout(r, s * 1000));
  const measuring = authorizeWhile(() => phase !== "done");
  await sleep(IDLE_SECONDS);
  phase = "ramp";
  flooding = true;
  const flooders = flood();
  await sleep(RAMP_SECONDS);
  phase = "flood";
  await sleep(FLOOD_SECONDS);
  phase = "ramp";
  flooding = false;
  // The last sign-ins drain (at most concurrency + queue of them); on a slow machine that can
  // take long, and then the second idle phase is skipped to keep the figure bounded in time.
  const drained = await Promise.race([flooders.then(() => true), sleep(DRAIN_SECONDS).then(() => false)]);
  if (drained) {
    phase = "idle";
    await sleep(IDLE_SECONDS);
  }
  phase = "done";
  await measuring;

  process.stdout.write(
    JSON.stringify({
      idleP99: percentile(latencies.idle, 99),
      floodP99: percentile(latencies.flood, 99),
      idleMedian: percentile(latencies.idle, 50),
      floodMedian: percentile(latencies.flood, 50),
      idleRequests: latencies.idle.length,
      floodRequests: latencies.flood.length,
      authFailures,
      drained,
      signIns: statuses,
    }) + "\n",
  );
  process.exit(0); // keep-alive sockets would hold the process open
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
