// Strict-Transport-Security for deployment mode (demo mode serves plain http on localhost).
// Pages get it from proxy.ts; /api/v1 and /api/health bypass the proxy (it costs every API call a
// second pass through Next's middleware adapter, docs/performance.md#p3, #p4) and add it in their own wrappers.
import { getConfig } from "@/lib/config";
import { HSTS } from "@/lib/security-headers";

export function withHsts<R extends { headers: Headers }>(res: R): R {
  if (getConfig().mode === "deployment") res.headers.set("Strict-Transport-Security", HSTS);
  return res;
}
