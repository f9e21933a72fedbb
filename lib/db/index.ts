// The Prisma client singleton. One build serves SQLite or PostgreSQL: the generated client is
// chosen by the scheme of DATABASE_URL (docs/stack.md#trap-2). Only lib/data imports this.
import "server-only";
import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter, SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaClient as SqliteClient, Prisma } from "@/lib/generated/sqlite/client";
import { PrismaClient as PostgresClient } from "@/lib/generated/postgres/client";
import { providerOf, type DbProvider } from "./provider";
import { rethrowClassified } from "./unavailable";
import { NotFoundError } from "@/lib/errors";

/** Secret columns stay out of every result unless a query opts in with `omit: { x: false }`. */
const omit = {
  user: { passwordHash: true, tokenKeyHash: true },
  apiSession: { tokenHash: true },
  invitation: { tokenHash: true },
  apiKey: { keyHash: true },
  signingKey: { privateKeyEnc: true },
} as const satisfies Prisma.GlobalOmitConfig;

/** Both generated clients have the same API; the SQLite one's type stands for both. */
export type Db = SqliteClient<never, typeof omit>;

const databaseUrl = () => process.env.DATABASE_URL ?? "file:./data/playgate.db";

export function dbProvider(): DbProvider {
  return providerOf(databaseUrl());
}

// better-sqlite3 opens one connection per adapter; set its pragmas there. WAL lets readers run
// beside the writer; busy_timeout makes a second writer wait instead of failing at once.
// One connection also means a query from outside an open interactive transaction would run
// inside it, and be rolled back with it: `oneAtATime` makes such queries wait for the commit.
// The folder is made on connect, not on import: a path that cannot be made answers "unavailable"
// on each query (SQLITE_CANTOPEN) instead of failing every module that imports lib/db.
function sqliteAdapter(url: string): SqlDriverAdapterFactory {
  const file = url.replace(/^file:/, "");
  const inner = new PrismaBetterSqlite3({ url: `file:${file}`, timeout: 5000 });
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    async connect() {
      try {
        fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
      } catch {
        // opening the file below fails with SQLITE_CANTOPEN, which the classifier knows
      }
      const adapter = await inner.connect();
      await adapter.executeScript("PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;");
      return oneAtATime(adapter);
    },
  };
}

const TAKE_WRITE_LOCK = `UPDATE "_prisma_migrations" SET "id" = "id" WHERE 0`;

/** Queries outside a transaction, and each transaction as a whole, run one after the other. */
function oneAtATime(adapter: SqlDriverAdapter): SqlDriverAdapter {
  let tail: Promise<void> = Promise.resolve();
  const acquire = () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const ready = tail.then(() => release);
    tail = tail.then(() => held);
    return ready;
  };
  const exclusive = async <T>(run: () => Promise<T>): Promise<T> => {
    const release = await acquire();
    try {
      return await run();
    } finally {
      release();
    }
  };
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: (query) => exclusive(() => adapter.queryRaw(query)),
    executeRaw: (query) => exclusive(() => adapter.executeRaw(query)),
    executeScript: (script) => exclusive(() => adapter.executeScript(script)),
    getConnectionInfo: adapter.getConnectionInfo?.bind(adapter),
    dispose: () => adapter.dispose(),
    async startTransaction(isolationLevel) {
      const release = await acquire();
      try {
        const tx = await adapter.startTransaction(isolationLevel);
        // Take the write lock first, waiting for it under busy_timeout: the adapter's BEGIN is
        // deferred, and a transaction that read and then wrote while another process had
        // committed meanwhile failed at once with SQLITE_BUSY (WAL cannot move a read snapshot
        // forward). A write that changes nothing takes the lock; every transaction here writes.
        // (BEGIN IMMEDIATE cannot be used: a BEGIN that fails leaves the adapter's mutex held.)
        try {
          await tx.executeRaw({ sql: TAKE_WRITE_LOCK, args: [], argTypes: [] });
        } catch (error) {
          // The engine sends ROLLBACK itself before calling rollback(), which only unlocks.
          await tx.executeRaw({ sql: "ROLLBACK", args: [], argTypes: [] }).catch(() => {});
          await tx.rollback().catch(() => {});
          throw error;
        }
        const finish = (end: () => Promise<void>) => () => end().finally(release);
        return new Proxy(tx, {
          get(target, prop) {
            if (prop === "commit") return finish(() => target.commit());
            if (prop === "rollback") return finish(() => target.rollback());
            const value = Reflect.get(target, prop, target);
            return typeof value === "function" ? value.bind(target) : value;
          },
        });
      } catch (error) {
        release();
        throw error;
      }
    },
  };
}

