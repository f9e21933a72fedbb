// One fresh, migrated database per test file, on SQLite (default) or PostgreSQL:
//   TEST_DATABASE=postgres TEST_PG_URL=postgresql://postgres@127.0.0.1:54329/postgres npx vitest run
// Pattern: tests/support/env.ts (a setupFile) sets DATABASE_URL to a new name before the test
// file loads; the file calls setupTestDatabase() at top level, which creates and migrates that
// database in beforeAll and drops it in afterAll. lib/db connects lazily, so importing it
// statically in the test file is fine.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import { migrateDatabase, pgAdmin, providerOf, withDatabase } from "@/lib/db/migrate";

export type TestDatabase = "sqlite" | "postgres";

export function testDatabaseKind(): TestDatabase {
  const kind = process.env.TEST_DATABASE ?? "sqlite";
  if (kind !== "sqlite" && kind !== "postgres") throw new Error(`TEST_DATABASE must be sqlite or postgres, not ${kind}`);
  return kind;
}

/** Server that hosts the per-file test databases (the throw-away cluster of scripts/pg.sh). */
export const testPgServerUrl = () => process.env.TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:54329/postgres";

/** A new, not yet created database URL of the kind TEST_DATABASE selects. */
export function freshDatabaseUrl(kind = testDatabaseKind()): string {
  const id = `${process.pid}_${randomBytes(5).toString("hex")}`;
  if (kind === "postgres") return withDatabase(testPgServerUrl(), `pg_test_${id}`);
  return `file:${path.join(os.tmpdir(), "playgate-tests", `${id}.db`)}`;
}

/** Creates (PostgreSQL) and migrates the database at `url`. */
export async function createTestDatabase(url: string): Promise<void> {
  if (providerOf(url) === "postgresql") {
    await pgAdmin(testPgServerUrl(), `CREATE DATABASE "${new URL(url).pathname.slice(1)}"`);
  }
  await migrateDatabase(url);
}

export async function dropTestDatabase(url: string): Promise<void> {
  if (providerOf(url) === "postgresql") {
    await pgAdmin(testPgServerUrl(), `DROP DATABASE IF EXISTS "${new URL(url).pathname.slice(1)}" WITH (FORCE)`);
    return;
  }
  const file = url.replace(/^file:/, "");
  for (const suffix of ["", "-wal", "-shm", ".migrate-lock"]) fs.rmSync(`${file}${suffix}`, { force: true });
}

/** Call at the top of a test file that touches the database (DATABASE_URL comes from env.ts). */
export function setupTestDatabase(): void {
  const url = process.env.DATABASE_URL!;
  beforeAll(() => createTestDatabase(url));
  afterAll(async () => {
    const { disconnectDb } = await import("@/lib/db");
    await disconnectDb();
    await dropTestDatabase(url);
  });
}

/** @deprecated Old name of setupTestDatabase; eslint's rules-of-hooks flags any `use…` call at top level. */
export const useTestDatabase = setupTestDatabase;
