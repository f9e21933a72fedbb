// Every API contract, in the order the reference shows them. A route without a contract here is
// missing from the OpenAPI document; tests/unit/api-contracts.test.ts checks both directions.
import type { ApiContract } from "@/lib/api/contract";
import * as hooks from "./hooks";
import * as me from "./me";
import * as organisation from "./organisation";
import * as streams from "./streams";
import * as splay from "./splay";
import * as tokens from "./tokens";
import * as users from "./users";

function contractsOf(mod: Record<string, unknown>): ApiContract[] {
  return Object.values(mod).filter((v): v is ApiContract => typeof v === "object" && v !== null && "name" in v && "response" in v && "permission" in v);
}

export const API_CONTRACTS: ApiContract[] = [me, organisation, tokens, streams, users, hooks, splay].flatMap((m) => contractsOf(m as Record<string, unknown>));
