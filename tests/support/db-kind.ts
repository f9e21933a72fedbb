// Which database the tests run on, and the server that hosts PostgreSQL test databases. Apart
// from db.ts (which registers vitest hooks) so the run's globalSetup can use it too.
export type TestDatabase = "sqlite" | "postgres";

export function testDatabaseKind(): TestDatabase {
  const kind = process.env.TEST_DATABASE ?? "sqlite";
  if (kind !== "sqlite" && kind !== "postgres") throw new Error(`TEST_DATABASE must be sqlite or postgres, not ${kind}`);
  return kind;
}

/** Server that hosts the per-file test databases (the throw-away cluster of scripts/pg.sh). */
export const testPgServerUrl = () => process.env.TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:54329/postgres";
