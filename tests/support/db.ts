// One fresh, migrated database per test file, on SQLite (default) or PostgreSQL:
//   TEST_DATABASE=postgres TEST_PG_URL=postgresql://postgres@127.0.0.1:54329/postgres npx vitest run
// Pattern: tests/support/env.ts (a setupFile) sets DATABASE_URL to a new name before the test
// file loads; the file calls setupTestDatabase() at top level, which creates that database in
// beforeAll and drops it in afterAll. It is a copy of the run's template database, migrated once
// by tests/support/db-template.ts (the globalSetup); a file that tests migration itself passes
// `{ migrate: true }` to migrate its own through the engine. lib/db connects lazily, so importing
// it statically in the test file is fine.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, inject } from "vitest";
import { migrateDatabase, pgAdmin, providerOf, withDatabase } from "@/lib/db/migrate";
import { testDatabaseKind, testPgServerUrl, type TestDatabase } from "./db-kind";

export { testDatabaseKind, testPgServerUrl, type TestDatabase };

/** A new, not yet created database URL of the kind TEST_DATABASE selects. */
export function freshDatabaseUrl(kind = testDatabaseKind()): string {
  const id = `${process.pid}_${randomBytes(5).toString("hex")}`;
  if (kind === "postgres") return withDatabase(testPgServerUrl(), `pg_test_${id}`);
  return `file:${path.join(os.tmpdir(), "playgate-tests", `${id}.db`)}`;
}

const databaseName = (url: string) => new URL(url).pathname.slice(1);
const sqliteFile = (url: string) => url.replace(/^file:/, "");

/**
 * Creates the database at `url`, migrated: a copy of `template` (the run's template database,
 * by default) or, with `template: null` or no template in this run, migrated through the engine.
 */
export async function createTestDatabase(url: string, { template = inject("testDatabaseTemplate") as string | null | undefined } = {}): Promise<void> {
  if (providerOf(url) === "postgresql") {
    const from = template ? ` TEMPLATE "${databaseName(template)}"` : "";
    await pgAdmin(testPgServerUrl(), `CREATE DATABASE "${databaseName(url)}"${from}`);
    if (!template) await migrateDatabase(url);
    return;
  }
  if (!template) {
    await migrateDatabase(url);
    return;
  }
  fs.mkdirSync(path.dirname(sqliteFile(url)), { recursive: true });
  fs.copyFileSync(sqliteFile(template), sqliteFile(url));
}

export async function dropTestDatabase(url: string): Promise<void> {
  if (providerOf(url) === "postgresql") {
    await pgAdmin(testPgServerUrl(), `DROP DATABASE IF EXISTS "${databaseName(url)}" WITH (FORCE)`);
    return;
  }
  const file = sqliteFile(url);
  for (const suffix of ["", "-wal", "-shm", ".migrate-lock"]) fs.rmSync(`${file}${suffix}`, { force: true });
}

/**
 * Call at the top of a test file that touches the database (DATABASE_URL comes from env.ts).
 * `migrate: true` migrates this file's database through the engine instead of copying the template.
 */
export function setupTestDatabase({ migrate = false } = {}): void {
  const url = process.env.DATABASE_URL!;
  beforeAll(() => createTestDatabase(url, migrate ? { template: null } : undefined));
  afterAll(async () => {
    const { disconnectDb } = await import("@/lib/db");
    await disconnectDb();
    await dropTestDatabase(url);
  });
}

/** @deprecated Old name of setupTestDatabase; eslint's rules-of-hooks flags any `use…` call at top level. */
export const useTestDatabase = setupTestDatabase;
