// The IP/CIDR parser Playgate used before lib/tokens/ip.ts moved to node:net, kept only as the
// oracle of tests/property/ip-ranges.test.ts: both must make the same decisions.
function parseIPv4(text: string): number[] | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  const bytes: number[] = [];
  for (const part of parts) {
    // Decimal only, no leading zeros: "010" (octal in some parsers) is refused, not guessed.
    if (!/^(0|[1-9]\d{0,2})$/.test(part)) return null;
    const n = Number(part);
    if (n > 255) return null;
    bytes.push(n);
  }
  return bytes;
}

function parseIPv6(text: string): number[] | null {
  if (!/^[0-9a-fA-F:.]+$/.test(text) || text.split("::").length > 2) return null;
  const [headText, tailText] = text.includes("::") ? text.split("::") : [text, null];
  const groups = (part: string): number[] | null => {
    if (part === "") return [];
    const out: number[] = [];
    const pieces = part.split(":");
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i];
      if (i === pieces.length - 1 && piece.includes(".")) {
        const v4 = parseIPv4(piece);
        if (!v4) return null;
        out.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(piece)) out.push(parseInt(piece, 16));
      else return null;
    }
    return out;
  };
  const head = groups(headText);
  const tail = tailText === null ? [] : groups(tailText);
  if (!head || !tail) return null;
  const missing = 8 - head.length - tail.length;
  if (tailText === null ? missing !== 0 : missing < 1) return null;
  const all = [...head, ...Array(Math.max(missing, 0)).fill(0), ...tail];
  return all.flatMap((g) => [g >> 8, g & 0xff]);
}

/** Bytes of an IPv4 (4) or IPv6 (16) address; IPv4-mapped IPv6 (::ffff:a.b.c.d) becomes IPv4. */
export function parseIp(text: string): number[] | null {
  const value = text.trim();
  if (value.includes(":")) {
    const bytes = parseIPv6(value);
    if (bytes && bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) return bytes.slice(12);
    return bytes;
  }
  return parseIPv4(value);
}

export interface IpRange {
  bytes: number[];
  prefix: number;
}

/** "203.0.113.7", "203.0.113.0/24", "2001:db8::1", "2001:db8::/32" → range; null if malformed. */
export function parseIpRange(text: string): IpRange | null {
  const [addr, prefixText, extra] = text.trim().split("/");
  if (extra !== undefined) return null;
  const bytes = parseIp(addr);
  if (!bytes) return null;
  // A mapped IPv6 range was converted to IPv4: its prefix shrinks by 96 bits.
  const mapped = addr.includes(":") && bytes.length === 4;
  const bits = bytes.length * 8;
  if (prefixText === undefined) return { bytes, prefix: bits };
  if (!/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = Number(prefixText) - (mapped ? 96 : 0);
  if (prefix < 0 || prefix > bits) return null;
  return { bytes, prefix };
}

export function isValidIpOrCidr(text: string): boolean {
  return parseIpRange(text) !== null;
}

/** Does the client address fall in the token's `ip` claim (an address or a CIDR range)? */
export function ipMatches(claim: string, clientIp: string): boolean {
  const range = parseIpRange(claim);
  const client = parseIp(clientIp);
  if (!range || !client || client.length !== range.bytes.length) return false;
  let bits = range.prefix;
  for (let i = 0; i < client.length && bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((client[i] & mask) !== (range.bytes[i] & mask)) return false;
  }
  return true;
}

