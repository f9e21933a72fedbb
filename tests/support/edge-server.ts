// The edge's routes over HTTP, through the door server.ts puts in front of Next: a node:http server
// on 127.0.0.1 with server.ts's own request listener (lib/server/listener.ts), which screens the
// request, stamps the caller's socket address, counts the body and answers the check, authorize
// and the hooks itself. Anything else gets a 404 from the stand-in for Next, so a test that
// reached it would see it failed. Call startEdgeServer() at the top of a test file.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll } from "vitest";
import { requestListener } from "@/lib/server/listener";
import { PEER_NONCE_ENV } from "@/lib/auth/request-info";

export interface EdgeServer {
  /** http://127.0.0.1:<port> */
  url: () => string;
  /** fetch(url() + path, init) */
  call: (path: string, init?: RequestInit) => Promise<Response>;
}

export function startEdgeServer(): EdgeServer {
  let server: http.Server | undefined;
  let base = "";
  beforeAll(async () => {
    process.env[PEER_NONCE_ENV] ??= "test-peer-nonce"; // server.ts sets a random one at start
    const next = async (_req: http.IncomingMessage, res: http.ServerResponse) => {
      res.writeHead(404, { "Content-Type": "text/plain" });
      res.end("Not an edge route: Next would answer this.\n");
    };
    server = http.createServer(requestListener({ appUrl: process.env.APP_URL!, trustProxy: false, hsts: null, next }));
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });
  return { url: () => base, call: (path, init) => fetch(`${base}${path}`, init) };
}
