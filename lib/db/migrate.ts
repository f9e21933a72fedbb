// Migrations without the Prisma CLI: its schema-engine binary cannot be downloaded here
// (shared/STACK.md trap 1), so we drive the same engine compiled to WASM
// (@prisma/schema-engine-wasm) through our driver adapters. Migrations live in Prisma's normal
// layout (prisma/<db>/migrations/<ts>_<name>/migration.sql) and are recorded in
// `_prisma_migrations`, so a real `prisma migrate deploy` would agree with us.
// Plain TS (no "server-only"): used by scripts, tests and server start.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine, SchemasContainer } from "@prisma/schema-engine-wasm";

import { providerOf, type DbProvider } from "./provider";

export { providerOf, type DbProvider };

/** Folder of the schema for one provider: prisma/sqlite or prisma/postgres. */
export function schemaDir(provider: DbProvider, root = process.cwd()): string {
  return path.join(root, "prisma", provider === "sqlite" ? "sqlite" : "postgres");
}

export function migrationsDir(provider: DbProvider, root = process.cwd()): string {
  return path.join(schemaDir(provider, root), "migrations");
}

/** The migrations folder as the engine wants it; missing folder = no migrations. */
export function readMigrations(provider: DbProvider, root = process.cwd()): MigrationList {
  const baseDir = migrationsDir(provider, root);
  const lockPath = path.join(baseDir, "migration_lock.toml");
  const names = fs.existsSync(baseDir)
    ? fs.readdirSync(baseDir).filter((n) => fs.existsSync(path.join(baseDir, n, "migration.sql"))).sort()
    : [];
  return {
    baseDir,
    lockfile: { path: "migration_lock.toml", content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: names.map((name) => ({
      path: name,
      migrationFile: {
        path: "migration.sql",
        content: { tag: "ok", value: fs.readFileSync(path.join(baseDir, name, "migration.sql"), "utf8") },
      },
    })),
  };
}

/** The provider's schema.prisma plus the shared models, as one schema. */
export function readSchema(provider: DbProvider, root = process.cwd()): SchemasContainer {
  const dir = schemaDir(provider, root);
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".prisma")).sort();
  return { files: files.map((f) => ({ path: path.join(dir, f), content: fs.readFileSync(path.join(dir, f), "utf8") })) };
}

let engineClass: Promise<typeof SchemaEngine> | undefined;

// The package's entry imports the .wasm as an ES module (needs --experimental-wasm-modules),
// so we instantiate the module ourselves, as Prisma's own loader does.
function loadEngineClass(): Promise<typeof SchemaEngine> {
  engineClass ??= (async () => {
    const require = createRequire(path.join(process.cwd(), "package.json"));
    const pkgDir = path.dirname(require.resolve("@prisma/schema-engine-wasm"));
    // Imported by file URL: tsx's CJS mode cannot resolve bare specifiers in dynamic import().
    const runtime: typeof import("@prisma/schema-engine-wasm/schema_engine_bg") = await import(
      pathToFileURL(path.join(pkgDir, "schema_engine_bg.js")).href
    );
    const mod = new WebAssembly.Module(fs.readFileSync(path.join(pkgDir, "schema_engine_bg.wasm")));
    const instance = new WebAssembly.Instance(mod, { "./schema_engine_bg.js": runtime as never });
    runtime.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return runtime.SchemaEngine;
  })();
  return engineClass;
}

/** Postgres URL with another database name (for shadow and test databases). */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

// adapter-pg cannot map Postgres's internal `"char"` type (OID 18), which the engine's
// introspection selects (pg_constraint.contype, ...); pg returns it as a string anyway, so we
// relabel such columns as text. Patches a private method of the pinned adapter-pg 7.10.
type PgResult = { fields: { dataTypeID: number }[] };
type PerformIO = (query: unknown) => Promise<PgResult>;
function readCharAsText<T extends object>(queryable: T): T {
  const q = queryable as T & { performIO: PerformIO; startTransaction?: (...a: unknown[]) => Promise<object> };
  const performIO = q.performIO.bind(q);
  q.performIO = async (query) => {
    const result = await performIO(query);
    for (const f of result.fields) if (f.dataTypeID === 18) f.dataTypeID = 25;
    return result;
  };
  if (q.startTransaction) {
    const start = q.startTransaction.bind(q);
    q.startTransaction = async (...a) => readCharAsText(await start(...a));
  }
  return queryable;
}

