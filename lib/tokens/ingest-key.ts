// A rendition's ingest key: "pgi_" and 128 random bits in hex (36 characters). An encoder publishes
// with it as the stream URL's `key` query parameter; it fits nginx-rtmp's 255 bytes of stream name
// and query beside any stream name. Stored as its SHA-256, shown once, the last four kept as a hint.
import { createHash, randomBytes } from "node:crypto";

export const INGEST_KEY_PREFIX = "pgi_";
const SHAPE = /^pgi_[0-9a-f]{32}$/;

export function isIngestKey(text: string): boolean {
  return text.length === 36 && SHAPE.test(text);
}

export function hashIngestKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

export function newIngestKey(): { key: string; hash: string; hint: string } {
  const key = INGEST_KEY_PREFIX + randomBytes(16).toString("hex");
  return { key, hash: hashIngestKey(key), hint: key.slice(-4) };
}
