import type { NextConfig } from "next";
import { API_CSP, STATIC_SECURITY_HEADERS } from "./lib/security-headers";

const nextConfig: NextConfig = {
  // The bench builds into its own folder so it never clobbers the lead's .next.
  distDir: process.env.PLAYGATE_DIST_DIR || ".next",
  // The bench measures whatever is in the shared tree; type errors are `npm run typecheck`'s job there.
  typescript: { ignoreBuildErrors: process.env.PLAYGATE_SKIP_TYPECHECK === "1" },
  poweredByHeader: false,
  reactStrictMode: true,
  serverExternalPackages: ["@prisma/adapter-better-sqlite3", "better-sqlite3", "@prisma/adapter-pg", "pg"],
  // Security headers (SECURITY.md row 16): the static ones on every response; the strict CSP only
  // where proxy.ts does not run (its matcher's exclusions, the same list), because pages get a
  // per-request nonce CSP from the proxy and a second CSP header would be enforced as well.
  async headers() {
    return [
      { source: "/:path*", headers: Object.entries(STATIC_SECURITY_HEADERS).map(([key, value]) => ({ key, value })) },
      { source: "/:path((?:api/v1/|api/health|_next/static|_next/image|favicon.ico|robots.txt|manifest.webmanifest|icon.svg).*)", headers: [{ key: "Content-Security-Policy", value: API_CSP }] },
    ];
  },
};

export default nextConfig;
