// A second app instance for tests/integration/registry-view.test.ts: its own process, so its own
// registry view and caches, serving the edge's routes over HTTP through server.ts's listener on the
// test file's database. Run with
//   tsx --conditions=react-server tests/support/edge-instance.ts
// It prints {"port":…} once it listens and stops when stdin closes.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { requestListener } from "@/lib/server/listener";
import { PEER_NONCE_ENV } from "@/lib/auth/request-info";

process.env[PEER_NONCE_ENV] ??= "edge-instance-nonce";
const notNext = async (_req: http.IncomingMessage, res: http.ServerResponse) => {
  res.writeHead(404);
  res.end();
};
const server = http.createServer(requestListener({ appUrl: process.env.APP_URL!, trustProxy: false, hsts: null, next: notNext }));
server.listen(0, "127.0.0.1", () => console.log(JSON.stringify({ port: (server.address() as AddressInfo).port })));
process.stdin.resume();
process.stdin.on("end", () => process.exit(0));
