// Unit and integration tests. Node by default; a component test opts into jsdom with a
// `// @vitest-environment jsdom` comment on its first line (vitest 4 dropped environmentMatchGlobs).
// Database: SQLite by default; `TEST_DATABASE=postgres TEST_PG_URL=…` runs the same files on
// PostgreSQL (see tests/support/db.ts and db-template.ts).
import os from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;

export default defineConfig({
  resolve: {
    alias: [
      { find: /^server-only$/, replacement: path.join(root, "tests/support/empty.ts") },
      { find: /^@\//, replacement: `${root}/` },
    ],
  },
  test: {
    environment: "node",
    include: ["tests/**/*.test.ts", "tests/**/*.test.tsx"],
    exclude: ["tests/e2e/**", "**/node_modules/**"],
    // Migrates the run's template database once; each file's database is a copy of it.
    globalSetup: ["tests/support/db-template.ts"],
    // Gives each test file its own DATABASE_URL before the file imports lib/db.
    setupFiles: ["tests/support/env.ts"],
    // One worker more than there are cores (vitest's default is one fewer, so a 2-core machine ran
    // the files one at a time): many files mostly wait on child processes, real retry schedules and
    // the database, so a third worker fills the cores. On 2 cores the SQLite suite took 448 s with
    // one worker and 274 s with three (README, Tests).
    maxWorkers: os.availableParallelism() + 1,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
