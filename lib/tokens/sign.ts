// Signs playback-token claims with an already imported key (the data layer finds the key).
import { SignJWT, type CryptoKey } from "jose";
import { TOKEN_ALG, TOKEN_TYPE, type PlaybackClaims } from "@/lib/tokens/claims";

export interface TokenHeader {
  alg: typeof TOKEN_ALG;
  typ: typeof TOKEN_TYPE;
  kid: string;
}

// Order n of the P-256 group (SEC 2 §2.4.2). An ECDSA signature (r, s) has a twin (r, n − s)
// that verifies as well; WebCrypto does not normalise s, so we do: every token we sign is low-S
// (s ≤ n/2). The verifier still accepts high-S, which about half of the older tokens are.
const P256_N = Buffer.from("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", "hex");
const P256_HALF_N = Buffer.from("7fffffff800000007fffffffffffffffde737d56d38bcf4279dce5617e3192a8", "hex");

/** The low-S form of an ES256 signature (base64url of r || s, 32 bytes each). */
export function lowS(signature: string): string {
  const bytes = Buffer.from(signature, "base64url");
  const s = bytes.subarray(32);
  if (Buffer.compare(s, P256_HALF_N) <= 0) return signature;
  // s := n − s, byte by byte from the least significant end (byte arithmetic, no BigInt: P2).
  let borrow = 0;
  for (let i = 31; i >= 0; i--) {
    const d = P256_N[i] - s[i] - borrow;
    s[i] = d & 0xff;
    borrow = d < 0 ? 1 : 0;
  }
  return bytes.toString("base64url");
}

export async function signClaims(claims: PlaybackClaims, kid: string, privateKey: CryptoKey): Promise<{ token: string; header: TokenHeader }> {
  const header: TokenHeader = { alg: TOKEN_ALG, typ: TOKEN_TYPE, kid };
  const signed = await new SignJWT({ ...claims }).setProtectedHeader({ ...header }).sign(privateKey);
  const end = signed.lastIndexOf(".") + 1;
  return { token: signed.slice(0, end) + lowS(signed.slice(end)), header };
}
