// What the engine says about a database and the folder: which migrations are applied, pending,
// failed or edited, and whether prisma/models.prisma has changes no migration captures (drift).
import { providerOf } from "../provider";
import { noFilter, withEngine } from "./engine";
import { readMigrations, readSchema } from "./files";

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