function createClient(url: string): Db {
  if (providerOf(url) === "sqlite") return classifyOutages(new SqliteClient({ adapter: sqliteAdapter(url), omit }));
  return classifyOutages(new PostgresClient({ adapter: new PrismaPg({ connectionString: url }), omit }) as unknown as Db);
}

/**
 * Every query, raw query and transaction of the client throws DatabaseUnavailableError when the
 * database is unreachable or unusable (lib/db/unavailable.ts), so callers tell an outage from a
 * bug by type. Queries run through the extension; a transaction that cannot start throws from
 * $transaction itself, which the proxy covers.
 */
function classifyOutages(client: Db): Db {
  const extended = client.$extends({
    query: {
      async $allOperations({ args, query }) {
        try {
          return await query(args);
        } catch (error) {
          rethrowClassified(error);
        }
      },
    },
  }) as unknown as Db;
  const transaction = extended.$transaction.bind(extended) as (...args: unknown[]) => Promise<unknown>;
  const classifiedTransaction = (...args: unknown[]) => transaction(...args).catch(rethrowClassified);
  return new Proxy(extended, {
    get: (target, prop, receiver) => (prop === "$transaction" ? classifiedTransaction : Reflect.get(target, prop, receiver)),
  });
}

// Cached on globalThis so dev hot reload does not open a new pool per edit; keyed by URL so a
// changed DATABASE_URL (tests) never reuses a client of another database.
const cache = globalThis as unknown as { __playgateDb?: { url: string; client: Db } };

function getClient(): Db {
  const url = databaseUrl();
  if (cache.__playgateDb?.url !== url) cache.__playgateDb = { url, client: createClient(url) };
  return cache.__playgateDb.client;
}

export const db: Db = getClient();

/** Tagged SQL for `$queryRaw` (parameters bound, never spliced) and joining fragments; one runtime serves both clients. */
export const sql = Prisma.sql;
export const joinSql = Prisma.join;

export async function disconnectDb(): Promise<void> {
  const cached = cache.__playgateDb;
  cache.__playgateDb = undefined;
  await cached?.client.$disconnect();
}

// Prisma error codes (checked by code, not instanceof: two generated clients, one runtime).
function prismaCode(e: unknown): string | undefined {
  const err = e as { name?: string; code?: unknown } | null;
  return err?.name === "PrismaClientKnownRequestError" && typeof err.code === "string" ? err.code : undefined;
}

/** A unique constraint rejected the write (e.g. an email already taken). */
export const isUniqueViolation = (e: unknown) => prismaCode(e) === "P2002";
/** A foreign key rejected the write (the parent row does not exist). */
export const isForeignKeyViolation = (e: unknown) => prismaCode(e) === "P2003";
/** update/delete/…OrThrow found no matching row. */
export const isNotFound = (e: unknown) => prismaCode(e) === "P2025";

/**
 * For a write to a row that a concurrent request may have deleted since it was read: the
 * missing row (P2025) or parent (P2003) becomes our NotFoundError, a 404, not a 500.
 * Use as `.catch(rowGone("Stream not found"))`.
 */
export const rowGone = (what: string) => (error: unknown): never => {
  throw isNotFound(error) || isForeignKeyViolation(error) ? new NotFoundError(what) : error;
};
