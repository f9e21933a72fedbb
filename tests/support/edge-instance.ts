// A second app instance for tests/integration/registry-view.test.ts: its own process, so its own
// registry view and caches, serving the edge's routes over HTTP through server.ts's listener on the
// test file's database. Run with
//   tsx --conditions=react-server tests/support/edge-instance.ts
// It prints {"port":…,"pid":…} once it listens; a line "flush" on stdin writes its usage counts and answers
// {"flushed":true}; it writes them and stops when stdin closes (SIGKILL, as a crash, writes nothing).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { requestListener } from "@/lib/server/listener";
import { PEER_NONCE_ENV } from "@/lib/auth/request-info";
import { createInterface } from "node:readline";
import { flushUsage } from "@/lib/data/usage";

process.env[PEER_NONCE_ENV] ??= "edge-instance-nonce";
const notNext = async (_req: http.IncomingMessage, res: http.ServerResponse) => {
  res.writeHead(404);
  res.end();
};
const server = http.createServer(requestListener({ appUrl: process.env.APP_URL!, trustProxy: false, hsts: null, next: notNext }));
// The pid is this process's own: tsx runs it as a child of its own, so killing tsx is not killing it.
server.listen(0, "127.0.0.1", () => console.log(JSON.stringify({ port: (server.address() as AddressInfo).port, pid: process.pid })));
const lines = createInterface({ input: process.stdin });
lines.on("line", (line) => {
  if (line.trim() === "flush") void flushUsage().then(() => console.log(JSON.stringify({ flushed: true })));
});
lines.on("close", () => void flushUsage().finally(() => process.exit(0)));
