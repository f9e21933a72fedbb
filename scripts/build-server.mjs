// `npm run build`'s last step: bundles server.ts (and the parts of lib/ and prisma/ it loads:
// config, migrations, the demo seed) into .next/playgate-server.js, and the operator's tools
// (scripts/org.ts, scripts/migrate.ts) beside it, so a deployment runs on plain Node: no
// TypeScript loader resident beside the server, no dev dependency needed after `npm prune`. Packages stay external: they are in
// node_modules at run time. `server-only` guards client bundles; this is the server, so it is
// replaced by an empty module here (Next's own bundle keeps its guard).
import { build } from "esbuild";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const distDir = process.env.PLAYGATE_DIST_DIR || ".next";

const bundles = { "playgate-server.js": "server.ts", "playgate-org.js": "scripts/org.ts", "playgate-migrate.js": "scripts/migrate.ts" };

await Promise.all(Object.entries(bundles).map(([out, entry]) => build({
  entryPoints: [path.join(root, entry)],
  outfile: path.join(root, distDir, out),
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  packages: "external",
  alias: { "server-only": path.join(root, "lib/server/empty-module.ts") },
  tsconfig: path.join(root, "tsconfig.json"),
  logLevel: "error",
  legalComments: "none",
  // The generated Prisma clients read import.meta.url, which CommonJS output lacks.
  banner: { js: 'const __playgateImportMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
  define: { "import.meta.url": "__playgateImportMetaUrl" },
})));
