// `npm run org -- backup DIR`: the database and the secrets that belong to it, written together.
// Signing keys are stored encrypted with the app secret, and webhook secrets are derived from it:
// a database restored without its secrets cannot sign a token or a webhook, and secrets without
// their database protect nothing. So one command writes both (README "Operating").
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import type { AppConfig } from "@/lib/config";
import { providerOf } from "@/lib/db/provider";

export const BACKUP_FILES = { sqlite: "playgate.db", postgres: "playgate.dump", secrets: "secrets.json" } as const;

export interface BackupResult {
  dir: string;
  files: string[];
}

/**
 * Writes a consistent copy of the database (SQLite: `VACUUM INTO`, an online snapshot that a
 * running server does not block; PostgreSQL: `pg_dump --format=custom`) and the secrets file
 * (mode 600) into `dir`, which must be empty or new.
 */
export async function backupInstallation(config: AppConfig, dir: string): Promise<BackupResult> {
  const target = path.resolve(dir);
  if (existsSync(target) && readdirSync(target).length > 0) throw new Error(`${target} exists already and is not empty: back up into a new folder.`);
  mkdirSync(target, { recursive: true, mode: 0o700 });
  const files: string[] = [];
  if (providerOf(config.databaseUrl) === "postgresql") {
    const out = path.join(target, BACKUP_FILES.postgres);
    const dump = spawnSync("pg_dump", ["--format=custom", "--no-owner", "--file", out, config.databaseUrl], { encoding: "utf8" });
    if (dump.error || dump.status !== 0) throw new Error(`pg_dump failed: ${dump.error?.message ?? dump.stderr.trim()}. Install PostgreSQL's client tools (pg_dump) of the server's version.`);
    chmodSync(out, 0o600);
    files.push(out);
  } else {
    const out = path.join(target, BACKUP_FILES.sqlite);
    const db = await new PrismaBetterSqlite3({ url: config.databaseUrl }).connect();
    try {
      await db.executeScript(`VACUUM INTO '${out.replaceAll("'", "''")}'`);
    } finally {
      await db.dispose();
    }
    chmodSync(out, 0o600); // password hashes and encrypted keys: for the operator only
    files.push(out);
  }
  const secrets = path.join(target, BACKUP_FILES.secrets);
  writeFileSync(secrets, JSON.stringify({ appSecret: config.appSecret, authSecret: config.authSecret }, null, 2) + "\n", { mode: 0o600 });
  chmodSync(secrets, 0o600);
  files.push(secrets);
  return { dir: target, files };
}
