// Signs playback-token claims with an already imported key (the data layer finds the key).
import { SignJWT, type CryptoKey } from "jose";
import { TOKEN_ALG, TOKEN_TYPE, type PlaybackClaims } from "@/lib/tokens/claims";

export interface TokenHeader {
  alg: typeof TOKEN_ALG;
  typ: typeof TOKEN_TYPE;
  kid: string;
}

export async function signClaims(claims: PlaybackClaims, kid: string, privateKey: CryptoKey): Promise<{ token: string; header: TokenHeader }> {
  const header: TokenHeader = { alg: TOKEN_ALG, typ: TOKEN_TYPE, kid };
  const token = await new SignJWT({ ...claims }).setProtectedHeader({ ...header }).sign(privateKey);
  return { token, header };
}
