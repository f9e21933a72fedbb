// The `ip` restriction moved from a parser of our own to node:net (lib/tokens/ip.ts). On generated
// addresses and ranges, in every spelling (dotted, full and compressed IPv6, upper case, mapped
// IPv4 in both forms, stray characters, zone ids, bad prefixes), both make the same decisions:
// which texts are valid, and which clients a claim lets in.
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { ipMatches, isValidIpOrCidr, parseIp } from "@/lib/tokens/ip";
import * as oracle from "@/tests/support/ip-oracle";
import { PROPERTY_RUNS, runCounter } from "@/tests/support/property";

const runs = runCounter();
afterAll(() => runs.report());

const byte = fc.integer({ min: 0, max: 255 });
const group = fc.integer({ min: 0, max: 0xffff });
const v4Bytes = fc.tuple(byte, byte, byte, byte);
const v6Groups = fc.array(group, { minLength: 8, maxLength: 8 });

const dotted = (b: number[]) => b.join(".");
const hex = (g: number[], upper: boolean) => g.map((n) => (upper ? n.toString(16).toUpperCase() : n.toString(16)));
/** The longest run of zero groups written as "::", as people write IPv6. */
function compressed(groups: string[]): string {
  let best = [-1, 0];
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && Number.parseInt(groups[j], 16) === 0) j++;
    if (j - i > best[1]) best = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  if (best[1] < 2) return groups.join(":");
  return `${groups.slice(0, best[0]).join(":")}::${groups.slice(best[0] + best[1]).join(":")}`;
}

const address = fc.oneof(
  v4Bytes.map(dotted),
  v4Bytes.map((b) => `::ffff:${dotted(b)}`),
  v4Bytes.map((b) => `::ffff:${((b[0] << 8) | b[1]).toString(16)}:${((b[2] << 8) | b[3]).toString(16)}`),
  v4Bytes.map((b) => `::${dotted(b)}`),
  fc.tuple(v6Groups, fc.boolean()).map(([g, upper]) => hex(g, upper).join(":")),
  fc.tuple(v6Groups, fc.boolean()).map(([g, upper]) => compressed(hex(g, upper))),
  fc.tuple(v6Groups, fc.boolean(), fc.integer({ min: 0, max: 7 })).map(([g, upper, zeros]) => compressed(hex(g.map((n, i) => (i < zeros ? 0 : n)), upper))),
  fc.tuple(v4Bytes, fc.integer({ min: 0, max: 3 })).map(([b, i]) => b.map((n, k) => (k === i ? `0${n}` : String(n))).join(".")),
  fc.stringMatching(/^[0-9a-fA-F:.%/ ]{0,24}$/),
  fc.constantFrom("", "::", "::1", "1.2.3", "1.2.3.4.5", "fe80::1%eth0", "::ffff:0.0.0.0", "256.1.1.1", ":::", "1::2::3", " 10.0.0.1 "),
);
const prefix = fc.oneof(fc.integer({ min: 0, max: 140 }).map(String), fc.constantFrom("", "024", "x", "-1", "1.5", "0"));
const range = fc.oneof(address, fc.tuple(address, prefix).map(([a, p]) => `${a}/${p}`), fc.tuple(address, prefix, prefix).map(([a, p, q]) => `${a}/${p}/${q}`));

describe("the ip restriction on node:net decides as the parser it replaced", () => {
  it("the same texts are valid addresses and valid claims", () => {
    fc.assert(
      fc.property(address, range, (a, r) => {
        runs.count();
        expect(parseIp(a) !== null, a).toBe(oracle.parseIp(a) !== null);
        expect(isValidIpOrCidr(r), r).toBe(oracle.isValidIpOrCidr(r));
      }),
      runs.params(),
    );
  });

  it("the same clients match the same claims, near and far", () => {
    // A claim built from the client itself with a random prefix matches often; an unrelated one rarely.
    const near = fc.tuple(address, fc.integer({ min: 0, max: 128 })).map(([client, p]) => ({ client, claim: `${client}/${p}` }));
    const far = fc.tuple(address, range).map(([client, claim]) => ({ client, claim }));
    fc.assert(
      fc.property(fc.oneof(near, far), ({ client, claim }) => {
        runs.count();
        expect(ipMatches(claim, client), `${claim} ∋ ${client}`).toBe(oracle.ipMatches(claim, client));
      }),
      runs.params(5 * PROPERTY_RUNS),
    );
  });
});
