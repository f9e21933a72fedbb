// vitest globalSetup: migrates one template database per run through the real engine, so each
// test file starts from a copy of it instead of migrating its own (the WASM engine costs seconds
// a file). SQLite: the template is a file named by the hash of the migrations folder, kept
// between runs (a run that finds it up to date does not migrate at all; a new one is migrated
// under a temporary name and renamed into place, so no run ever copies a half-migrated file).
// PostgreSQL: a database of this run, copied with CREATE DATABASE … TEMPLATE and dropped at the end.
// Tests of migration itself (tests/integration/db-migrations.test.ts, tests/e2e/start-up.test.ts)
// keep migrating for real.
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { migrateDatabase, pgAdmin, readMigrations, withDatabase } from "@/lib/db/migrate";
import { testDatabaseKind, testPgServerUrl } from "./db-kind";

declare module "vitest" {
  export interface ProvidedContext {
    /** The migrated database each test file copies (tests/support/db.ts); absent: migrate per file. */
    testDatabaseTemplate: string;
  }
}

/** Hash of every migration file of the provider: a changed or added migration makes a new template. */
function migrationsHash(provider: "sqlite" | "postgresql"): string {
  const list = readMigrations(provider);
  const hash = createHash("sha256").update(list.lockfile.content ?? "");
  for (const dir of list.migrationDirectories) {
    const content = dir.migrationFile.content;
    hash.update(`\0${dir.path}\0${content.tag === "ok" ? content.value : ""}`);
  }
  return hash.digest("hex").slice(0, 16);
}

async function sqliteTemplate(): Promise<string> {
  const dir = path.join(os.tmpdir(), "playgate-tests");
  const file = path.join(dir, `template-${migrationsHash("sqlite")}.db`);
  if (fs.existsSync(file)) return `file:${file}`;
  const scratch = path.join(dir, `template-${process.pid}-${randomBytes(4).toString("hex")}.db`);
  try {
    await migrateDatabase(`file:${scratch}`);
    // Only the file itself is the template: move everything from the WAL into it (a copy still
    // opens in WAL mode, which is stored in the file).
    const conn = await new PrismaBetterSqlite3({ url: `file:${scratch}` }).connect();
    await conn.executeScript("PRAGMA wal_checkpoint(TRUNCATE)");
    await conn.dispose();
    fs.renameSync(scratch, file);
  } finally {
    for (const suffix of ["", "-wal", "-shm", ".migrate-lock"]) fs.rmSync(`${scratch}${suffix}`, { force: true });
  }
  return `file:${file}`;
}

export default async function setup(project: TestProject) {
  if (testDatabaseKind() === "sqlite") {
    project.provide("testDatabaseTemplate", await sqliteTemplate());
    return;
  }
  const name = `pg_template_${process.pid}_${randomBytes(4).toString("hex")}`;
  await pgAdmin(testPgServerUrl(), `CREATE DATABASE "${name}"`);
  await migrateDatabase(withDatabase(testPgServerUrl(), name));
  project.provide("testDatabaseTemplate", withDatabase(testPgServerUrl(), name));
  return () => pgAdmin(testPgServerUrl(), `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}
