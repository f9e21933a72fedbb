// Stops the test file's own database under a running test, and brings it back:
//  - SQLite: the client disconnects and the file is moved away, a folder put in its place, so
//    every reconnect fails to open it (SQLITE_CANTOPEN) — as a lost or unmounted volume would.
//  - PostgreSQL: the database stops accepting connections and every backend of it is
//    terminated (pg_terminate_backend), so pooled connections die and new ones are refused.
// Restoring undoes exactly that; the app's client reconnects by itself (no restart).
import fs from "node:fs";
import { db } from "@/lib/db";
import { pgAdmin } from "@/lib/db/migrate";
import { testPgServerUrl } from "@/tests/support/db";

const SQLITE_FILES = ["", "-wal", "-shm"];

export async function stopDatabase(url = process.env.DATABASE_URL!): Promise<() => Promise<void>> {
  if (url.startsWith("file:")) {
    const file = url.slice("file:".length);
    await db.$disconnect();
    const moved = SQLITE_FILES.filter((suffix) => fs.existsSync(file + suffix));
    for (const suffix of moved) fs.renameSync(file + suffix, `${file}${suffix}.away`);
    fs.mkdirSync(file);
    return async () => {
      fs.rmdirSync(file);
      for (const suffix of moved) fs.renameSync(`${file}${suffix}.away`, file + suffix);
    };
  }
  const name = new URL(url).pathname.slice(1);
  await pgAdmin(testPgServerUrl(), `ALTER DATABASE "${name}" WITH ALLOW_CONNECTIONS false`);
  await pgAdmin(testPgServerUrl(), `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}' AND pid <> pg_backend_pid()`);
  return () => pgAdmin(testPgServerUrl(), `ALTER DATABASE "${name}" WITH ALLOW_CONNECTIONS true`);
}
