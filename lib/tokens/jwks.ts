// The JWKS document shape: public members only, unique kids.
import type { JWK } from "jose";
import { publicMembers } from "@/lib/tokens/keys";

export interface Jwks {
  keys: JWK[];
}

export function toJwks(storedPublicJwks: string[]): Jwks {
  const seen = new Set<string>();
  const keys: JWK[] = [];
  for (const stored of storedPublicJwks) {
    const jwk = publicMembers(JSON.parse(stored) as JWK);
    if (!jwk.kid || seen.has(jwk.kid)) continue;
    seen.add(jwk.kid);
    keys.push(jwk);
  }
  return { keys };
}
