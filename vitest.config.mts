// Unit and integration tests. Node by default; a component test opts into jsdom with a
// `// @vitest-environment jsdom` comment on its first line (vitest 4 dropped environmentMatchGlobs).
// Database: SQLite by default; `TEST_DATABASE=postgres TEST_PG_URL=…` runs the same files on
// PostgreSQL (see tests/support/db.ts and db-template.ts).
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
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