// adapter-pg's own connectToShadowDb spreads `database` over a config whose connectionString
// wins, so its "shadow" would be the main database. We create and drop the shadow ourselves.
function pgFactory(url: string): SqlMigrationAwareDriverAdapterFactory {
  const main = new PrismaPg({ connectionString: url });
  return {
    provider: main.provider,
    adapterName: main.adapterName,
    connect: async () => readCharAsText(await main.connect()),
    async connectToShadowDb() {
      const name = `playgate_shadow_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
      await pgAdmin(url, `CREATE DATABASE "${name}"`);
      const adapter = readCharAsText(await new PrismaPg({ connectionString: withDatabase(url, name) }).connect());
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose();
        await pgAdmin(url, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      };
      return adapter;
    },
  };
}

// The engine replays migrations on the SQLite shadow database as one raw query, which
// better-sqlite3 refuses ("contains more than one statement"): run such scripts with exec().
type RawQuery = { sql: string; args: unknown[] };
function multiStatementAsScript<T extends object>(adapter: T): T {
  const a = adapter as T & {
    executeScript(sql: string): Promise<void>;
    executeRaw(q: RawQuery): Promise<number>;
    queryRaw(q: RawQuery): Promise<unknown>;
  };
  const isMulti = (e: unknown) => String((e as Error)?.message).includes("more than one statement");
  const executeRaw = a.executeRaw.bind(a);
  const queryRaw = a.queryRaw.bind(a);
  a.executeRaw = (q) =>
    executeRaw(q).catch(async (e) => {
      if (!isMulti(e) || q.args.length) throw e;
      await a.executeScript(q.sql);
      return 0;
    });
  a.queryRaw = (q) =>
    queryRaw(q).catch(async (e) => {
      if (!isMulti(e) || q.args.length) throw e;
      await a.executeScript(q.sql);
      return { columnNames: [], columnTypes: [], rows: [] };
    });
  return adapter;
}

function sqliteFactory(file: string): SqlMigrationAwareDriverAdapterFactory {
  const inner = new PrismaBetterSqlite3({ url: `file:${file}` });
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => multiStatementAsScript(await inner.connect()),
    connectToShadowDb: async () => multiStatementAsScript(await inner.connectToShadowDb()),
  };
}

/** Run one statement on its own connection (CREATE/DROP DATABASE cannot run in a transaction). */
export async function pgAdmin(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function sqliteFile(url: string): string {
  return path.resolve(url.replace(/^file:/, "").replace(/\?.*$/, ""));
}

// engine.free() does not close the engine's connections; a leaked SQLite connection keeps the
// file locked (the next migrate in the same process then fails with SQLITE_BUSY).
function closeAfterwards(inner: SqlMigrationAwareDriverAdapterFactory) {
  const open = new Set<{ dispose(): Promise<void> }>();
  const track = async <A extends { dispose(): Promise<void> }>(adapter: A) => {
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      if (open.delete(adapter)) await dispose();
    };
    open.add(adapter);
    return adapter;
  };
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => track(await inner.connect()),
    connectToShadowDb: async () => track(await inner.connectToShadowDb()),
    closeAll: async () => {
      await Promise.allSettled([...open].map((a) => a.dispose()));
    },
  };
}

/** Runs `fn` with a schema engine connected to `url` (SQLite shadow = in-memory database). */
export async function withEngine<T>(url: string, fn: (engine: SchemaEngine) => Promise<T>, root = process.cwd()): Promise<T> {
  const provider = providerOf(url);
  if (provider === "sqlite") fs.mkdirSync(path.dirname(sqliteFile(url)), { recursive: true });
  const factory = closeAfterwards(provider === "sqlite" ? sqliteFactory(sqliteFile(url)) : pgFactory(url));
  const Engine = await loadEngineClass();
  const schema = readSchema(provider, root);
  const debug = process.env.PLAYGATE_MIGRATE_DEBUG ? (m: string) => console.error(m) : () => {};
  const bound = bindMigrationAwareSqlAdapterFactory(factory);
  const engine = await Engine.new(
    { datamodels: schema.files.map((f) => [f.path, f.content] as [string, string]) },
    debug,
    bound,
  );
  try {
    return await fn(engine);
  } catch (e) {
    // The engine only says "External error id#N"; the driver's own error is in the registry.
    const id = /External error id#(\d+)/.exec(String((e as Error)?.message))?.[1];
    const cause = id === undefined ? undefined : bound.errorRegistry.consumeError(Number(id))?.error;
    if (cause) (e as Error).message += `\nDriver error: ${cause instanceof Error ? cause.message : JSON.stringify(cause)}`;
    throw e;
  } finally {
    engine.free();
    await factory.closeAll();
  }
}

const noFilter = { externalTables: [], externalEnums: [] };

// Two app instances starting at once must not both apply the same migration. PostgreSQL: a
// session advisory lock (Prisma's engine uses key 72707369 itself, so we use our own key).
// SQLite: an exclusive write transaction on a side file; the OS drops it if we die.
async function withMigrateLock<T>(url: string, fn: () => Promise<T>): Promise<T> {
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

/**
 * Whether every migration of the folder is already applied, read without the schema engine. On
 * SQLite the engine takes the file in locking_mode=EXCLUSIVE even when nothing is pending, which
 * fails while a running server has it open (a restart or `npm run org` beside a live server
 * failed for nothing); on both databases starting the engine costs seconds.
 */
async function upToDate(url: string, names: string[]): Promise<boolean> {
  let applied: string[];
  if (providerOf(url) === "postgresql") {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
    } catch {
      return false; // no database yet: the engine creates it, or says why it cannot
    }
    try {
      const table = await client.query<{ t: string | null }>("SELECT to_regclass('_prisma_migrations')::text AS t");
      if (!table.rows[0]?.t) return false;
      applied = (await client.query<{ migration_name: string }>(APPLIED_SQL)).rows.map((r) => r.migration_name);
    } finally {
      await client.end();
    }
  } else {
    const file = sqliteFile(url);
    if (!fs.existsSync(file)) return false;
    const conn = await new PrismaBetterSqlite3({ url: `file:${file}` }).connect();
    try {
      const query = (sql: string) => conn.queryRaw({ sql, args: [], argTypes: [] });
      const table = await query("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'");
      if (table.rows.length === 0) return false;
      applied = (await query(APPLIED_SQL)).rows.map((row) => String(row[0]));
    } finally {
      await conn.dispose();
    }
  }
  const done = new Set(applied);
  return names.every((name) => done.has(name));
}

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
  const names = () => readMigrations(provider, root).migrationDirectories.map((d) => d.path);
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

/**
 * SQL that would bring the migrations folder up to prisma/models.prisma; "" when none is needed
 * (no drift). `url` picks the provider and, for PostgreSQL, the server that hosts the shadow database.
 */
export async function pendingSchemaChange(url: string, root = process.cwd()): Promise<string> {
  const provider = providerOf(url);
  return withEngine(url, async (engine) => {
    const out = await engine.diff({
      from: { tag: "migrations", ...readMigrations(provider, root) },
      to: { tag: "schemaDatamodel", ...readSchema(provider, root) },
      script: true,
      exitCode: true,
      filters: noFilter,
    });
    return out.exitCode === 2 ? (out.stdout ?? "") : "";
  }, root);
}

/** Throws when prisma/models.prisma has changes that no migration captures. */
export async function checkDrift(url: string, root = process.cwd()): Promise<void> {
  const sql = await pendingSchemaChange(url, root);
  if (sql) throw new Error(`Schema changes without a migration (run \`npm run migrate:new <name>\`):\n${sql}`);
}

export type MigrationStatus = { applied: string[]; pending: string[]; failed: string[]; edited: string[] };

/** Which migrations of the folder are applied to `url`, pending, failed or edited after applying. */
export async function migrationStatus(url: string, root = process.cwd()): Promise<MigrationStatus> {
  const provider = providerOf(url);
  const list = readMigrations(provider, root);
  const all = list.migrationDirectories.map((d) => d.path);
  return withEngine(url, async (engine) => {
    const out = await engine.diagnoseMigrationHistory({ migrationsList: list, optInToShadowDatabase: false, filters: noFilter });
    const pending = out.history?.diagnostic === "databaseIsBehind" ? out.history.unappliedMigrationNames
      : out.history?.diagnostic === "historiesDiverge" ? out.history.unappliedMigrationNames
      : out.hasMigrationsTable ? [] : all;
    return { applied: all.filter((n) => !pending.includes(n)), pending, failed: out.failedMigrationNames, edited: out.editedMigrationNames };
  }, root);
}
