// Our session-cookie codec must read and write exactly what next-auth's own codec does (cookies
// issued before the switch keep working, and next-auth can read ours), and refuse the wrong secret.
import { describe, expect, it } from "vitest";
import { decode as nextAuthDecode, encode as nextAuthEncode } from "next-auth/jwt";
import { decode, encode } from "@/lib/auth/jwt-codec";

const secret = "test-secret-0123456789abcdef0123456789abcdef";
const token = { sub: "u1", email: "ana@x.com", sid: "s1", st: "pg_st_x", org: "o1", role: "admin" };

describe("session cookie codec", () => {
  it("decodes what next-auth encodes, and next-auth decodes what we encode", async () => {
    expect(await decode({ token: await nextAuthEncode({ token, secret }), secret })).toMatchObject(token);
    const ours = await encode({ token, secret, maxAge: 60 });
    const read = await nextAuthDecode({ token: ours, secret });
    expect(read).toMatchObject(token);
    expect(Number(read!.exp) - Number(read!.iat)).toBe(60);
    expect(typeof read!.jti).toBe("string");
  });

  it("keeps salts apart and refuses another secret or a tampered cookie", async () => {
    const ours = await encode({ token, secret });
    await expect(decode({ token: ours, secret: `${secret}-other` })).rejects.toThrow();
    await expect(decode({ token: ours, secret, salt: "other" })).rejects.toThrow();
    const parts = ours.split(".");
    parts[3] = parts[3].slice(0, -2) + (parts[3].endsWith("AA") ? "BB" : "AA");
    await expect(decode({ token: parts.join("."), secret })).rejects.toThrow();
    expect(await decode({ token: undefined, secret })).toBeNull();
  });

  it("refuses an expired cookie", async () => {
    const expired = await encode({ token, secret, maxAge: -60 });
    await expect(decode({ token: expired, secret })).rejects.toThrow();
  });
});
