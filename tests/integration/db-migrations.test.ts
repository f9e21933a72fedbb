// The migrations folder builds the schema from nothing, once, without drift, and the client
// on top of it behaves as lib/data expects (secret columns omitted, Prisma errors recognised).
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { describe, expect, it } from "vitest";
import { db, dbProvider, isForeignKeyViolation, isNotFound, isUniqueViolation } from "@/lib/db";
import { checkDrift, migrateDatabase, migrationStatus, pgAdmin, providerOf, readMigrations } from "@/lib/db/migrate";
import { createTestDatabase, dropTestDatabase, freshDatabaseUrl, testPgServerUrl, setupTestDatabase } from "../support/db";
import { createOrganisation, createStream, createUser } from "../support/factory";

// This file's own database is migrated through the engine, not copied from the run's template.
setupTestDatabase({ migrate: true });
const url = process.env.DATABASE_URL!;
const allMigrations = () => readMigrations(providerOf(url)).migrationDirectories.map((d) => d.path);

/** A database that exists but has no tables yet (SQLite creates the file on first open). */
async function emptyDatabase(): Promise<string> {
  const scratch = freshDatabaseUrl();
  if (providerOf(scratch) === "postgresql") {
    await pgAdmin(testPgServerUrl(), `CREATE DATABASE "${new URL(scratch).pathname.slice(1)}"`);
  }
  return scratch;
}

describe("migrations", () => {
  it("apply every migration to an empty database, and nothing on a second run", async () => {
    const scratch = await emptyDatabase();
    try {
      expect(await migrateDatabase(scratch)).toEqual(allMigrations());
      expect(await migrateDatabase(scratch)).toEqual([]);
      expect(await migrationStatus(scratch)).toMatchObject({ pending: [], failed: [], applied: allMigrations() });
    } finally {
      await dropTestDatabase(scratch);
    }
  });

  it("an up-to-date database is left alone; one a migration behind gets just that one", async () => {
    const scratch = await emptyDatabase();
    // A copy of the project whose migrations folder lacks the newest migration.
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "playgate-behind-"));
    const provider = providerOf(url);
    const dir = path.relative(process.cwd(), readMigrations(provider).baseDir);
    fs.cpSync("prisma", path.join(root, "prisma"), { recursive: true });
    const newest = allMigrations().at(-1)!;
    fs.rmSync(path.join(root, dir, newest), { recursive: true });
    try {
      expect(await migrateDatabase(scratch, root)).toEqual(allMigrations().slice(0, -1));
      expect(await migrationStatus(scratch)).toMatchObject({ pending: [newest] });
      expect(await migrateDatabase(scratch)).toEqual([newest]);
      expect(await migrateDatabase(scratch)).toEqual([]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
      await dropTestDatabase(scratch);
    }
  });

  it("apply each migration once when two processes deploy at the same time", async () => {
    const scratch = await emptyDatabase();
    const deploy = () =>
      promisify(execFile)(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/migrate.ts", "deploy"], {
        env: { ...process.env, DATABASE_URL: scratch },
      });
    try {
      const outputs = (await Promise.all([deploy(), deploy()])).map((r) => r.stdout.trim()).sort();
      expect(outputs).toEqual([`applied: ${allMigrations().join(", ")}`, "no pending migrations"]);
    } finally {
      await dropTestDatabase(scratch);
    }
  }, 60_000);

  it("reproduce prisma/models.prisma exactly (no schema change left without a migration)", async () => {
    await expect(checkDrift(url)).resolves.toBeUndefined();
  });

  it("report drift when the models change without a migration", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "playgate-drift-"));
    fs.cpSync("prisma", path.join(root, "prisma"), { recursive: true, verbatimSymlinks: true });
    fs.appendFileSync(path.join(root, "prisma/models.prisma"), "\nmodel DriftProbe {\n  id String @id\n}\n");
    try {
      await expect(checkDrift(url, root)).rejects.toThrow(/DriftProbe/);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it("leave the test database migrated for the client (and re-running changes nothing)", async () => {
    expect(await migrateDatabase(url)).toEqual([]);
    expect((await migrationStatus(url)).pending).toEqual([]);
  });
});

