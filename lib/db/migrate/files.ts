// The migration files: Prisma's normal layout (prisma/<db>/migrations/<ts>_<name>/migration.sql
// beside migration_lock.toml) and the schema they must reproduce, read as the engine wants them.
import fs from "node:fs";
import path from "node:path";
import type { MigrationList, SchemasContainer } from "@prisma/schema-engine-wasm";
import type { DbProvider } from "../provider";

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

/** Names of the folder's migrations, oldest first. */
export const migrationNames = (provider: DbProvider, root = process.cwd()): string[] =>
  readMigrations(provider, root).migrationDirectories.map((d) => d.path);

/** The provider's schema.prisma plus the shared models, as one schema. */
export function readSchema(provider: DbProvider, root = process.cwd()): SchemasContainer {
  const dir = schemaDir(provider, root);
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".prisma")).sort();
  return { files: files.map((f) => ({ path: path.join(dir, f), content: fs.readFileSync(path.join(dir, f), "utf8") })) };
}
