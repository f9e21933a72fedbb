// What server.ts itself refuses, seen from outside the production server: bodies past their limit
// (chunked included) are cut off while they arrive, with bounded memory; requests Next would have
// answered with a 500 get a 4xx with the security headers; the client's address is the socket's.
import net from "node:net";
import { readFileSync } from "node:fs";
import { describe, expect, inject, it } from "vitest";

const baseUrl = inject("baseUrl");
const serverPid = inject("serverPid");
const { hostname, port } = new URL(baseUrl);

function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  return Number(kb) / 1024;
}

/**
 * Streams `totalMb` of chunked body to `path` as fast as the server takes it and resolves with the
 * status line it answered and how long that took (from the first byte sent).
 */
function chunkedUpload(path: string, totalMb: number, headers: Record<string, string>): Promise<{ status: number; ms: number }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname);
    const chunk = Buffer.alloc(64 * 1024, "a");
    const frame = Buffer.concat([Buffer.from(chunk.length.toString(16) + "\r\n"), chunk, Buffer.from("\r\n")]);
    let sent = 0;
    let answer = "";
    let done = false;
    const started = Date.now();
    let answered = false;
    const finish = (status: number) => {
      if (answered) return;
      answered = done = true;
      socket.destroy();
      resolve({ status, ms: Date.now() - started });
    };
    socket.on("data", (d) => {
      answer += d;
      const status = /^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1];
      if (status) finish(Number(status));
    });
    // Writing on after the server has answered and closed fails (EPIPE, reset): what counts is
    // the answer read before that, so errors only end the upload.
    socket.on("error", () => (done = true));
    socket.on("end", () => (done = true));
    socket.on("close", () => finish(Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0)));
    const pump = () => {
      while (!done && sent < totalMb * 16) {
        sent++;
        if (!socket.write(frame)) return void socket.once("drain", pump);
      }
      if (!done) socket.write("0\r\n\r\n");
    };
    socket.on("connect", () => {
      const head = Object.entries({ Host: `${hostname}:${port}`, "Transfer-Encoding": "chunked", ...headers }).map(([k, v]) => `${k}: ${v}`).join("\r\n");
      socket.write(`POST ${path} HTTP/1.1\r\n${head}\r\n\r\n`);
      pump();
    });
    setTimeout(() => (answered ? undefined : reject(new Error(`no answer from ${path} in 10 s`))), 10_000);
  });
}

/** Sends `text` as is and collects everything the server answers until it closes (5 s at most). */
function rawRequest(text: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname, () => socket.write(text));
    let answer = "";
    socket.on("data", (d) => (answer += d));
    socket.on("error", () => {});
    socket.on("close", () => resolve(answer));
    setTimeout(() => socket.destroy(), 5_000);
  });
}

const PUBLIC_BODY_ROUTES: { path: string; headers: Record<string, string> }[] = [
  { path: "/api/v1/playback/authorize", headers: { "Content-Type": "application/json" } },
  { path: "/api/auth/callback/credentials", headers: { "Content-Type": "application/x-www-form-urlencoded" } },
  // A server action POST (the sign-up page's action id is unknown here, but the body is cut off before Next reads it).
  { path: "/signup", headers: { "Content-Type": "text/plain;charset=UTF-8", "Next-Action": "0".repeat(42), Origin: baseUrl } },
  { path: "/login", headers: { "Content-Type": "multipart/form-data; boundary=x", Origin: baseUrl } },
];

describe("21: bodies are counted while they arrive", () => {
  it.each(PUBLIC_BODY_ROUTES)("21: four parallel 100 MB chunked uploads to $path are refused within 1 s each, with bounded memory", async ({ path, headers }) => {
    const before = rssMb(serverPid);
    const results = await Promise.all([1, 2, 3, 4].map(() => chunkedUpload(path, 100, headers)));
    const after = rssMb(serverPid);
    console.log(`${path}: ${results.map((r) => `${r.status} in ${r.ms} ms`).join(", ")}; RSS ${before.toFixed(0)} → ${after.toFixed(0)} MB`);
    for (const r of results) {
      expect(r.status).toBe(413);
      expect(r.ms).toBeLessThan(1_000);
    }
    expect(after - before).toBeLessThan(50);
  });

  it("21: a declared Content-Length over the limit is refused before the body is read", async () => {
    const answer = await rawRequest(`POST /api/v1/playback/authorize HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Type: application/json\r\nContent-Length: ${10 * 1024 * 1024}\r\n\r\n{}`);
    expect(answer).toMatch(/^HTTP\/1\.1 413/);
    expect(answer).toContain('"code":"body_too_large"');
  });

  it("a body under the limit still reaches the route whole", async () => {
    const res = await fetch(`${baseUrl}/api/v1/playback/authorize`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ token: "x".repeat(30_000), streamname: "s" }),
    });
    expect(res.status).toBeLessThan(500);
    expect(res.status).not.toBe(413);
  });
});

function expectSecurityHeaders(res: Response) {
  expect(res.headers.get("content-security-policy")).toMatch(/default-src|script-src/);
  expect(res.headers.get("x-content-type-options")).toBe("nosniff");
}

describe("22: client errors are never 5xx, and carry the security headers", () => {
  it.each([
    "/api/v1/organisations/%ff/jwks.json",
    "/invite/%ff",
    "/api/v1/streams/%c0%af",
    "/secure/token/%E0%A4%A",
    "/api/v1/secure/token/%00",
  ])("22: %s answers 400, not 500", async (path) => {
    const res = await fetch(`${baseUrl}${path}`, { redirect: "manual" });
    expect(res.status).toBe(400);
    expectSecurityHeaders(res);
    if (path.startsWith("/api/")) expect((await res.json()).error.code).toBe("bad_request");
  });

  it.each(["TRACE", "CONNECT", "PROPFIND"])("22: %s answers 405 with Allow", async (method) => {
    const answer = await rawRequest(`${method} /api/health HTTP/1.1\r\nHost: ${hostname}:${port}\r\nConnection: close\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 405/);
    expect(answer).toMatch(/\r\nallow: GET, HEAD, POST/i);
    expect(answer).toMatch(/\r\nx-content-type-options: nosniff/i);
  });

  it("22: a cross-origin server-action POST is refused with 403, not a 500 with a digest", async () => {
    const res = await fetch(`${baseUrl}/login`, {
      method: "POST",
      headers: { Origin: "https://evil.example", "Next-Action": "0".repeat(42), "Content-Type": "text/plain;charset=UTF-8" },
      body: "[]",
      redirect: "manual",
    });
    expect(res.status).toBe(403);
    expectSecurityHeaders(res);
    expect(await res.text()).not.toMatch(/digest/i);
  });
});