describe("client", () => {
  it("talks to the database that DATABASE_URL names", () => {
    expect(dbProvider()).toBe(providerOf(url));
  });

  it("round-trips an organisation, a user and a stream, omitting secret columns", async () => {
    const org = await createOrganisation({ name: "Acme Live" });
    const user = await createUser(org.id, "admin", { email: "ada@acme.test" });
    await createStream(org.id, { name: "Main stage" });

    const found = await db.user.findUniqueOrThrow({ where: { email: "ada@acme.test" }, include: { org: true } });
    expect(found).toMatchObject({ id: user.id, role: "admin", org: { name: "Acme Live" } });
    expect(found).not.toHaveProperty("passwordHash");
    expect(found).not.toHaveProperty("tokenKeyHash");
    const withHash = await db.user.findUniqueOrThrow({ where: { id: user.id }, omit: { passwordHash: false } });
    expect(withHash.passwordHash).toBe("x");
    expect(await db.stream.count({ where: { orgId: org.id } })).toBe(1);
  });

  it("turns Prisma errors into ours: unique, foreign key, not found", async () => {
    const org = await createOrganisation();
    await createUser(org.id, "user", { email: "taken@acme.test" });
    const duplicate = await createUser(org.id, "user", { email: "taken@acme.test" }).catch((e: unknown) => e);
    expect(isUniqueViolation(duplicate)).toBe(true);
    expect(isNotFound(duplicate)).toBe(false);

    const orphan = await createUser("no-such-org").catch((e: unknown) => e);
    expect(isForeignKeyViolation(orphan)).toBe(true);

    const missing = await db.user.delete({ where: { id: "no-such-user" } }).catch((e: unknown) => e);
    expect(isNotFound(missing)).toBe(true);
    expect(isUniqueViolation(new Error("P2002"))).toBe(false);
  });

  // One test for both databases: each has its own settings that lib/db and lib/data rely on.
  it("opens the database as lib/data expects (SQLite: WAL, busy timeout, foreign keys; PostgreSQL: UTF-8, read committed)", async () => {
    if (providerOf(url) === "sqlite") {
      const pragma = async (name: string) => Object.values((await db.$queryRawUnsafe<object[]>(`PRAGMA ${name}`))[0])[0];
      expect(await pragma("journal_mode")).toBe("wal");
      expect(Number(await pragma("busy_timeout"))).toBe(5000);
      expect(Number(await pragma("foreign_keys"))).toBe(1);
    } else {
      const show = async (name: string) => Object.values((await db.$queryRawUnsafe<object[]>(`SHOW ${name}`))[0])[0];
      expect(await show("server_encoding")).toBe("UTF8");
      expect(await show("transaction_isolation")).toBe("read committed");
    }
  });
});

describe("template database", () => {
  // The other test files start from a copy of the run's template (tests/support/db-template.ts):
  // it must be the same database the engine makes, down to the applied history.
  it("a copy of the template has the schema and history of a database migrated by the engine", async () => {
    const copy = freshDatabaseUrl();
    await createTestDatabase(copy);
    try {
      expect(await schemaOf(copy)).toEqual(await schemaOf(url));
      expect(await migrateDatabase(copy)).toEqual([]);
      expect(await migrationStatus(copy)).toMatchObject({ pending: [], failed: [], edited: [], applied: allMigrations() });
    } finally {
      await dropTestDatabase(copy);
    }
  });
});

/** Tables, columns, indexes and constraints of a database, as comparable text. */
async function schemaOf(target: string): Promise<string[]> {
  if (providerOf(target) === "sqlite") {
    const conn = await new PrismaBetterSqlite3({ url: target }).connect();
    try {
      const query = (sql: string) => conn.queryRaw({ sql, args: [], argTypes: [] });
      const rows = (await query("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")).rows;
      return [...rows.map((r) => JSON.stringify(r)), `journal_mode=${String((await query("PRAGMA journal_mode")).rows[0]?.[0])}`];
    } finally {
      await conn.dispose();
    }
  }
  const client = new pg.Client({ connectionString: target });
  await client.connect();
  try {
    const columns = await client.query(
      "SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1, 2",
    );
    const indexes = await client.query("SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1");
    const constraints = await client.query(
      "SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1",
    );
    return [...columns.rows, ...indexes.rows, ...constraints.rows].map((r) => JSON.stringify(r));
  } finally {
    await client.end();
  }
}
