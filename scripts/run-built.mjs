// `npm run org` and `npm run migrate`: the operator's tools as `npm run build` bundled them
// (scripts/build-server.mjs), so they run in a pruned deployment without dev dependencies.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

const [tool, ...args] = process.argv.slice(2);
const file = path.resolve(import.meta.dirname, "..", process.env.PLAYGATE_DIST_DIR || ".next", `playgate-${tool}.js`);
if (!existsSync(file)) {
  console.error(`✖ ${path.relative(process.cwd(), file)} is missing: run \`npm run build\` first (the ${tool} tool is built with the app).`);
  process.exit(1);
}
const result = spawnSync(process.execPath, [file, ...args], { stdio: "inherit" });
process.exit(result.status ?? 1);
