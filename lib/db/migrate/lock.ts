// The migration lock and the history: of several processes migrating one database at once, one
// applies while the others wait; the history (`_prisma_migrations`) says what is applied.
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { providerOf } from "../provider";
import { sqliteFile } from "./engine";

// Two app instances starting at once must not both apply the same migration. PostgreSQL: a
// session advisory lock (Prisma's engine uses key 72707369 itself, so we use our own key).
// SQLite: an exclusive write transaction on a side file; the OS drops it if we die.
export async function withMigrateLock<T>(url: string, fn: () => Promise<T>): Promise<T> {
  if (providerOf(url) === "postgresql") {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query("SELECT pg_advisory_lock(727073690)");
      return await fn();
    } finally {
      await client.end(); // ends the session, which releases the lock
    }
  }
  const file = sqliteFile(url);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // `timeout` is better-sqlite3's busy timeout: a second process waits here for the first.
  const lock = await new PrismaBetterSqlite3({ url: `file:${file}.migrate-lock`, timeout: 120_000 }).connect();
  try {
    await lock.executeScript("BEGIN IMMEDIATE");
    return await fn();
  } finally {
    await lock.dispose(); // closing rolls the lock transaction back
  }
}

const APPLIED_SQL = "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL";

/** Names of the migrations the database records as applied; undefined when it has no history yet. */
async function appliedMigrations(url: string): Promise<string[] | undefined> {
  if (providerOf(url) === "postgresql") {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
    } catch {
      return undefined; // no database yet: the engine creates it, or says why it cannot
    }
    try {
      const table = await client.query<{ t: string | null }>("SELECT to_regclass('_prisma_migrations')::text AS t");
      if (!table.rows[0]?.t) return undefined;
      return (await client.query<{ migration_name: string }>(APPLIED_SQL)).rows.map((r) => r.migration_name);
    } finally {
      await client.end();
    }
  }
  const file = sqliteFile(url);
  if (!fs.existsSync(file)) return undefined;
  const conn = await new PrismaBetterSqlite3({ url: `file:${file}` }).connect();
  try {
    const query = (sql: string) => conn.queryRaw({ sql, args: [], argTypes: [] });
    const table = await query("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'");
    if (table.rows.length === 0) return undefined;
    return (await query(APPLIED_SQL)).rows.map((row) => String(row[0]));
  } finally {
    await conn.dispose();
  }
}

/**
 * Whether every migration of the folder is already applied, read without the schema engine. On
 * SQLite the engine takes the file in locking_mode=EXCLUSIVE even when nothing is pending, which
 * fails while a running server has it open (a restart or `npm run org` beside a live server
 * failed for nothing); on both databases starting the engine costs seconds.
 */
export async function upToDate(url: string, names: string[]): Promise<boolean> {
  const applied = await appliedMigrations(url);
  if (applied === undefined) return false;
  const done = new Set(applied);
  return names.every((name) => done.has(name));
}
