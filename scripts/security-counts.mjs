// Prints how much the security suite exercised, from the vitest JSON reports and the property
// run counts in tests/artifacts (see scripts/test-all.sh): matrix cases (rows 2 and 3),
// property-test runs (row 17), token-forgery variants (row 9) and SSRF targets (row 13).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const dir = path.resolve(process.argv[2] ?? "tests/artifacts");
const reports = ["vitest-sqlite.json", "vitest-postgres.json", "vitest-e2e.json"]
  .map((name) => path.join(dir, name))
  .filter((file) => existsSync(file))
  .map((file) => ({ name: path.basename(file, ".json").replace("vitest-", ""), json: JSON.parse(readFileSync(file, "utf8")) }));

const tests = reports.flatMap(({ name, json }) =>
  (json.testResults ?? []).flatMap((file) => (file.assertionResults ?? []).map((t) => ({ suite: name, file: file.name ?? "", title: t.title ?? "", status: t.status }))),
);

function tally(filter) {
  const hits = tests.filter(filter);
  const passed = hits.filter((t) => t.status === "passed").length;
  return `${passed}/${hits.length} passed`;
}

const propertyDir = path.join(dir, "property-runs");
const propertyFiles = existsSync(propertyDir) ? readdirSync(propertyDir).filter((f) => f.endsWith(".json")) : [];
const propertyRuns = propertyFiles.reduce((sum, f) => sum + (JSON.parse(readFileSync(path.join(propertyDir, f), "utf8")).runs ?? 0), 0);

console.log("Security counts");
console.log(`  matrix cases (rows 2, 3):       ${tally((t) => /^[23]: /.test(t.title))}`);
console.log(`  property-test runs (row 17):    ${propertyRuns} generated cases in ${propertyFiles.length} files; ${tally((t) => t.file.includes("tests/property/"))} property tests`);
console.log(`  forgery variants (row 9):       ${tally((t) => /^9: /.test(t.title))}`);
console.log(`  SSRF targets (row 13):          ${tally((t) => t.suite === "sqlite" && t.file.endsWith("tests/unit/ssrf.test.ts"))}`);
