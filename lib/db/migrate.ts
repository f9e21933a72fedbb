// Migrations without the Prisma CLI: its schema-engine binary cannot be downloaded here
// (docs/stack.md#trap-1), so we drive the same engine compiled to WASM through our driver
// adapters. Migrations live in Prisma's normal layout and are recorded in `_prisma_migrations`,
// so a real `prisma migrate deploy` would agree with us. One module per job:
//   migrate/files.ts   the migration files and the schema they reproduce
//   migrate/engine.ts  the WASM engine, the driver patches it needs, Postgres/SQLite helpers
//   migrate/lock.ts    the lock several instances share, and the applied history
//   migrate/status.ts  applied/pending/failed/edited, and drift
// This file applies migrations (the start, the CLIs and the tests call it) and is the public API.
// Plain TS (no "server-only"): used by scripts, tests and server start.
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { providerOf, type DbProvider } from "./provider";
import { migrationNames, readMigrations } from "./migrate/files";
import { noFilter, sqliteFile, withEngine } from "./migrate/engine";
import { upToDate, withMigrateLock } from "./migrate/lock";

export { providerOf, type DbProvider };
export { migrationNames, migrationsDir, readMigrations, readSchema, schemaDir } from "./migrate/files";
export { pgAdmin, withDatabase, withEngine } from "./migrate/engine";
export { checkDrift, migrationStatus, pendingSchemaChange, type MigrationStatus } from "./migrate/status";

/** SQLite answers "busy" while another process holds the file; the engine reports it cryptically. */
export const isDatabaseBusy = (error: unknown) => error instanceof Error && /SocketTimeout|database is locked|SQLITE_BUSY/i.test(error.message);

/** Applies pending migrations to `url`; returns the names applied (empty when up to date). */
export async function migrateDatabase(url: string, root = process.cwd()): Promise<string[]> {
  return prepareDatabase(url, undefined, root);
}

/**
 * Migrates, then runs `setup` (the demo seed) under the same lock: of several instances starting
 * at once on one database, one migrates and seeds while the others wait, then find it done.
 * Without `setup` an up-to-date database takes no lock at all.
 */
export async function prepareDatabase(url: string, setup?: () => Promise<void>, root = process.cwd()): Promise<string[]> {
  const provider = providerOf(url);
  const names = () => migrationNames(provider, root);
  if (!setup && (await upToDate(url, names()))) return [];
  return withMigrateLock(url, async () => {
    const applied = (await upToDate(url, names())) ? [] : await applyMigrations(url, root);
    if (setup) await setup();
    return applied;
  });
}

async function applyMigrations(url: string, root: string): Promise<string[]> {
  const provider = providerOf(url);
  if (provider === "sqlite") {
    // WAL is stored in the database file, so setting it once here serves every later connection.
    const db = await new PrismaBetterSqlite3({ url: `file:${sqliteFile(url)}` }).connect();
    await db.executeScript("PRAGMA journal_mode = WAL");
    await db.dispose();
  }
  return withEngine(url, async (engine) => {
    const out = await engine.applyMigrations({ migrationsList: readMigrations(provider, root), filters: noFilter });
    return out.appliedMigrationNames;
  }, root);
}
