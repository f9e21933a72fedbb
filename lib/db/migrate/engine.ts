// The schema engine: Prisma's own, compiled to WASM (@prisma/schema-engine-wasm), driven through
// our driver adapters, with the patches the pinned adapters need (docs/stack.md#trap-1).
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";
import { providerOf } from "../provider";
import { readSchema } from "./files";

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

/** The file a `file:` URL names, absolute, without query parameters. */
export function sqliteFile(url: string): string {
  return path.resolve(url.replace(/^file:/, "").replace(/\?.*$/, ""));
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

/** No external tables or enums: the engine owns every table of the database. */
export const noFilter = { externalTables: [], externalEnums: [] };

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
