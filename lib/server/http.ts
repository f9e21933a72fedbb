// The node:http parts of server.ts: who is calling (the socket, or a trusted proxy's
// X-Forwarded-For), bodies counted while they arrive, and the answers server.ts gives itself.
import { IncomingMessage, type ServerResponse } from "node:http";
import { EDGE_PEER_HEADER, edgePeerHeaderValue, PEER_HEADER, peerHeaderValue } from "@/lib/auth/request-info";
import type { Duplex } from "node:stream";
import { ALLOWED_METHODS, type Refusal } from "@/lib/server/screen";
import { API_CSP, STATIC_SECURITY_HEADERS } from "@/lib/security-headers";

/** "::ffff:127.0.0.1" → "127.0.0.1": one spelling per IPv4 client, so it has one budget. */
export function normaliseAddress(address: string | undefined): string {
  if (!address) return "local";
  return address.startsWith("::ffff:") && address.includes(".") ? address.slice(7) : address;
}

/**
 * Stamps the request with the address server.ts vouches for and removes what a client may have
 * forged. Without a trusted proxy X-Forwarded-For is replaced by the socket address, so nothing
 * downstream (Next, next-auth) can be handed a client's choice.
 */
export function stampPeer(req: IncomingMessage, trustProxy: boolean): string {
  const socketAddress = normaliseAddress(req.socket.remoteAddress);
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join(", ") : v);
  req.headers[EDGE_PEER_HEADER] = edgePeerHeaderValue(socketAddress, first(req.headers["x-real-ip"]), first(req.headers["x-forwarded-for"]));
  let address = socketAddress;
  if (trustProxy) {
    const forwarded = String(req.headers["x-forwarded-for"] ?? "").split(",")[0]?.trim();
    if (forwarded) address = normaliseAddress(forwarded);
  } else {
    req.headers["x-forwarded-for"] = socketAddress;
    delete req.headers["x-real-ip"];
  }
  req.headers[PEER_HEADER] = peerHeaderValue(address);
  // rawHeaders is what some code reads instead: keep it in step (drop the client's copies).
  const raw: string[] = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i].toLowerCase();
    if (name === PEER_HEADER || name === EDGE_PEER_HEADER || (!trustProxy && (name === "x-forwarded-for" || name === "x-real-ip"))) continue;
    raw.push(req.rawHeaders[i], req.rawHeaders[i + 1]);
  }
  raw.push(PEER_HEADER, req.headers[PEER_HEADER] as string, EDGE_PEER_HEADER, req.headers[EDGE_PEER_HEADER] as string);
  if (!trustProxy) raw.push("x-forwarded-for", socketAddress);
  req.rawHeaders.splice(0, req.rawHeaders.length, ...raw);
  return address;
}

/** Whether the request carries a body at all (GETs normally do not: they pass through untouched). */
export function hasBody(req: IncomingMessage): boolean {
  return req.headers["transfer-encoding"] !== undefined || Number(req.headers["content-length"] ?? 0) > 0;
}

/**
 * Reads the body, counting bytes as they arrive, and stops at `limit`: memory stays bounded by
 * the limit whatever a client sends (chunked included). Resolves null when the body is too large.
 */
export function readBodyUpTo(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > limit) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off("data", onData);
        req.pause();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.once("end", () => resolve(Buffer.concat(chunks, size)));
    req.once("error", reject);
  });
}

/**
 * A request carrying `body` in place of the stream server.ts has consumed: same socket, method,
 * URL and headers, so Next reads it as it would the original.
 */
export function replayRequest(req: IncomingMessage, body: Buffer): IncomingMessage {
  const copy = new IncomingMessage(req.socket);
  copy.method = req.method;
  copy.url = req.url;
  copy.httpVersion = req.httpVersion;
  copy.httpVersionMajor = req.httpVersionMajor;
  copy.httpVersionMinor = req.httpVersionMinor;
  copy.headers = { ...req.headers, "content-length": String(body.length) };
  delete copy.headers["transfer-encoding"];
  copy.rawHeaders = [];
  for (const [name, value] of Object.entries(copy.headers)) {
    for (const v of Array.isArray(value) ? value : [value ?? ""]) copy.rawHeaders.push(name, v);
  }
  if (body.length) copy.push(body);
  copy.push(null);
  copy.complete = true;
  return copy;
}

/** Headers on every answer server.ts writes itself (Next's own answers get theirs from next.config/proxy). */
export function ownAnswerHeaders(hsts: string | null): Record<string, string> {
  return {
    ...STATIC_SECURITY_HEADERS,
    "Content-Security-Policy": API_CSP,
    "Cache-Control": "no-store",
    ...(hsts ? { "Strict-Transport-Security": hsts } : {}),
  };
}

/**
 * Answers a refusal: the API's error shape under /api, a short text page elsewhere. `close` ends
 * the connection after the answer (a body we stopped reading is not drained).
 */
export function refuse(req: IncomingMessage, res: ServerResponse, refusal: Refusal, options: { hsts: string | null; close?: boolean }): void {
  const api = (req.url ?? "").startsWith("/api/");
  const body = api
    ? JSON.stringify({ error: { code: refusal.code, message: refusal.message } })
    : `${refusal.message}\n`;
  const headers: Record<string, string> = {
    ...ownAnswerHeaders(options.hsts),
    ...refusal.headers,
    "Content-Type": api ? "application/json" : "text/plain; charset=utf-8",
    "Content-Length": String(Buffer.byteLength(body)),
  };
  if (options.close) {
    headers.Connection = "close";
    lingerThenClose(req);
  }
  res.writeHead(refusal.status, headers);
  res.end(req.method === "HEAD" ? undefined : body);
}

/**
 * Node destroys the socket as soon as a "Connection: close" answer is written. With the client's
 * bytes still unread that resets the connection, and the client loses the answer with it (the
 * "lingering close" problem). So: end our side only, read and drop what the client still sends,
 * and close for good after a second (or when the client does).
 */
function lingerThenClose(req: IncomingMessage): void {
  const socket = req.socket;
  socket.destroySoon = function endOnly(this: typeof socket) {
    this.end();
  };
  req.on("data", () => {});
  req.resume();
  setTimeout(() => socket.destroy(), 1_000).unref();
}

/** A CONNECT request (Node hands those to the server's "connect" event, not the handler). */
export function refuseConnect(socket: Duplex, hsts: string | null): void {
  const body = "CONNECT is not supported.\n";
  const headers = { ...ownAnswerHeaders(hsts), Allow: ALLOWED_METHODS.join(", "), "Content-Type": "text/plain; charset=utf-8", "Content-Length": String(body.length), Connection: "close" };
  socket.end(`HTTP/1.1 405 Method Not Allowed\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join("\r\n")}\r\n\r\n${body}`);
}
