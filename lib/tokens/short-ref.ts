// A playback token's short reference: "pgr_" and 128 random bits in hex (36 characters), for
// clients that cut URLs (nginx-rtmp keeps 255 bytes of a stream name and its query; a token is
// ~510 characters). Online checks look the token up by it; offline verifiers cannot (it is no JWT).
import { randomBytes } from "node:crypto";

export const SHORT_REF_PREFIX = "pgr_";
const SHAPE = /^pgr_[0-9a-f]{32}$/;

export function isShortRef(text: string): boolean {
  return text.length === 36 && SHAPE.test(text);
}

export function newShortRef(): string {
  return SHORT_REF_PREFIX + randomBytes(16).toString("hex");
}
