// Finds the real route handler of an API contract ("PATCH /api/v1/users/{id}" →
// app/api/v1/users/[id]/route.ts, export PATCH), so sweeps can loop over API_CONTRACTS.
import path from "node:path";
import type { NextRequest } from "next/server";
import type { ApiContract } from "@/lib/api/contract";
import { splitName } from "@/lib/api/contract";

export type RouteHandler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

const ROOT = path.resolve(import.meta.dirname, "../..");

export function routeFile(contract: ApiContract): string {
  const { path: urlPath } = splitName(contract.name);
  return path.join(ROOT, "app", urlPath.replace(/\{(\w+)\}/g, "[$1]"), "route.ts");
}

export async function handlerFor(contract: ApiContract): Promise<RouteHandler> {
  const { method } = splitName(contract.name);
  const mod = (await import(/* @vite-ignore */ routeFile(contract))) as Record<string, RouteHandler>;
  const handler = mod[method];
  if (!handler) throw new Error(`${contract.name}: ${routeFile(contract)} exports no ${method}`);
  return handler;
}

/** The path parameter names of a contract ("{id}", "{kid}", "{orgId}"). */
export function pathParams(contract: ApiContract): string[] {
  return [...splitName(contract.name).path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
}

/** The concrete URL path for given parameter values. */
export function fillPath(contract: ApiContract, params: Record<string, string>): string {
  return splitName(contract.name).path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent((params[name] ?? "x").toWellFormed()));
}
