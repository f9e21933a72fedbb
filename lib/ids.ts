// Human-friendly identifiers for streams (the token's `groupid`) and stream names.
import { randomBytes } from "node:crypto";

const ALPHABET = "abcdefghijkmnopqrstuvwxyz23456789";

function randomChars(length: number): string {
  const bytes = randomBytes(length);
  let out = "";
  for (let i = 0; i < length; i++) out += ALPHABET[bytes[i] % ALPHABET.length];
  return out;
}

/** A stream group id, e.g. "grp_7k2m9x4q". */
export function newStreamId(): string {
  return `grp_${randomChars(10)}`;
}

/** An ingest stream name, nanoStream style: "abcde-fghij". */
export function newStreamName(): string {
  return `${randomChars(5)}-${randomChars(5)}`;
}
