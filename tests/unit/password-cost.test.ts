// New password hashes carry scrypt's full cost outside tests. The lower test cost
// (PLAYGATE_TEST_SCRYPT_N, set for the suite by tests/support/env.ts) is honoured only while
// NODE_ENV is "test": a server started with the variable still hashes at N=2^15.
import { afterEach, describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "@/lib/crypto";

const saved = { node: process.env.NODE_ENV, n: process.env.PLAYGATE_TEST_SCRYPT_N };
const env = process.env as Record<string, string | undefined>;
afterEach(() => {
  env.NODE_ENV = saved.node;
  env.PLAYGATE_TEST_SCRYPT_N = saved.n;
});

const costOf = (hash: string) => hash.split("$").slice(1, 4).map(Number);

describe("password hash cost", () => {
  it("is N=2^15, r=8, p=3 when NODE_ENV is production, whatever PLAYGATE_TEST_SCRYPT_N says", async () => {
    env.NODE_ENV = "production";
    env.PLAYGATE_TEST_SCRYPT_N = "1024";
    const hash = await hashPassword("correct horse battery");
    expect(costOf(hash)).toEqual([32768, 8, 3]);
    expect(await verifyPassword("correct horse battery", hash)).toBe(true);
  });

  it("takes the test cost only under test, never below 2^10 nor above the real one; both verify", async () => {
    env.NODE_ENV = "test";
    env.PLAYGATE_TEST_SCRYPT_N = "1024";
    const cheap = await hashPassword("pw-one");
    expect(costOf(cheap)).toEqual([1024, 8, 3]);
    expect(await verifyPassword("pw-one", cheap)).toBe(true);
    expect(await verifyPassword("pw-two", cheap)).toBe(false);
    for (const n of ["16", "65536", "abc", ""]) {
      env.PLAYGATE_TEST_SCRYPT_N = n;
      expect(costOf(await hashPassword("pw")), n).toEqual([32768, 8, 3]);
    }
  });
});
